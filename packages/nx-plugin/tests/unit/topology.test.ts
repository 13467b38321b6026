import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import * as ts from 'typescript';
import {
  addServiceToTopology,
  readTopologyFacts,
  TOPOLOGY_PATH,
  topologyFactsFromSource,
} from '../../src/utils/topology';

const TOPOLOGY = `import { defineTopology } from './lib/topology';

export const topology = defineTopology({
  organization: 'acme',
  repository: 'acme/platform',
  environments: ['dev', 'staging', 'prod'],
  defaultRegion: 'eu-west-1',
  accounts: { 'a-dev': { id: '111111111111' } },
  teams: {
    commerce: { accounts: { dev: 'a-dev' } },
    'data-platform': { accounts: { dev: 'a-dev' } },
  },
  services: {
    orders: { team: 'commerce' }, // the first service
  },
});
`;

describe('topology source edits', () => {
  it('reads environments, teams and services without executing the file', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write(TOPOLOGY_PATH, TOPOLOGY);
    expect(readTopologyFacts(tree)).toEqual({
      environments: ['dev', 'staging', 'prod'],
      teams: ['commerce', 'data-platform'],
      services: ['orders'],
    });
  });

  it("reads the same facts from the file's text, for the cdktf executor", () => {
    expect(topologyFactsFromSource(TOPOLOGY)).toEqual({
      environments: ['dev', 'staging', 'prod'],
      teams: ['commerce', 'data-platform'],
      services: ['orders'],
    });
  });

  it('appends a service after the last entry, keeping comments', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write(TOPOLOGY_PATH, TOPOLOGY);
    addServiceToTopology(tree, 'billing', 'data-platform');
    const source = tree.read(TOPOLOGY_PATH, 'utf-8')!;
    expect(source).toContain(
      "orders: { team: 'commerce' }, // the first service\n    billing: { team: 'data-platform' },",
    );
    expect(readTopologyFacts(tree).services).toEqual(['orders', 'billing']);
  });

  it('quotes a service name that is not an identifier, so the topology still compiles', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write(TOPOLOGY_PATH, TOPOLOGY);
    addServiceToTopology(tree, 'order-history', 'commerce');
    const source = tree.read(TOPOLOGY_PATH, 'utf-8')!;
    expect(source).toContain("\n    'order-history': { team: 'commerce' },");
    expect(ts.transpileModule(source, { reportDiagnostics: true }).diagnostics).toEqual([]);
    expect(readTopologyFacts(tree).services).toEqual(['orders', 'order-history']);
  });

  it('adds a comma when the last entry has none, and fills an empty services object', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write(
      TOPOLOGY_PATH,
      TOPOLOGY.replace("orders: { team: 'commerce' }, // the first service", "orders: { team: 'commerce' }"),
    );
    addServiceToTopology(tree, 'billing', 'commerce');
    expect(readTopologyFacts(tree).services).toEqual(['orders', 'billing']);

    const empty = createTreeWithEmptyWorkspace();
    empty.write(TOPOLOGY_PATH, TOPOLOGY.replace(/services: \{[\s\S]*?\n {2}\},/, 'services: {},'));
    addServiceToTopology(empty, 'billing', 'commerce');
    expect(readTopologyFacts(empty).services).toEqual(['billing']);
  });

  it('explains what it needs when the topology is missing or not a literal', () => {
    const tree = createTreeWithEmptyWorkspace();
    expect(() => readTopologyFacts(tree)).toThrow(/stacks\/topology.ts not found/);
    tree.write(TOPOLOGY_PATH, 'export const topology = load();');
    expect(() => readTopologyFacts(tree)).toThrow(/no defineTopology\(\{ \.\.\. \}\) call/);
    tree.write(TOPOLOGY_PATH, TOPOLOGY.replace(/services: \{[\s\S]*?\n {2}\},/, 'services: loadServices(),'));
    expect(() => addServiceToTopology(tree, 'x', 'commerce')).toThrow(/"services" must be an object literal/);
  });
});
