import { formatFiles, generateFiles, type Tree } from '@nx/devkit';
import { join } from 'node:path';
import { assertName, assertNamesFit, assertTrigger, camelName, className, type Trigger } from '../../utils/names';
import { appendToStackConstructor, declaresConst } from '../../utils/stack-source';
import { readTopologyFacts } from '../../utils/topology';
import type { FunctionGeneratorSchema } from './schema';
import { wiringFor } from './wiring';

export interface NormalizedFunction {
  readonly service: string;
  readonly name: string;
  readonly trigger: Trigger;
}

export async function functionGenerator(tree: Tree, options: FunctionGeneratorSchema): Promise<void> {
  const fn = validateFunction(tree, options);
  if (!tree.exists(`apps/${fn.service}/project.json`) || !tree.exists(`stacks/${fn.service}/src/stack.ts`)) {
    throw new Error(
      `Service "${fn.service}" not found (apps/${fn.service} and stacks/${fn.service}/src/stack.ts). ` +
        `Create it with "npx nx g @platform/nx-plugin:service ${fn.service} --team <team>".`,
    );
  }
  addFunction(tree, fn);
  if (!options.skipFormat) await formatFiles(tree);
}

/** Checks the options against the workspace; throws before anything is written. */
export function validateFunction(
  tree: Tree,
  options: { service: string; name: string; trigger?: string },
  isNewService = false,
): NormalizedFunction {
  assertName('service', options.service);
  assertName('function', options.name);
  assertTrigger(options.trigger);
  const { environments } = readTopologyFacts(tree);
  assertNamesFit(options.service, options.name, environments);
  const handler = `apps/${options.service}/src/handlers/${options.name}.ts`;
  if (!isNewService && tree.exists(handler)) {
    throw new Error(`Function "${options.name}" already exists at ${handler}. Choose another name.`);
  }
  return { service: options.service, name: options.name, trigger: options.trigger };
}

/** Handler, domain module and test from files/<trigger>, and the function's wiring in the stack. */
export function addFunction(tree: Tree, fn: NormalizedFunction): void {
  generateFiles(tree, join(__dirname, 'files', fn.trigger), `apps/${fn.service}`, {
    ...substitutions(fn),
    tmpl: '',
  });
  const stackPath = `stacks/${fn.service}/src/stack.ts`;
  const wiring = wiringFor(fn, { hasApi: declaresConst(tree, stackPath, 'api') });
  appendToStackConstructor(tree, stackPath, wiring.statements, wiring.imports);
}

export function substitutions(fn: NormalizedFunction) {
  return {
    service: fn.service,
    name: fn.name,
    className: className(fn.name),
    camelName: camelName(fn.name),
    serviceClassName: className(fn.service),
  };
}

export default functionGenerator;
