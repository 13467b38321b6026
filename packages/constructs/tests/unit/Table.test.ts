import { Testing } from 'cdktf';
import { IDEMPOTENCY_TABLE_ACCESS, IdempotencyTable } from '../../src/IdempotencyTable';
import { Table, type TableProps } from '../../src/Table';
import type { TableAccess } from '../../src/grants';
import { policy, resourceWith, resourcesOf, synthJson, testFunction, testStack, type Tf } from '../helpers';

const TABLE = { tfResourceType: 'aws_dynamodb_table' };
const tablePolicy = (json: Tf, name = 'table-idempotency') =>
  policy(resourceWith(json, 'aws_iam_role_policy', (p) => p.name === name).policy).Statement;

describe('Class: Table', () => {
  describe('defaults', () => {
    const stack = testStack();
    const table = new Table(stack, 'carts', { partitionKey: { name: 'cartId' } });
    const synthesized = Testing.synth(stack);
    const json = JSON.parse(synthesized);

    it('is an on-demand table named after the stack, keyed by a string partition key', () => {
      expect(table.tableName).toBe('orders-dev-carts');
      expect(synthesized).toHaveResourceWithProperties(TABLE, {
        name: 'orders-dev-carts',
        billing_mode: 'PAY_PER_REQUEST',
        hash_key: 'cartId',
        attribute: [{ name: 'cartId', type: 'S' }],
      });
      const [resource] = resourcesOf(json, 'aws_dynamodb_table');
      expect(resource.range_key).toBeUndefined();
      expect(resource.ttl).toBeUndefined();
    });

    it('is encrypted with the AWS-managed key, backed up continuously and protected from deletion', () => {
      expect(synthesized).toHaveResourceWithProperties(TABLE, {
        server_side_encryption: { enabled: true },
        point_in_time_recovery: { enabled: true },
        deletion_protection_enabled: true,
      });
      expect(resourcesOf(json, 'aws_dynamodb_table')[0].server_side_encryption.kms_key_arn).toBeUndefined();
    });

    it('alarms on read and on write throttling', () => {
      for (const kind of ['read', 'write']) {
        expect(synthesized).toHaveResourceWithProperties(
          { tfResourceType: 'aws_cloudwatch_metric_alarm' },
          {
            alarm_name: `orders-dev-carts-${kind}-throttles`,
            namespace: 'AWS/DynamoDB',
            metric_name: `${kind === 'read' ? 'Read' : 'Write'}ThrottleEvents`,
            dimensions: { TableName: 'orders-dev-carts' },
            statistic: 'Sum',
            threshold: 1,
            comparison_operator: 'GreaterThanOrEqualToThreshold',
            treat_missing_data: 'notBreaching',
            alarm_actions: ['arn:aws:sns:eu-west-1:111111111111:acme-alarms'],
          },
        );
      }
    });
  });

  it('takes a typed sort key, a TTL attribute and turns off protection, backups and alarms', () => {
    const stack = testStack();
    new Table(stack, 'events', {
      partitionKey: { name: 'pk' },
      sortKey: { name: 'at', type: 'N' },
      timeToLiveAttribute: 'expiresAt',
      pointInTimeRecovery: false,
      deletionProtection: false,
      throttleAlarm: false,
    });
    const json = synthJson(stack);

    expect(resourcesOf(json, 'aws_dynamodb_table')[0]).toMatchObject({
      hash_key: 'pk',
      range_key: 'at',
      attribute: [
        { name: 'pk', type: 'S' },
        { name: 'at', type: 'N' },
      ],
      ttl: { attribute_name: 'expiresAt', enabled: true },
      point_in_time_recovery: { enabled: false },
      deletion_protection_enabled: false,
    });
    expect(resourcesOf(json, 'aws_cloudwatch_metric_alarm')).toEqual([]);
  });

  describe('bad input', () => {
    it.each([
      [{}, /Table "carts": partitionKey is missing/],
      [{ partitionKey: { name: '' } }, /Table "carts": partitionKey.name "" is not an attribute name/],
      [
        { partitionKey: { name: 'id', type: 'X' } },
        /Table "carts": partitionKey.type "X" is not a key type. Use 'S' \(string\), 'N' \(number\) or 'B'/,
      ],
      [{ partitionKey: { name: 'id' }, sortKey: { name: 'id' } }, /sortKey and partitionKey are both "id"/],
      [
        { partitionKey: { name: 'id' }, timeToLiveAttribute: 'id' },
        /timeToLiveAttribute "id" is a key attribute/,
      ],
      [{ partitionKey: { name: 'id' }, throttleAlarm: 0 }, /throttleAlarm 0 is out of range/],
    ])('rejects %j', (props, message) => {
      expect(() => new Table(testStack(), 'carts', props as unknown as TableProps)).toThrow(message);
    });

    it('rejects a name longer than DynamoDB allows', () => {
      const id = `t${'-x'.repeat(123)}`; // orders-dev- + 247 = 258 characters
      expect(() => new Table(testStack(), id, { partitionKey: { name: 'id' } })).toThrow(
        /the DynamoDB table name "orders-dev-t-x.*" is 258 characters; AWS allows at most 255 .* Shorten the id by 3/,
      );
    });

    it('rejects a duplicate id with the platform message', () => {
      const stack = testStack();
      new Table(stack, 'carts', { partitionKey: { name: 'id' } });
      expect(() => new Table(stack, 'carts', { partitionKey: { name: 'id' } })).toThrow(
        /Table "carts": id "carts" is already used/,
      );
    });
  });
});

