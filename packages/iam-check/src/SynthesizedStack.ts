/** Terraform JSON is untyped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type TerraformJson = Record<string, any>;

export interface SynthesizedResource {
  readonly type: string;
  readonly name: string;
  readonly config: TerraformJson;
}

/** Stand-ins for what AWS assigns at apply (API and mapping IDs): ARNs need some value. */
const ASSIGNED_ID = 'a1b2c3d4e5';
const MAPPING_UUID = '14e0db71-5d35-4eb0-b481-8945cf9d10c2';
const KEY_ID = '0f3b7c2e-8d41-4a6b-9e15-2c7d9a4b6e80';
const SUBSCRIPTION_UUID = '6a1e2f3d-4b5c-4d7e-8f90-1a2b3c4d5e6f';

/**
 * A synthesized stack (`cdk.tf.json`) as AWS will see it: the ARN and URL of each resource and
 * every `${aws_<type>.<name>.<attribute>}` reference resolved, in the account and region of its
 * AWS provider. IDs that AWS assigns at apply are stand-ins.
 */
export class SynthesizedStack {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;

  constructor(readonly json: TerraformJson) {
    const provider = json.provider?.aws?.[0];
    if (!provider?.region || !provider?.allowed_account_ids?.[0]) {
      throw new Error(
        'The stack has no AWS provider with region and allowed_account_ids: cannot name its ARNs.',
      );
    }
    this.region = provider.region;
    this.accountId = provider.allowed_account_ids[0];
    this.partition = this.region.startsWith('cn-')
      ? 'aws-cn'
      : this.region.startsWith('us-gov-')
        ? 'aws-us-gov'
        : 'aws';
  }

  resources(type?: string): SynthesizedResource[] {
    return Object.entries((this.json.resource ?? {}) as Record<string, Record<string, TerraformJson>>)
      .filter(([t]) => type === undefined || t === type)
      .flatMap(([t, byName]) => Object.entries(byName).map(([name, config]) => ({ type: t, name, config })));
  }

  resourceTypes(): string[] {
    return Object.keys(this.json.resource ?? {}).sort();
  }

  /** Every reference in the value replaced by what it will be after apply. */
  resolve(value: string): string {
    return value.replace(
      /\$\{(aws_[a-z0-9_]+)\.([\w-]+)\.(\w+)\}/g,
      (_, type: string, name: string, attribute: string) => this.attribute(type, name, attribute),
    );
  }

  /** A resolved string attribute of a resource's config. */
  field(resource: SynthesizedResource, key: string): string {
    const value = resource.config[key];
    if (typeof value !== 'string')
      throw new Error(`${resource.type}.${resource.name} has no string "${key}"`);
    return this.resolve(value);
  }

