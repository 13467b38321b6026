import { applyChangesToString, ChangeType, type StringChange, type Tree } from '@nx/devkit';
import * as ts from 'typescript';

/**
 * Edits a service's stack.ts: appends statements at the end of the stack class constructor and
 * adds the named imports they need (by module, e.g. `{ '@platform/constructs': ['SqsConsumer'] }`).
 * Works on the AST, so hand edits elsewhere in the file survive.
 */
export function appendToStackConstructor(
  tree: Tree,
  path: string,
  statements: string,
  imports: Readonly<Record<string, readonly string[]>>,
): void {
  const source = tree.read(path, 'utf-8');
  if (source === null)
    throw new Error(`${path} not found: the service has no stack. Create it with the service generator.`);
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true);

  const ctor = findStackConstructor(file);
  if (!ctor?.body) {
    throw new Error(
      `${path}: no "export default class ... extends ServiceStack" with a constructor. Add the function's wiring by hand.`,
    );
  }
  const changes: StringChange[] = [];
  // At the start of the line holding the constructor's "}", after any trailing comments.
  const closing = ctor.body.getEnd() - 1;
  const lineStart = source.lastIndexOf('\n', closing) + 1;
  const indented = statements
    .trimEnd()
    .split('\n')
    .map((line) => (line ? `    ${line}` : line))
    .join('\n');
  changes.push({ type: ChangeType.Insert, index: lineStart, text: `${indented}\n` });

  for (const [module, names] of Object.entries(imports)) changes.push(...importChanges(file, module, names));
  tree.write(path, applyChangesToString(source, changes));
}

/** True when the stack source already declares `const <name>` (e.g. the service's HTTP API). */
export function declaresConst(tree: Tree, path: string, name: string): boolean {
  const source = tree.read(path, 'utf-8') ?? '';
  return new RegExp(`\\bconst ${name}\\b`).test(source);
}

/** Adds the names missing from the module's named import, or a new import after the last one. */
function importChanges(file: ts.SourceFile, module: string, names: readonly string[]): StringChange[] {
  const imports = file.statements.filter(ts.isImportDeclaration);
  const declaration = imports.find(
    (s) =>
      ts.isStringLiteral(s.moduleSpecifier) &&
      s.moduleSpecifier.text === module &&
      !s.importClause?.isTypeOnly,
  );
  const bindings = declaration?.importClause?.namedBindings;
  const named = bindings && ts.isNamedImports(bindings) ? bindings : undefined;
  const present = new Set(named?.elements.map((e) => e.name.text) ?? []);
  const missing = names.filter((name) => !present.has(name));
  if (missing.length === 0) return [];
  if (named && named.elements.length > 0) {
    const last = named.elements[named.elements.length - 1];
    return [{ type: ChangeType.Insert, index: last.getEnd(), text: `, ${missing.join(', ')}` }];
  }
  const statement = `import { ${missing.join(', ')} } from '${module}';\n`;
  const after = imports[imports.length - 1];
  return after
    ? [{ type: ChangeType.Insert, index: after.getEnd(), text: `\n${statement.trimEnd()}` }]
    : [{ type: ChangeType.Insert, index: 0, text: statement }];
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
