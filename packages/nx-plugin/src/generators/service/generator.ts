import { formatFiles, generateFiles, joinPathFragments, type GeneratorCallback, type Tree } from '@nx/devkit';
import { assertName, assertTrigger, className, type Trigger } from '../../utils/names';
import { addServiceToTopology, readTopologyFacts, TOPOLOGY_PATH } from '../../utils/topology';
import { addFunction, appRoot, stackRoot, validateFunction, type FunctionSpec } from '../shared/function';

export interface ServiceGeneratorSchema {
  readonly name: string;
  readonly team: string;
  readonly trigger?: Trigger;
  readonly function?: string;
  readonly route?: string;
  readonly schedule?: string;
  readonly skipFormat?: boolean;
}

const DEFAULT_FUNCTION: Record<Trigger, string> = {
  http: 'handle-request',
  sqs: 'process-messages',
  schedule: 'run-job',
};

/**
 * `nx g @platform/nx-plugin:service <name> --team <team> --trigger http|sqs|schedule`: everything a
 * service needs, passing lint, tests and synth as generated. Every check runs before the first
 * write, so bad input leaves the workspace untouched.
 */
export async function serviceGenerator(
  tree: Tree,
  options: ServiceGeneratorSchema,
): Promise<GeneratorCallback | void> {
  const { name, team } = options;
  const trigger = options.trigger ?? 'http';
  assertName('service', name);
  assertTrigger(trigger);
  if (name.startsWith('bootstrap')) {
    throw new Error(
      `Service name "${name}" is reserved: "bootstrap-*" stacks are the accounts' bootstrap stacks.`,
    );
  }
  const facts = readTopologyFacts(tree);
  if (facts.services.includes(name)) {
    throw new Error(
      `Service "${name}" already exists in ${TOPOLOGY_PATH}. Add a function to it with "nx g @platform/nx-plugin:function ${name} <function>".`,
    );
  }
  for (const dir of [appRoot(name), stackRoot(name), `packages/${name}`]) {
    if (tree.exists(dir)) {
      throw new Error(
        `${dir} already exists: service "${name}" would collide with it` +
          (dir.startsWith('packages/') ? ` (the Nx project "${name}" exists).` : '.') +
          ' Pick another name.',
      );
    }
  }
  if (!team || !facts.teams.includes(team)) {
    throw new Error(
      `Unknown team "${team ?? ''}". Teams in ${TOPOLOGY_PATH}: ${facts.teams.join(', ') || '(none)'}. ` +
        `Pass one with --team, or add the team (and its accounts) to ${TOPOLOGY_PATH} first.`,
    );
  }
  const fn: FunctionSpec = {
    service: name,
    fn: options.function ?? DEFAULT_FUNCTION[trigger],
    trigger,
    ...(options.route !== undefined ? { route: options.route } : {}),
    ...(options.schedule !== undefined ? { schedule: options.schedule } : {}),
  };
  validateFunction(tree, fn, facts.environments);

  const substitutions = {
    template: '',
    name,
    team,
    className: className(name),
    environments: facts.environments,
  };
  generateFiles(tree, joinPathFragments(__dirname, 'files', 'app'), appRoot(name), substitutions);
  generateFiles(tree, joinPathFragments(__dirname, 'files', 'stack'), stackRoot(name), substitutions);
  addFunction(tree, fn);
  addServiceToTopology(tree, name, team);
  if (!options.skipFormat) await formatFiles(tree);
}

export default serviceGenerator;
