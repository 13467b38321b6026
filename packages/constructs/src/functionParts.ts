import type { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import type { ServiceStack } from './ServiceStack';

/**
 * What the constructs a function owns (AsyncInvocation, TrafficShifting) use of it. ServiceFunction
 * creates them, so they take this shape instead of importing ServiceFunction (no import cycle).
 */
export interface FunctionParts extends Construct {
  readonly stack: ServiceStack;
  /** `<service>-<environment>-<id>`. */
  readonly functionName: string;
  readonly function: LambdaFunction;
  readonly alias: LambdaAlias;
  readonly role: IamRole;
}
