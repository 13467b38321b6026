import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ExecutorContext, logger } from '@nx/devkit';
import cdktfExecutor from '../../src/executors/cdktf/executor';

/*
 * A consumer's stack deployed before its producer's topic (or its policy) exists fails on the
 * subscription: the executor then says which stack to deploy first. In a scratch workspace whose
 * cdktf stand-in fails as Terraform would and leaves the stack it synthesized.
 */
const TOPOLOGY = `export const topology = defineTopology({
  environments: ['dev', 'staging', 'prod'],
  teams: { commerce: { accounts: {} }, insights: { accounts: {} } },
  services: {
    orders: { team: 'commerce', publishes: ['order.accepted'] },
    reports: { team: 'insights', consumes: ['orders/order.accepted'] },
  },
});
`;
const REPORTS_DEV = {
  provider: { aws: [{ region: 'eu-west-1', allowed_account_ids: ['444444444444'] }] },
  resource: {
    aws_sns_topic_subscription: {
      from_orders: {
        topic_arn: 'arn:aws:sns:eu-west-1:111111111111:orders-dev-order-accepted',
        protocol: 'sqs',
        endpoint: '${aws_sqs_queue.record-sale-queue.arn}',
      },
      own_topic: { topic_arn: '${aws_sns_topic.own.arn}', protocol: 'sqs', endpoint: 'x' },
    },
  },
};
let root: string;
let errors: jest.SpyInstance;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cdktf-producers-'));
  mkdirSync(join(root, 'stacks'));
  writeFileSync(join(root, 'stacks', 'topology.ts'), TOPOLOGY);
  mkdirSync(join(root, 'node_modules', '.bin'), { recursive: true });
  const cdktf = join(root, 'node_modules', '.bin', 'cdktf');
  const stackFile = join(root, 'dist/cdktf/deploy/reports-dev/stacks/reports-dev/cdk.tf.json');
  writeFileSync(
    cdktf,
    `#!/usr/bin/env node
const fs = require('node:fs');
fs.mkdirSync(${JSON.stringify(join(root, 'dist/cdktf/deploy/reports-dev/stacks/reports-dev'))}, { recursive: true });
fs.writeFileSync(${JSON.stringify(stackFile)}, ${JSON.stringify(JSON.stringify(REPORTS_DEV))});
process.exit(Number(process.env.CDKTF_STAND_IN_EXIT ?? 0));
`,
  );
  chmodSync(cdktf, 0o755);
  errors = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
  jest.spyOn(logger, 'info').mockImplementation(() => undefined);
});
afterEach(() => {
  jest.restoreAllMocks();
  delete process.env.CDKTF_STAND_IN_EXIT;
  rmSync(root, { recursive: true, force: true });
});

const deployReports = () =>
  cdktfExecutor({ command: 'deploy' }, {
    root,
    projectName: 'reports-stack',
    targetName: 'deploy',
    configurationName: 'dev',
  } as unknown as ExecutorContext);

describe('cdktf executor: a consumer deployed before its producer', () => {
  it('names the producer stack to deploy first, and how, when the deploy fails', async () => {
    process.env.CDKTF_STAND_IN_EXIT = '1';

    await expect(deployReports()).resolves.toEqual({ success: false });

    expect(errors.mock.calls).toEqual([
      [
        'reports-stack:deploy: reports-dev subscribes to arn:aws:sns:eu-west-1:111111111111:orders-dev-order-accepted, ' +
          'the topic of orders-dev in another account. If Terraform failed on its aws_sns_topic_subscription ' +
          '(NotFound, AuthorizationError), that topic, or its policy letting this account subscribe, is not deployed yet: ' +
          'deploy orders-dev first (npx nx run orders-stack:deploy -c dev), then reports-dev again.',
      ],
    ]);
  });

  it('says nothing when the deploy succeeds', async () => {
    await expect(deployReports()).resolves.toEqual({ success: true });
    expect(errors).not.toHaveBeenCalled();
  });
});
