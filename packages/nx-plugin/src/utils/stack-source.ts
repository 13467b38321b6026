import type { Tree } from '@nx/devkit';
import { findNodes, insertChange, insertImport } from '@nx/js';
import * as ts from 'typescript';

/**
 * Edits a service's stack.ts: appends statements at the end of the stack class constructor and
 * adds the named imports they need (by module, e.g. `{ '@platform/constructs': ['SqsConsumer'] }`).
 * Works on the AST through @nx/js's utilities, so hand edits elsewhere in the file survive.
 */
export function appendToStackConstructor(
  tree: Tree,
  path: string,
  statements: string,
  imports: Readonly<Record<string, readonly string[]>>,
): void {
  let file = parse(tree, path);
  const ctor = findStackConstructor(file);
  if (!ctor?.body) {
    throw new Error(
      `${path}: no "export default class ... extends ServiceStack" with a constructor. Add the function's wiring by hand.`,
    );
  }
  // At the start of the line holding the constructor's "}", after any trailing comments.
  const closing = ctor.body.getEnd() - 1;
  const lineStart = file.text.lastIndexOf('\n', closing) + 1;
  const indented = statements
    .trimEnd()
    .split('\n')
    .map((line) => (line ? `    ${line}` : line))
    .join('\n');
  file = insertChange(tree, file, path, lineStart, `${indented}\n`);

  for (const [module, names] of Object.entries(imports)) {
    for (const name of names) file = addNamedImport(tree, file, path, name, module);
  }
}

/** True when the stack source declares a variable `<name>` (e.g. the service's HTTP API, `api`). */
export function declaresConst(tree: Tree, path: string, name: string): boolean {
  if (!tree.exists(path)) return false;
  return findNodes(parse(tree, path), ts.SyntaxKind.VariableDeclaration).some(
    (node) => ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name,
  );
}

/**
 * `insertImport` of @nx/js merges into the module's import, or adds one after the last import; a
 * type-only import cannot take a value, so next to one a value import is added instead.
 */
function addNamedImport(
  tree: Tree,
  file: ts.SourceFile,
  path: string,
  name: string,
  module: string,
): ts.SourceFile {
  const imports = file.statements.filter(ts.isImportDeclaration);
  const declarations = imports.filter(
    (s) => ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === module,
  );
  if (declarations.length > 0 && declarations.every((s) => s.importClause?.isTypeOnly)) {
    const last = imports[imports.length - 1];
    return insertChange(tree, file, path, last.getEnd(), `\nimport { ${name} } from '${module}';`);
  }
  return insertImport(tree, file, path, name, module);
}

function parse(tree: Tree, path: string): ts.SourceFile {
  const source = tree.read(path, 'utf-8');
  if (source === null)
    throw new Error(`${path} not found: the service has no stack. Create it with the service generator.`);
  return ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true);
}

function findStackConstructor(file: ts.SourceFile): ts.ConstructorDeclaration | undefined {
  for (const statement of file.statements) {
    if (!ts.isClassDeclaration(statement)) continue;
    const isDefault = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (!isDefault) continue;
    return statement.members.find(ts.isConstructorDeclaration);
  }
  return undefined;
}
