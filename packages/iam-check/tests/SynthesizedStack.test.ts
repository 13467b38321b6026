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
    aws_sns_topic_subscription: { s_1: { topic_arn: 'x' } },
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
    expect(() => stack.arnOf(one('aws_sns_topic_subscription'))).toThrow(
      /aws_sns_topic_subscription has no ARN in .*SynthesizedStack\.ts/,
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
