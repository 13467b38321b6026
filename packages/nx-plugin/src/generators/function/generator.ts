import { formatFiles, type GeneratorCallback, type Tree } from '@nx/devkit';
import { assertName, assertTrigger, type Trigger } from '../../utils/names';
import { readTopologyFacts, TOPOLOGY_PATH, type TopologyFacts } from '../../utils/topology';
import {
  appRoot,
  generateFunctionFiles,
  normalizeFunction,
  stackFile,
  validateFunction,
  wireFunction,
  type FunctionSpec,
} from '../shared/function';

export interface FunctionGeneratorSchema {
  readonly service: string;
  readonly name: string;
  readonly trigger: Trigger;
  readonly route?: string;
  readonly schedule?: string;
  readonly skipFormat?: boolean;
}

interface NormalizedOptions {
  readonly fn: FunctionSpec;
  readonly facts: TopologyFacts;
  readonly skipFormat: boolean;
}

/**
 * `nx g @platform/nx-plugin:function <service> <name> --trigger http|sqs|schedule`: a function with
 * its tests and sample event, wired into the service's stack. Normalize, validate, generate files,
 * wire, format; every check runs before the first write.
 */
export async function functionGenerator(
  tree: Tree,
  schema: FunctionGeneratorSchema,
): Promise<GeneratorCallback | void> {
  const options = normalizeOptions(tree, schema);
  validateOptions(tree, options);

  const fn = normalizeFunction(options.fn);
  generateFunctionFiles(tree, fn);
  wireFunction(tree, fn);

  if (!options.skipFormat) await formatFiles(tree);
}

function normalizeOptions(tree: Tree, schema: FunctionGeneratorSchema): NormalizedOptions {
  return {
    fn: {
      service: schema.service,
      fn: schema.name,
      trigger: schema.trigger,
      ...(schema.route !== undefined ? { route: schema.route } : {}),
      ...(schema.schedule !== undefined ? { schedule: schema.schedule } : {}),
    },
    facts: readTopologyFacts(tree),
    skipFormat: schema.skipFormat ?? false,
  };
}

function validateOptions(tree: Tree, { fn, facts }: NormalizedOptions): void {
  const { service } = fn;
  assertName('service', service);
  assertTrigger(fn.trigger);
  if (!facts.services.includes(service)) {
    throw new Error(
      `Unknown service "${service}": services in ${TOPOLOGY_PATH} are ${facts.services.join(', ') || '(none)'}. ` +
        `Create it with "nx g @platform/nx-plugin:service ${service} --team <team>".`,
    );
  }
  for (const path of [
    `${appRoot(service)}/src/logSettings.ts`,
    `${appRoot(service)}/src/settings.ts`,
    stackFile(service),
  ]) {
    if (!tree.exists(path)) {
      throw new Error(
        `${path} not found: service "${service}" does not have the generated layout the function's code uses.`,
      );
    }
  }
  validateFunction(tree, fn, facts.environments);
}

export default functionGenerator;