  arnOf(resource: SynthesizedResource): string {
    const c = resource.config;
    const f = (key: string) => this.field(resource, key);
    const regional = (service: string, rest: string) =>
      `arn:${this.partition}:${service}:${this.region}:${this.accountId}:${rest}`;
    const gateway = (path: string) => `arn:${this.partition}:apigateway:${this.region}::${path}`;
    switch (resource.type) {
      case 'aws_lambda_function':
        return regional('lambda', `function:${f('function_name')}`);
      case 'aws_lambda_alias':
        return `${this.resolve(functionArn(this, f('function_name')))}:${f('name')}`;
      case 'aws_lambda_event_source_mapping':
        return regional('lambda', `event-source-mapping:${MAPPING_UUID}`);
      case 'aws_iam_role':
        return `arn:${this.partition}:iam::${this.accountId}:role${c.path ?? '/'}${f('name')}`;
      case 'aws_iam_policy':
        return `arn:${this.partition}:iam::${this.accountId}:policy${c.path ?? '/'}${f('name')}`;
      case 'aws_sqs_queue':
        return regional('sqs', f('name'));
      case 'aws_dynamodb_table':
        return regional('dynamodb', `table/${f('name')}`);
      case 'aws_cloudwatch_log_group':
        return regional('logs', `log-group:${f('name')}`);
      case 'aws_cloudwatch_metric_alarm':
        return regional('cloudwatch', `alarm:${f('alarm_name')}`);
      case 'aws_cloudwatch_dashboard': // global: no region
        return `arn:${this.partition}:cloudwatch::${this.accountId}:dashboard/${f('dashboard_name')}`;
      case 'aws_ssm_parameter':
        return regional('ssm', `parameter${f('name')}`);
      case 'aws_scheduler_schedule':
        return regional('scheduler', `schedule/${c.group_name ?? 'default'}/${f('name')}`);
      case 'aws_codedeploy_app':
        return regional('codedeploy', `application:${f('name')}`);
      case 'aws_codedeploy_deployment_group':
        return regional('codedeploy', `deploymentgroup:${f('app_name')}/${f('deployment_group_name')}`);
      case 'aws_iam_openid_connect_provider':
        return `arn:${this.partition}:iam::${this.accountId}:oidc-provider/${f('url').replace(/^https:\/\//, '')}`;
      case 'aws_sns_topic':
        return regional('sns', f('name'));
      case 'aws_sns_topic_subscription':
        // In the topic's account, which may be another one.
        return `${f('topic_arn')}:${SUBSCRIPTION_UUID}`;
      case 'aws_kms_key':
        return regional('kms', `key/${KEY_ID}`);
      case 'aws_s3_bucket':
        return `arn:${this.partition}:s3:::${f('bucket')}`;
      case 'aws_apigatewayv2_api':
        return gateway(`/apis/${ASSIGNED_ID}`);
      case 'aws_apigatewayv2_stage':
        return gateway(`/apis/${f('api_id')}/stages/${f('name')}`);
      case 'aws_apigatewayv2_route':
        return gateway(`/apis/${f('api_id')}/routes/${ASSIGNED_ID}`);
      case 'aws_apigatewayv2_integration':
        return gateway(`/apis/${f('api_id')}/integrations/${ASSIGNED_ID}`);
      default:
        throw new Error(
          `${resource.type} has no ARN in packages/iam-check/src/SynthesizedStack.ts: add how AWS names it to arnOf().`,
        );
    }
  }

  private attribute(type: string, name: string, attribute: string): string {
    const config = this.json.resource?.[type]?.[name] as TerraformJson | undefined;
    if (!config) throw new Error(`Reference to ${type}.${name}, which the stack does not declare`);
    const resource = { type, name, config };
    switch (attribute) {
      case 'arn':
        return this.arnOf(resource);
      case 'id':
        return type === 'aws_apigatewayv2_api' ? ASSIGNED_ID : this.field(resource, 'name');
      case 'name':
      case 'function_name':
      case 'bucket':
        return this.field(resource, attribute);
      case 'version':
        return '1';
      case 'url':
        if (type === 'aws_sqs_queue') {
          return `https://sqs.${this.region}.amazonaws.com/${this.accountId}/${this.field(resource, 'name')}`;
        }
        break;
      case 'execution_arn':
        if (type === 'aws_apigatewayv2_api') {
          return `arn:${this.partition}:execute-api:${this.region}:${this.accountId}:${ASSIGNED_ID}`;
        }
        break;
    }
    throw new Error(
      `${type}.${name}.${attribute}: SynthesizedStack does not know this attribute; add it to attribute().`,
    );
  }
}

/** A Lambda function name, partial ARN or ARN, as the function's ARN. */
function functionArn(stack: SynthesizedStack, nameOrArn: string): string {
  if (nameOrArn.startsWith('arn:')) return nameOrArn;
  return `arn:${stack.partition}:lambda:${stack.region}:${stack.accountId}:function:${nameOrArn}`;
}

/** The queue ARN of an SQS queue URL (`https://sqs.<region>.amazonaws.com/<account>/<name>`). */
export function queueArnOfUrl(url: string, partition = 'aws'): string {
  const match = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(\d{12})\/([\w.-]+)$/.exec(url);
  if (!match) throw new Error(`"${url}" is not an SQS queue URL`);
  return `arn:${partition}:sqs:${match[1]}:${match[2]}:${match[3]}`;
}
