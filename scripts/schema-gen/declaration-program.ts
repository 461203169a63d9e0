import { readdirSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { createRequire } from "node:module";
import ts from "typescript";

/** A package's `.d.ts` files loaded with a type checker, so references resolve across imports. */
export interface DeclarationProgram {
  checker: ts.TypeChecker;
  /** Interfaces declared in the package's own files (not in its dependencies). */
  interfaces: ts.InterfaceDeclaration[];
  /** The declaration a type reference names (following imports and `export { A as B }`). */
  declarationOf(name: ts.EntityName): ts.Declaration | undefined;
  /** A stable definition name for a declaration: its module path and name, dotted. */
  definitionName(declaration: ts.InterfaceDeclaration | ts.TypeAliasDeclaration): string;
}

const require = createRequire(import.meta.url);

/** Folder of an installed package (works for npm aliases such as `kubernetes-types-1.18`). */
export function packageFolder(packageName: string): string {
  return dirname(require.resolve(`${packageName}/package.json`));
}

export function loadDeclarationProgram(packageName: string): DeclarationProgram {
  const root = packageFolder(packageName);
  const files = (readdirSync(root, { recursive: true }) as string[])
    .filter((file) => file.endsWith(".d.ts") && !file.includes("node_modules"))
    .map((file) => join(root, file));
  const program = ts.createProgram(files, {
    noEmit: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const interfaces: ts.InterfaceDeclaration[] = [];
  for (const source of program.getSourceFiles()) {
    if (!source.fileName.startsWith(root + sep) || relative(root, source.fileName).includes("node_modules")) continue;
    for (const statement of source.statements) if (ts.isInterfaceDeclaration(statement)) interfaces.push(statement);
  }
  return {
    checker,
    interfaces,
    declarationOf(name) {
      let symbol = checker.getSymbolAtLocation(name);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      return symbol?.declarations?.find((d) => ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d) || ts.isClassDeclaration(d));
    },
    definitionName(declaration) {
      return `${modulePath(declaration.getSourceFile().fileName, root)}.${declaration.name.text}`;
    },
  };
}

/** `…/node_modules/@scope/pkg/apis/meta/v1/ObjectMeta.d.ts` -> `apis.meta.v1.ObjectMeta`. */
function modulePath(fileName: string, root: string): string {
  const inPackage = fileName.startsWith(root + sep);
  let path = inPackage ? relative(root, fileName) : fileName.slice(fileName.lastIndexOf(`node_modules${sep}`) + 13);
  if (!inPackage) path = path.split(sep).slice(path.startsWith("@") ? 2 : 1).join(sep);
  return path.replace(/\.d\.ts$/, "").split(sep).join(".");
}
