import { formatFiles, generateFiles, joinPathFragments, type GeneratorCallback, type Tree } from '@nx/devkit';
import { assertName, assertTrigger, className, type Trigger } from '../../utils/names';
import {
  addServiceToTopology,
  readTopologyFacts,
  TOPOLOGY_PATH,
  type TopologyFacts,
} from '../../utils/topology';
import {
  appRoot,
  generateFunctionFiles,
  normalizeFunction,
  stackRoot,
  validateFunction,
  wireFunction,
  type FunctionSpec,
} from '../shared/function';

export interface ServiceGeneratorSchema {
  readonly name: string;
  readonly team: string;
  readonly trigger?: Trigger;
  readonly function?: string;
  readonly route?: string;
  readonly schedule?: string;
  readonly skipFormat?: boolean;
}

interface NormalizedOptions {
  readonly name: string;
  readonly team: string;
  readonly trigger: Trigger;
  readonly facts: TopologyFacts;
  /** The first function, as the options describe it. */
  readonly fn: FunctionSpec;
  readonly skipFormat: boolean;
}

const DEFAULT_FUNCTION: Record<Trigger, string> = {
  http: 'handle-request',
  sqs: 'process-messages',
  schedule: 'run-job',
};

/**
 * `nx g @platform/nx-plugin:service <name> --team <team> --trigger http|sqs|schedule`: everything a
 * service needs, passing lint, tests and synth as generated. Normalize, validate, generate files, wire
 * (stack and topology), format; every check runs before the first write, so bad input leaves the
 * workspace untouched.
 */
export async function serviceGenerator(
  tree: Tree,
  schema: ServiceGeneratorSchema,
): Promise<GeneratorCallback | void> {
  const options = normalizeOptions(tree, schema);
  validateOptions(tree, options);

  const fn = normalizeFunction(options.fn);
  const substitutions = {
    template: '',
    name: options.name,
    team: options.team,
    className: className(options.name),
    environments: options.facts.environments,
  };
  generateFiles(tree, joinPathFragments(__dirname, 'files', 'app'), appRoot(options.name), substitutions);
  generateFiles(tree, joinPathFragments(__dirname, 'files', 'stack'), stackRoot(options.name), substitutions);
  generateFunctionFiles(tree, fn);

  wireFunction(tree, fn);
  addServiceToTopology(tree, options.name, options.team);

  if (!options.skipFormat) await formatFiles(tree);
}

function normalizeOptions(tree: Tree, schema: ServiceGeneratorSchema): NormalizedOptions {
  const trigger = schema.trigger ?? 'http';
  return {
    name: schema.name,
    team: schema.team,
    trigger,
    facts: readTopologyFacts(tree),
    fn: {
      service: schema.name,
      // An unknown trigger has no default: validateOptions refuses it before the name matters.
      fn: schema.function ?? DEFAULT_FUNCTION[trigger] ?? '',
      trigger,
      ...(schema.route !== undefined ? { route: schema.route } : {}),
      ...(schema.schedule !== undefined ? { schedule: schema.schedule } : {}),
    },
    skipFormat: schema.skipFormat ?? false,
  };
}

function validateOptions(tree: Tree, { name, team, trigger, facts, fn }: NormalizedOptions): void {
  assertName('service', name);
  assertTrigger(trigger);
  if (name.startsWith('bootstrap')) {
    throw new Error(
      `Service name "${name}" is reserved: "bootstrap-*" stacks are the accounts' bootstrap stacks.`,
    );
  }
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
  validateFunction(tree, fn, facts.environments);
}

export default serviceGenerator;
