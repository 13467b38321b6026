import { queueArnOfUrl, SynthesizedStack } from '../src';

const json = {
  provider: { aws: [{ region: 'eu-west-1', allowed_account_ids: ['111111111111'] }] },
  resource: {
    aws_lambda_function: {
      fn_1: { function_name: 'orders-dev-create-order', role: '${aws_iam_role.role_1.arn}' },
    },
    aws_lambda_alias: {
      live_1: { name: 'live', function_name: '${aws_lambda_function.fn_1.function_name}' },
    },
    aws_iam_role: { role_1: { name: 'orders-dev-create-order' } },
    aws_sqs_queue: { q_1: { name: 'orders-dev-orders.fifo' } },
    aws_dynamodb_table: { t_1: { name: 'orders-dev-carts' } },
    aws_ssm_parameter: { p_1: { name: '/dev/orders/log-level' } },
    aws_lambda_event_source_mapping: { m_1: { function_name: '${aws_lambda_alias.live_1.arn}' } },
    aws_apigatewayv2_api: { api_1: { name: 'orders-dev-api' } },
    aws_apigatewayv2_stage: { stage_1: { api_id: '${aws_apigatewayv2_api.api_1.id}', name: '$default' } },
    aws_sns_platform_application: { a_1: { name: 'x' } },
    aws_iam_openid_connect_provider: { github: { url: 'https://token.actions.githubusercontent.com' } },
  },
};

describe('SynthesizedStack', () => {
  const stack = new SynthesizedStack(json);
  const one = (type: string) => stack.resources(type)[0];

  it('names each resource by its ARN in the provider account and region', () => {
    expect(stack.arnOf(one('aws_lambda_function'))).toBe(
      'arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-create-order',
    );
    expect(stack.arnOf(one('aws_lambda_alias'))).toBe(
      'arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-create-order:live',
    );
    expect(stack.arnOf(one('aws_iam_role'))).toBe('arn:aws:iam::111111111111:role/orders-dev-create-order');
    expect(stack.arnOf(one('aws_sqs_queue'))).toBe(
      'arn:aws:sqs:eu-west-1:111111111111:orders-dev-orders.fifo',
    );
    expect(stack.arnOf(one('aws_dynamodb_table'))).toBe(
      'arn:aws:dynamodb:eu-west-1:111111111111:table/orders-dev-carts',
    );
    expect(stack.arnOf(one('aws_ssm_parameter'))).toBe(
      'arn:aws:ssm:eu-west-1:111111111111:parameter/dev/orders/log-level',
    );
    expect(stack.arnOf(one('aws_iam_openid_connect_provider'))).toBe(
      'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com',
    );
    expect(stack.arnOf(one('aws_apigatewayv2_stage'))).toBe(
      'arn:aws:apigateway:eu-west-1::/apis/a1b2c3d4e5/stages/$default',
    );
  });

  it('resolves references, nested ones included', () => {
    expect(stack.field(one('aws_lambda_function'), 'role')).toBe(
      'arn:aws:iam::111111111111:role/orders-dev-create-order',
    );
    expect(stack.field(one('aws_lambda_event_source_mapping'), 'function_name')).toBe(
      'arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-create-order:live',
    );
    expect(stack.resolve('${aws_sqs_queue.q_1.url}')).toBe(
      'https://sqs.eu-west-1.amazonaws.com/111111111111/orders-dev-orders.fifo',
    );
  });

  it('fails naming a type or attribute it cannot name', () => {
    expect(() => stack.arnOf(one('aws_sns_platform_application'))).toThrow(
      /aws_sns_platform_application has no ARN in .*SynthesizedStack\.ts/,
    );
    expect(() => stack.resolve('${aws_sqs_queue.q_1.kms_master_key_id}')).toThrow(
      /aws_sqs_queue\.q_1\.kms_master_key_id: SynthesizedStack does not know/,
    );
    expect(() => stack.resolve('${aws_sqs_queue.nope.arn}')).toThrow(
      /Reference to aws_sqs_queue\.nope, which the stack does not declare/,
    );
  });

  it('reads the queue ARN from a queue URL', () => {
    expect(queueArnOfUrl('https://sqs.eu-west-1.amazonaws.com/111111111111/orders-dev-orders')).toBe(
      'arn:aws:sqs:eu-west-1:111111111111:orders-dev-orders',
    );
    expect(() => queueArnOfUrl('orders-dev-orders')).toThrow(/is not an SQS queue URL/);
  });
});

