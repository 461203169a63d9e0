import type { Environment } from "@marcbachmann/cel-js";

class Base64Namespace {}
class StringsNamespace {}

/** base64.encode/decode and strings.quote, from CEL's encoders and strings extensions. */
export function registerEncodersLibrary(env: Environment): void {
  env.registerType("Base64Namespace", Base64Namespace);
  env.registerConstant("base64", "Base64Namespace", new Base64Namespace());
  env.registerFunction("Base64Namespace.encode(bytes): string", (_: unknown, data: Uint8Array) => Buffer.from(data).toString("base64"));
  env.registerFunction("Base64Namespace.decode(string): bytes", (_: unknown, text: string) => {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new Error(`illegal base64 data: ${JSON.stringify(text.slice(0, 40))}`);
    return new Uint8Array(Buffer.from(text, "base64"));
  });
  env.registerType("StringsNamespace", StringsNamespace);
  env.registerConstant("strings", "StringsNamespace", new StringsNamespace());
  env.registerFunction("StringsNamespace.quote(string): string", (_: unknown, text: string) => JSON.stringify(text));
}
