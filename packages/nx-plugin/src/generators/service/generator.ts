import { formatFiles, generateFiles, type Tree } from '@nx/devkit';
import { join } from 'node:path';
import { addFunction, validateFunction } from '../function/generator';
import { assertName, assertTrigger, className } from '../../utils/names';
import { addServiceToTopology, readTopologyFacts } from '../../utils/topology';
import type { ServiceGeneratorSchema } from './schema';

const DEFAULT_FUNCTION = { http: 'api', sqs: 'worker', schedule: 'job' } as const;

export async function serviceGenerator(tree: Tree, options: ServiceGeneratorSchema): Promise<void> {
  const { name, team, trigger, functionName, environments } = normalizeOptions(tree, options);

  generateFiles(tree, join(__dirname, 'files', 'app'), `apps/${name}`, {
    name,
    className: className(name),
    environments,
    tmpl: '',
  });
  generateFiles(tree, join(__dirname, 'files', 'stack'), `stacks/${name}`, {
    name,
    className: className(name),
    environments,
    tmpl: '',
  });
  addFunction(tree, { service: name, name: functionName, trigger });
  addServiceToTopology(tree, name, team);
  if (!options.skipFormat) await formatFiles(tree);
}

/** Validates everything before the first write: a failed generator leaves no files behind. */
function normalizeOptions(tree: Tree, options: ServiceGeneratorSchema) {
  const name = options.name;
  assertName('service', name);
  const trigger = options.trigger ?? 'http';
  assertTrigger(trigger);
  const facts = readTopologyFacts(tree);
  for (const path of [`apps/${name}`, `stacks/${name}`]) {
    if (tree.exists(path)) throw new Error(`Service "${name}" already exists at ${path}. Choose another name.`);
  }
  if (facts.services.includes(name)) {
    throw new Error(`Service "${name}" is already registered in stacks/topology.ts. Choose another name.`);
  }
  if (!facts.teams.includes(options.team)) {
    throw new Error(
      `Unknown team "${options.team}". Teams in stacks/topology.ts: ${facts.teams.join(', ')}. ` +
        `Pick one with --team, or add the team and its accounts to the topology first.`,
    );
  }
  const functionName = options.function ?? DEFAULT_FUNCTION[trigger];
  validateFunction(tree, { service: name, name: functionName, trigger }, true);
  return { name, team: options.team, trigger, functionName, environments: facts.environments };
}

export default serviceGenerator;