describe('SynthesizedStack: every resource type it names', () => {
  const provider = { aws: [{ region: 'cn-north-1', allowed_account_ids: ['111111111111'] }] };
  const arnOf = (type: string, config: object) => {
    const stack = new SynthesizedStack({ provider, resource: { [type]: { r: config } } });
    return stack.arnOf(stack.resources(type)[0]);
  };

  it.each([
    [
      'aws_lambda_event_source_mapping',
      {},
      'arn:aws-cn:lambda:cn-north-1:111111111111:event-source-mapping:14e0db71-5d35-4eb0-b481-8945cf9d10c2',
    ],
    ['aws_iam_role', { name: 'r', path: '/ci/' }, 'arn:aws-cn:iam::111111111111:role/ci/r'],
    ['aws_iam_policy', { name: 'p' }, 'arn:aws-cn:iam::111111111111:policy/p'],
    [
      'aws_cloudwatch_log_group',
      { name: '/aws/lambda/f' },
      'arn:aws-cn:logs:cn-north-1:111111111111:log-group:/aws/lambda/f',
    ],
    [
      'aws_cloudwatch_metric_alarm',
      { alarm_name: 'a' },
      'arn:aws-cn:cloudwatch:cn-north-1:111111111111:alarm:a',
    ],
    ['aws_cloudwatch_dashboard', { dashboard_name: 'd' }, 'arn:aws-cn:cloudwatch::111111111111:dashboard/d'],
    [
      'aws_scheduler_schedule',
      { name: 's' },
      'arn:aws-cn:scheduler:cn-north-1:111111111111:schedule/default/s',
    ],
    ['aws_codedeploy_app', { name: 'app' }, 'arn:aws-cn:codedeploy:cn-north-1:111111111111:application:app'],
    [
      'aws_codedeploy_deployment_group',
      { app_name: 'app', deployment_group_name: 'live' },
      'arn:aws-cn:codedeploy:cn-north-1:111111111111:deploymentgroup:app/live',
    ],
    ['aws_sns_topic', { name: 't' }, 'arn:aws-cn:sns:cn-north-1:111111111111:t'],
    [
      // In the topic's account, which may be another one: a consumer's subscription to a producer's topic.
      'aws_sns_topic_subscription',
      { topic_arn: 'arn:aws-cn:sns:cn-north-1:222222222222:orders-dev-order-accepted' },
      'arn:aws-cn:sns:cn-north-1:222222222222:orders-dev-order-accepted:6a1e2f3d-4b5c-4d7e-8f90-1a2b3c4d5e6f',
    ],
    ['aws_kms_key', {}, 'arn:aws-cn:kms:cn-north-1:111111111111:key/0f3b7c2e-8d41-4a6b-9e15-2c7d9a4b6e80'],
    ['aws_s3_bucket', { bucket: 'b' }, 'arn:aws-cn:s3:::b'],
    ['aws_apigatewayv2_api', { name: 'api' }, 'arn:aws-cn:apigateway:cn-north-1::/apis/a1b2c3d4e5'],
    [
      'aws_apigatewayv2_route',
      { api_id: 'x1' },
      'arn:aws-cn:apigateway:cn-north-1::/apis/x1/routes/a1b2c3d4e5',
    ],
    [
      'aws_apigatewayv2_integration',
      { api_id: 'x1' },
      'arn:aws-cn:apigateway:cn-north-1::/apis/x1/integrations/a1b2c3d4e5',
    ],
  ])('%s', (type, config, arn) => {
    expect(arnOf(type, config)).toBe(arn);
  });

  it('names the partition of GovCloud regions', () => {
    const stack = new SynthesizedStack({
      provider: { aws: [{ region: 'us-gov-west-1', allowed_account_ids: ['1'] }] },
    });
    expect(stack.partition).toBe('aws-us-gov');
  });

  it('resolves versions, IDs and execution ARNs to their stand-ins', () => {
    const stack = new SynthesizedStack({
      provider,
      resource: {
        aws_lambda_function: { f: { function_name: 'f' } },
        aws_apigatewayv2_api: { api: { name: 'api' } },
        aws_sqs_queue: { q: { name: 'q' } },
      },
    });
    expect(
      stack.resolve('${aws_lambda_function.f.version}|${aws_apigatewayv2_api.api.id}|${aws_sqs_queue.q.id}'),
    ).toBe('1|a1b2c3d4e5|q');
    expect(stack.resolve('${aws_apigatewayv2_api.api.execution_arn}')).toBe(
      'arn:aws-cn:execute-api:cn-north-1:111111111111:a1b2c3d4e5',
    );
    expect(() => stack.resolve('${aws_lambda_function.f.url}')).toThrow(
      /aws_lambda_function\.f\.url: SynthesizedStack does not know/,
    );
    expect(() => stack.resolve('${aws_sqs_queue.q.execution_arn}')).toThrow(/does not know this attribute/);
  });

  it('refuses a stack without a pinned AWS provider, and a field that is not a string', () => {
    expect(() => new SynthesizedStack({ resource: {} })).toThrow(
      'The stack has no AWS provider with region and allowed_account_ids: cannot name its ARNs.',
    );
    const stack = new SynthesizedStack({
      provider,
      resource: { aws_sqs_queue: { q: { name: 'q', delay_seconds: 5 } } },
    });
    expect(() => stack.field(stack.resources()[0], 'delay_seconds')).toThrow(
      'aws_sqs_queue.q has no string "delay_seconds"',
    );
    expect(new SynthesizedStack({ provider }).resourceTypes()).toEqual([]);
  });
});
