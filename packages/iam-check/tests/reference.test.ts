import { checkAgainstReference, mayMatch } from '../src';
import type { PolicyStatement } from '../src';

const check = (...Statement: PolicyStatement[]) => checkAgainstReference('test', { Statement });
const FN = 'arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-*';

describe('checkAgainstReference', () => {
  it('passes actions that exist on ARNs of their resource types', async () => {
    expect(
      await check(
        {
          Sid: 'Functions',
          Effect: 'Allow',
          Action: ['lambda:CreateFunction', 'lambda:GetAlias'],
          Resource: FN,
        },
        {
          Sid: 'Tables',
          Effect: 'Allow',
          Action: 'dynamodb:PutItem',
          Resource: 'arn:aws:dynamodb:eu-west-1:1:table/orders-dev-x',
        },
        { Sid: 'Anything', Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: '*' },
      ),
    ).toEqual([]);
  });

  it('names an action that does not exist, and an unknown service', async () => {
    expect(
      await check({
        Sid: 'S',
        Effect: 'Allow',
        Action: ['lambda:CreateFunctions', 'lamda:GetFunction'],
        Resource: FN,
      }),
    ).toEqual([
      {
        policy: 'test',
        statement: 'S',
        action: 'lambda:CreateFunctions',
        problem: 'is not an action of the service',
      },
      {
        policy: 'test',
        statement: 'S',
        action: 'lamda:GetFunction',
        problem: 'names unknown service "lamda"',
      },
    ]);
  });

  it('names a wildcard that matches no action, and "*"', async () => {
    expect(await check({ Effect: 'Allow', Action: ['sqs:Frobnicate*', '*'], Resource: '*' })).toEqual([
      {
        policy: 'test',
        statement: '0',
        action: 'sqs:Frobnicate*',
        problem: 'matches no action of the service',
      },
      { policy: 'test', statement: '0', action: '*', problem: 'is "*": name the actions' },
    ]);
  });

  it('names a resource of the wrong type for the action', async () => {
    const table = 'arn:aws:dynamodb:eu-west-1:111111111111:table/orders-dev-*';
    expect(await check({ Sid: 'S', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: table })).toEqual([
      {
        policy: 'test',
        statement: 'S',
        action: 'sqs:SendMessage',
        resource: table,
        problem:
          'matches none of its resource types (arn:${Partition}:sqs:${Region}:${Account}:${QueueName})',
      },
    ]);
  });

  it("accepts a Lambda function's alias or version ARN where the action takes the function", async () => {
    const alias = 'arn:aws:lambda:eu-west-1:1:function:orders-dev-x:live';
    expect(
      await check({
        Effect: 'Allow',
        Action: ['lambda:InvokeFunction', 'lambda:UpdateAlias'],
        Resource: alias,
      }),
    ).toEqual([]);
    expect(
      await check({ Effect: 'Allow', Action: 'lambda:GetEventSourceMapping', Resource: alias }),
    ).toHaveLength(1);
  });

  it('names an ARN given to an action that IAM grants only on "*"', async () => {
    const deployments = 'arn:aws:codedeploy:eu-west-1:1:deploymentgroup:orders-dev-*';
    expect(
      await check({ Sid: 'S', Effect: 'Allow', Action: 'codedeploy:StopDeployment', Resource: deployments }),
    ).toEqual([
      {
        policy: 'test',
        statement: 'S',
        action: 'codedeploy:StopDeployment',
        resource: deployments,
        problem: 'takes no resource ARN (IAM grants it only on "*")',
      },
    ]);
  });

  it('accepts HTTP API (V2) paths for the API Gateway verbs, whose reference entry lists only V1 types', async () => {
    expect(
      await check({
        Effect: 'Allow',
        Action: ['apigateway:GET', 'apigateway:POST'],
        Resource: 'arn:aws:apigateway:eu-west-1::/apis/*',
      }),
    ).toEqual([]);
    expect(
      await check({
        Effect: 'Allow',
        Action: 'apigateway:GET',
        Resource: 'arn:aws:lambda:eu-west-1:1:function:x',
      }),
    ).toHaveLength(1);
  });
});

describe('mayMatch', () => {
  it('lets a trailing * reach into a sub-resource (log streams of a log group)', () => {
    const stream =
      'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}';
    expect(mayMatch('arn:aws:logs:eu-west-1:1:log-group:/aws/lambda/orders-dev-x:*', stream)).toBe(true);
    expect(mayMatch('arn:aws:logs:eu-west-1:1:log-group:/aws/lambda/orders-dev-x', stream)).toBe(false);
    expect(mayMatch('arn:aws:logs:eu-west-1:1:log-group:/aws/lambda/orders-dev-x:log-stream', stream)).toBe(
      false,
    );
  });

  it('lets a * stand for one segment or several', () => {
    const alias = 'arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}:${Alias}';
    expect(mayMatch(FN, alias)).toBe(true);
    expect(mayMatch('arn:aws:lambda:eu-west-1:1:function:orders-dev-x', alias)).toBe(false);
    expect(
      mayMatch(
        'arn:aws:ssm:eu-west-1:1:parameter/dev/orders/*',
        'arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}',
      ),
    ).toBe(true);
    expect(
      mayMatch(
        'arn:aws:ssm:eu-west-1:1:document/x',
        'arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}',
      ),
    ).toBe(false);
  });
});
