import { formatFiles, type GeneratorCallback, type Tree } from '@nx/devkit';
import { assertName, assertTrigger, type Trigger } from '../../utils/names';
import { readTopologyFacts, TOPOLOGY_PATH } from '../../utils/topology';
import { addFunction, appRoot, stackFile, validateFunction } from '../shared/function';

export interface FunctionGeneratorSchema {
  readonly service: string;
  readonly name: string;
  readonly trigger: Trigger;
  readonly route?: string;
  readonly schedule?: string;
  readonly skipFormat?: boolean;
}

/**
 * `nx g @platform/nx-plugin:function <service> <name> --trigger http|sqs|schedule`: a function with
 * its tests and sample event, wired into the service's stack. Checks run before any write.
 */
export async function functionGenerator(
  tree: Tree,
  options: FunctionGeneratorSchema,
): Promise<GeneratorCallback | void> {
  const { service, name, trigger } = options;
  assertName('service', service);
  assertTrigger(trigger);
  const facts = readTopologyFacts(tree);
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
  validateFunction(
    tree,
    {
      service,
      fn: name,
      trigger,
      ...(options.route !== undefined ? { route: options.route } : {}),
      ...(options.schedule !== undefined ? { schedule: options.schedule } : {}),
    },
    facts.environments,
  );
  addFunction(tree, {
    service,
    fn: name,
    trigger,
    ...(options.route !== undefined ? { route: options.route } : {}),
    ...(options.schedule !== undefined ? { schedule: options.schedule } : {}),
  });
  if (!options.skipFormat) await formatFiles(tree);
}

export default functionGenerator;
