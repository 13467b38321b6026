import { applyChangesToString, ChangeType, type Tree } from '@nx/devkit';
import * as ts from 'typescript';

export const TOPOLOGY_PATH = 'stacks/topology.ts';

/** What the generators need to know of stacks/topology.ts, read from its source (not executed). */
export interface TopologyFacts {
  readonly environments: readonly string[];
  readonly teams: readonly string[];
  readonly services: readonly string[];
}

interface Parsed {
  readonly source: string;
  readonly object: ts.ObjectLiteralExpression;
}

function parse(tree: Tree): Parsed {
  const source = tree.read(TOPOLOGY_PATH, 'utf-8');
  if (source === null) {
    throw new Error(`${TOPOLOGY_PATH} not found. Run the generator from the root of the platform workspace.`);
  }
  return parseSource(source);
}

function parseSource(source: string): Parsed {
  const file = ts.createSourceFile(TOPOLOGY_PATH, source, ts.ScriptTarget.Latest, true);
  let object: ts.ObjectLiteralExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (
      !object &&
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'defineTopology' &&
      node.arguments[0] &&
      ts.isObjectLiteralExpression(node.arguments[0])
    ) {
      object = node.arguments[0];
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (!object)
    throw new Error(`${TOPOLOGY_PATH} has no defineTopology({ ... }) call with an object literal.`);
  return { source, object };
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.Expression {
  for (const p of object.properties) {
    if (ts.isPropertyAssignment(p) && propertyName(p.name) === name) return p.initializer;
  }
  throw new Error(`${TOPOLOGY_PATH}: defineTopology({ ... }) has no "${name}" property.`);
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

function keys(expression: ts.Expression, what: string): string[] {
  if (!ts.isObjectLiteralExpression(expression)) {
    throw new Error(
      `${TOPOLOGY_PATH}: "${what}" must be an object literal for generators to read and edit it.`,
    );
  }
  return expression.properties
    .map((p) => (p.name ? propertyName(p.name as ts.PropertyName) : undefined))
    .filter((k): k is string => !!k);
}

export function readTopologyFacts(tree: Tree): TopologyFacts {
  return topologyFacts(parse(tree));
}

/** The same facts from the file's text (the executors read the workspace, not a generator tree). */
export function topologyFactsFromSource(source: string): TopologyFacts {
  return topologyFacts(parseSource(source));
}

function topologyFacts({ object }: Parsed): TopologyFacts {
  const environments = property(object, 'environments');
  if (!ts.isArrayLiteralExpression(environments)) {
    throw new Error(`${TOPOLOGY_PATH}: "environments" must be an array literal of strings.`);
  }
  return {
    environments: environments.elements.filter(ts.isStringLiteral).map((e) => e.text),
    teams: keys(property(object, 'teams'), 'teams'),
    services: keys(property(object, 'services'), 'services'),
  };
}

/** Adds `<service>: { team: '<team>' },` as the last entry of `services`. */
export function addServiceToTopology(tree: Tree, service: string, team: string): void {
  const { source, object } = parse(tree);
  const services = property(object, 'services');
  if (!ts.isObjectLiteralExpression(services)) {
    throw new Error(`${TOPOLOGY_PATH}: "services" must be an object literal for generators to edit it.`);
  }
  // Kebab-case names with a hyphen (order-history) are not identifiers: as keys they need quotes.
  const key = /^[A-Za-z_$][\w$]*$/.test(service) ? service : `'${service}'`;
  const entry = `${key}: { team: '${team}' },`;
  const last = services.properties[services.properties.length - 1];
  // After the last entry (and its comma), or straight after "{" when there is none.
  const index = last ? nextCommaEnd(source, last.end) : services.getStart() + 1;
  const separator = last && !services.properties.hasTrailingComma ? ',' : '';
  tree.write(
    TOPOLOGY_PATH,
    applyChangesToString(source, [{ type: ChangeType.Insert, index, text: `${separator}\n    ${entry}` }]),
  );
}

/** After the entry's comma and a comment on the same line, if any. */
function nextCommaEnd(source: string, from: number): number {
  const match = /^[ \t]*,?[ \t]*(\/\/[^\n]*)?/.exec(source.slice(from));
  return match ? from + match[0].length : from;
}