describe('Class: IdempotencyTable', () => {
  const stack = testStack();
  const table = new IdempotencyTable(stack, 'idempotency');
  const synthesized = Testing.synth(stack);

  it("has the layout of Powertools' DynamoDB persistence layer: key id, TTL on expiration", () => {
    expect(table.tableName).toBe('orders-dev-idempotency');
    expect(synthesized).toHaveResourceWithProperties(TABLE, {
      name: 'orders-dev-idempotency',
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'id',
      attribute: [{ name: 'id', type: 'S' }],
      ttl: { attribute_name: 'expiration', enabled: true },
      server_side_encryption: { enabled: true },
      point_in_time_recovery: { enabled: true },
    });
  });
});

describe('ServiceFunction.grantTable', () => {
  function grantStack(access: TableAccess) {
    const stack = testStack();
    const table = new IdempotencyTable(stack, 'idempotency');
    const fn = testFunction(stack, 'process-orders');
    testFunction(stack, 'create-order');
    fn.grantTable(table, access);
    return { stack, table, fn };
  }

  it('grants exactly the idempotency actions on exactly that table, to that function only', () => {
    const { stack } = grantStack(IDEMPOTENCY_TABLE_ACCESS);
    const json = synthJson(stack);

    const grant = resourceWith(json, 'aws_iam_role_policy', (p) => p.name === 'table-idempotency');
    expect(grant.role).toMatch(/aws_iam_role\.process-orders_role_\w+\.name/);
    expect(policy(grant.policy).Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        Resource: expect.stringMatching(/^\$\{aws_dynamodb_table\.idempotency_table_\w+\.arn\}$/),
      },
    ]);
    const dynamoPolicies = resourcesOf(json, 'aws_iam_role_policy').filter((p) =>
      (p.policy as string).includes('dynamodb:'),
    );
    expect(dynamoPolicies).toHaveLength(1);
  });

  it.each([
    ['read', ['GetItem', 'BatchGetItem', 'Query', 'ConditionCheckItem']],
    ['write', ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']],
    [
      'readWrite',
      [
        'GetItem',
        'BatchGetItem',
        'Query',
        'ConditionCheckItem',
        'PutItem',
        'UpdateItem',
        'DeleteItem',
        'BatchWriteItem',
      ],
    ],
  ] as const)('grants the %s preset, never Scan', (access, actions) => {
    const json = synthJson(grantStack(access).stack);
    expect(tablePolicy(json)[0].Action).toEqual(actions.map((a) => `dynamodb:${a}`));
  });

  it('rejects an unknown preset or action, an empty list and a second grant on the same table', () => {
    expect(() => grantStack('admin' as TableAccess)).toThrow(
      /Function "process-orders" grantTable\(idempotency\): access "admin" is not allowed. Use one of: read, write, readWrite/,
    );
    expect(() => grantStack(['GetItem', 'DeleteTable'] as unknown as TableAccess)).toThrow(
      /action "DeleteTable" is not allowed/,
    );
    expect(() => grantStack([])).toThrow(/access \[\] is not allowed/);
    const { table, fn } = grantStack('read');
    expect(() => fn.grantTable(table, 'write')).toThrow(
      /access to this table was already granted. Call grantTable once per table/,
    );
  });
});
