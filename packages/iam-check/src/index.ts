export { evaluate, isAllowed, statementsOf, wildcardMatch, type Decision } from './evaluate';
export { checkAgainstReference, mayMatch, type ReferenceProblem } from './reference';
export {
  SynthesizedStack,
  queueArnOfUrl,
  type SynthesizedResource,
  type TerraformJson,
} from './SynthesizedStack';
export { UnsupportedPolicyError } from './errors';
export type { ConditionBlock, PolicyDocument, PolicyStatement, Request } from './types';
