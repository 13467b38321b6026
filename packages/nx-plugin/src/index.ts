export { serviceGenerator } from './generators/service/generator';
export { functionGenerator } from './generators/function/generator';
export type { ServiceGeneratorSchema } from './generators/service/schema';
export type { FunctionGeneratorSchema } from './generators/function/schema';
