import {
  queueArnOfUrl,
  type Request,
  type SynthesizedResource,
  type SynthesizedStack,
} from '@platform/iam-check';
import { DEPLOY_PERMISSIONS, type DeployTarget as Target } from '@platform/constructs';

/** One API call Terraform (or the traffic shift) makes for a resource, as IAM authorizes it. */
export interface DeployRequest extends Request {
  /** `<type>.<name>` of the resource it is made for. */
  readonly for: string;
  readonly target: Target;
}

/** The resource types of a stack that DEPLOY_PERMISSIONS does not declare. */
export function undeclaredTypes(stack: SynthesizedStack): string[] {
  return stack.resourceTypes().filter((type) => !(type in DEPLOY_PERMISSIONS));
}

/**
 * Every request the table says the deploy role makes for the resource: each action of each grant,
 * on the ARN IAM checks for it (the resource's own, or its function's, role's, queue's ...), with
 * the condition keys AWS puts in that request.
 */
export function deployRequests(stack: SynthesizedStack, resource: SynthesizedResource): DeployRequest[] {
  const permissions = DEPLOY_PERMISSIONS[resource.type];
  if (!permissions) throw new Error(`${resource.type} is not in DEPLOY_PERMISSIONS`);
  const arns = targetsOf(stack, resource);
  return permissions.grants.flatMap((grant) => {
    const arn = arns[grant.on];
    if (!arn) {
      throw new Error(
        `${resource.type}: a grant on "${grant.on}", which requests.ts cannot name for it; add it to targetsOf().`,
      );
    }
    const context: Record<string, string> | undefined = grant.passRoleTo
      ? { 'iam:PassedToService': grant.passRoleTo }
      : grant.ofServiceFunctions
        ? { 'lambda:FunctionArn': functionArn(stack, stack.field(resource, 'function_name')) }
        : undefined;
    return grant.actions.map((action) => ({
      for: `${resource.type}.${resource.name}`,
      target: grant.on,
      action,
      resource: arn,
      ...(context ? { context } : {}),
    }));
  });
}

/** What the resource's requests act on, by target. */
function targetsOf(stack: SynthesizedStack, r: SynthesizedResource): Partial<Record<Target, string>> {
  const f = (key: string) => stack.field(r, key);
  const regional = (service: string, rest: string) =>
    `arn:${stack.partition}:${service}:${stack.region}:${stack.accountId}:${rest}`;
  const roleNamed = (name: string) => `arn:${stack.partition}:iam::${stack.accountId}:role/${name}`;
  switch (r.type) {
    case 'aws_lambda_function':
      return { function: stack.arnOf(r), role: f('role') };
    case 'aws_lambda_alias':
    case 'aws_lambda_permission':
    case 'aws_lambda_function_event_invoke_config':
      // IAM checks these on the function, whatever the qualifier.
      return { function: functionArn(stack, f('function_name')) };
    case 'aws_lambda_provisioned_concurrency_config':
      // ... and this one on the alias or version.
      return { function: `${functionArn(stack, f('function_name'))}:${f('qualifier')}` };
    case 'aws_lambda_event_source_mapping':
      return { eventSourceMapping: stack.arnOf(r), account: '*' };
    case 'aws_iam_role':
      return { role: stack.arnOf(r) };
    case 'aws_iam_role_policy':
      return { role: roleNamed(f('role')) };
    case 'aws_cloudwatch_log_group':
      return { logGroup: stack.arnOf(r), account: '*' };
    case 'aws_cloudwatch_metric_alarm':
      return { alarm: stack.arnOf(r) };
    case 'aws_cloudwatch_dashboard':
      return { dashboard: stack.arnOf(r) };
    case 'aws_sqs_queue':
      return { queue: stack.arnOf(r) };
    case 'aws_sqs_queue_policy':
    case 'aws_sqs_queue_redrive_allow_policy':
      return { queue: queueArnOfUrl(f('queue_url'), stack.partition) };
    case 'aws_sns_topic':
      return { topic: stack.arnOf(r) };
    case 'aws_sns_topic_policy':
      return { topic: f('arn') };
    case 'aws_sns_topic_subscription':
      // The producer's topic, in the producer's account.
      return { consumedTopic: f('topic_arn') };
    case 'aws_kms_key':
      return { key: stack.arnOf(r), account: '*' };
    case 'aws_dynamodb_table':
      return { table: stack.arnOf(r) };
    case 'aws_scheduler_schedule':
      return { schedule: stack.arnOf(r), role: stack.resolve(r.config.target.role_arn) };
    case 'aws_ssm_parameter':
      return { parameter: stack.arnOf(r), account: '*' };
    case 'aws_apigatewayv2_api':
    case 'aws_apigatewayv2_integration':
    case 'aws_apigatewayv2_route':
      return { httpApi: stack.arnOf(r) };
    case 'aws_apigatewayv2_stage':
      return { httpApi: stack.arnOf(r), account: '*' };
    case 'aws_codedeploy_app':
      return { deploymentApplication: stack.arnOf(r) };
    case 'aws_codedeploy_deployment_group':
      return {
        deploymentGroup: stack.arnOf(r),
        role: f('service_role_arn'),
        deploymentApplication: regional('codedeploy', `application:${f('app_name')}`),
        deploymentConfig: regional('codedeploy', `deploymentconfig:${f('deployment_config_name')}`),
        account: '*',
      };
    default:
      return {};
  }
}

function functionArn(stack: SynthesizedStack, nameOrArn: string): string {
  if (nameOrArn.startsWith('arn:')) return nameOrArn;
  return `arn:${stack.partition}:lambda:${stack.region}:${stack.accountId}:function:${nameOrArn}`;
}

/** The request with a service's names swapped for another's (`orders-dev-` -> `reports-dev-`, `/dev/orders/` -> `/dev/reports/`). */
export function renamed(request: DeployRequest, from: [string, string], to: [string, string]): DeployRequest {
  const swap = (value: string) =>
    value
      .replaceAll(`${from[0]}-${from[1]}-`, `${to[0]}-${to[1]}-`)
      .replaceAll(`/${from[1]}/${from[0]}/`, `/${to[1]}/${to[0]}/`)
      .replaceAll(`/${from[1]}/${from[0]}`, `/${to[1]}/${to[0]}`);
  return {
    ...request,
    resource: swap(request.resource),
    ...(request.context
      ? {
          context: Object.fromEntries(
            Object.entries(request.context).map(([k, v]) => [
              k,
              typeof v === 'string' ? swap(v) : v.map(swap),
            ]),
          ),
        }
      : {}),
  };
}
