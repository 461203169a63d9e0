import type { Environment } from "@marcbachmann/cel-js";

/** An IP address as the Kubernetes ip library holds it: family and 32- or 128-bit value. */
export class IpAddress {
  constructor(
    readonly family: 4 | 6,
    readonly value: bigint,
  ) {}
}

/** A CIDR block: its address (as written) and prefix length. */
export class Cidr {
  constructor(
    readonly address: IpAddress,
    readonly prefix: number,
  ) {}
}

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function parseV4(text: string): bigint | undefined {
  if (!V4.test(text)) return undefined; // no leading zeros, as the API server's parser requires
  return text.split(".").reduce((value, part) => (value << 8n) | BigInt(part), 0n);
}

function parseV6(text: string): bigint | undefined {
  if (text.length > 45 || text.includes("%")) return undefined; // zones are refused
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(":");
  if (text.slice(lastColon + 1).includes(".")) {
    tailV4 = parseV4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split("::");
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...right];
  if (!all.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
  let value = all.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n);
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

/** Parses an IPv4 or IPv6 address; IPv4-mapped IPv6 addresses are refused, as in Kubernetes. */
export function parseIp(text: string): IpAddress | undefined {
  const v4 = parseV4(text);
  if (v4 !== undefined) return new IpAddress(4, v4);
  const v6 = parseV6(text);
  if (v6 === undefined || v6 >> 32n === 0xffffn) return undefined;
  return new IpAddress(6, v6);
}

export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf("/");
  if (slash < 0 || !/^(0|[1-9]\d{0,2})$/.test(text.slice(slash + 1))) return undefined;
  const address = parseIp(text.slice(0, slash));
  const prefix = Number(text.slice(slash + 1));
  if (!address || prefix > bits(address)) return undefined;
  return new Cidr(address, prefix);
}

const bits = (ip: IpAddress) => (ip.family === 4 ? 32 : 128);
const mask = (family: 4 | 6, prefix: number) => {
  const width = BigInt(family === 4 ? 32 : 128);
  return ((1n << width) - 1n) ^ ((1n << (width - BigInt(prefix))) - 1n);
};

function contains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.address.family !== ip.family) return false;
  const m = mask(ip.family, cidr.prefix);
  return (cidr.address.value & m) === (ip.value & m);
}

function format(ip: IpAddress): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((ip.value >> shift) & 255n)).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => ((ip.value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  // Longest run of two or more zero groups becomes "::" (RFC 5952).
  let best = { start: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.start < 0) return groups.join(":");
  return `${groups.slice(0, best.start).join(":")}::${groups.slice(best.start + best.length).join(":")}`;
}

const ip = (text: string) => parseIp(text) ?? fail(`IP Address ${JSON.stringify(text)} parse error during conversion from string`);
const cidr = (text: string) => parseCidr(text) ?? fail(`network address parse error during conversion from string: ${JSON.stringify(text)}`);
function fail(message: string): never {
  throw new Error(message);
}

const inRange = (value: bigint, base: bigint, prefix: number, family: 4 | 6) => (value & mask(family, prefix)) === base;

/** Kubernetes' ip and cidr libraries. */
export function registerIpLibrary(env: Environment): void {
  env.registerType("net.IP", IpAddress);
  env.registerType("net.CIDR", Cidr);
  env.registerFunction("ip(string): net.IP", ip);
  env.registerFunction("isIP(string): bool", (text: string) => parseIp(text) !== undefined);
  env.registerFunction("string(net.IP): string", format);
  env.registerFunction("net.IP.family(): int", (address: IpAddress) => BigInt(address.family));
  env.registerFunction("net.IP.isUnspecified(): bool", (address: IpAddress) => address.value === 0n);
  env.registerFunction("net.IP.isLoopback(): bool", (a: IpAddress) => (a.family === 4 ? inRange(a.value, 0x7f000000n, 8, 4) : a.value === 1n));
  env.registerFunction("net.IP.isLinkLocalMulticast(): bool", (a: IpAddress) => (a.family === 4 ? inRange(a.value, 0xe0000000n, 24, 4) : inRange(a.value, 0xff02n << 112n, 16, 6)));
  env.registerFunction("net.IP.isLinkLocalUnicast(): bool", (a: IpAddress) => (a.family === 4 ? inRange(a.value, 0xa9fe0000n, 16, 4) : inRange(a.value, 0xfe80n << 112n, 10, 6)));
  env.registerFunction("net.IP.isGlobalUnicast(): bool", (a: IpAddress) => {
    if (a.value === 0n) return false;
    if (a.family === 4) return !inRange(a.value, 0x7f000000n, 8, 4) && !inRange(a.value, 0xa9fe0000n, 16, 4) && !inRange(a.value, 0xe0000000n, 4, 4) && a.value !== 0xffffffffn;
    return a.value !== 1n && !inRange(a.value, 0xfe80n << 112n, 10, 6) && !inRange(a.value, 0xffn << 120n, 8, 6);
  });
  env.registerOperator("net.IP == net.IP", (a: IpAddress, b: IpAddress) => a.family === b.family && a.value === b.value);
  env.registerFunction("cidr(string): net.CIDR", cidr);
  env.registerFunction("isCIDR(string): bool", (text: string) => parseCidr(text) !== undefined);
  env.registerFunction("string(net.CIDR): string", (block: Cidr) => `${format(block.address)}/${block.prefix}`);
  env.registerFunction("net.CIDR.containsIP(net.IP): bool", contains);
  env.registerFunction("net.CIDR.containsIP(string): bool", (block: Cidr, text: string) => contains(block, ip(text)));
  env.registerFunction("net.CIDR.containsCIDR(net.CIDR): bool", (a: Cidr, b: Cidr) => b.prefix >= a.prefix && contains(a, b.address));
  env.registerFunction("net.CIDR.containsCIDR(string): bool", (a: Cidr, text: string) => {
    const b = cidr(text);
    return b.prefix >= a.prefix && contains(a, b.address);
  });
  env.registerFunction("net.CIDR.ip(): net.IP", (block: Cidr) => block.address);
  env.registerFunction("net.CIDR.masked(): net.CIDR", (block: Cidr) => new Cidr(new IpAddress(block.address.family, block.address.value & mask(block.address.family, block.prefix)), block.prefix));
  env.registerFunction("net.CIDR.prefixLength(): int", (block: Cidr) => BigInt(block.prefix));
  env.registerOperator("net.CIDR == net.CIDR", (a: Cidr, b: Cidr) => a.prefix === b.prefix && a.address.family === b.address.family && a.address.value === b.address.value);
}
