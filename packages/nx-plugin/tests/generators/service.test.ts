import { readProjectConfiguration, type Tree } from '@nx/devkit';
import { serviceGenerator } from '../../src/generators/service/generator';
import { readTopologyFacts } from '../../src/utils/topology';
import { changedFiles, platformTree, typeCheck } from './helpers';

const read = (tree: Tree, path: string) => tree.read(path, 'utf-8') ?? '';

describe('service generator', () => {
  describe.each([
    ['http', 'handle-request'],
    ['sqs', 'process-messages'],
    ['schedule', 'run-job'],
  ] as const)('--trigger %s', (trigger, fn) => {
    let tree: Tree;
    beforeAll(async () => {
      tree = platformTree();
      await serviceGenerator(tree, { name: 'billing', team: 'insights', trigger, skipFormat: true });
    });

    it('creates the app and the stack, and nothing outside them but the topology', () => {
      expect(changedFiles(tree)).toEqual(
        [
          'apps/billing/README.md',
          `apps/billing/events/${fn}.json`,
          'apps/billing/jest.config.js',
          'apps/billing/local.json',
          'apps/billing/project.json',
          `apps/billing/src/domain/${fn}.ts`,
          `apps/billing/src/handlers/${fn}.ts`,
          'apps/billing/src/index.ts',
          'apps/billing/src/logSettings.ts',
          'apps/billing/src/settings.ts',
          `apps/billing/tests/domain/${fn}.test.ts`,
          `apps/billing/tests/handlers/${fn}.test.ts`,
          'apps/billing/tests/settings.json',
          'apps/billing/tests/settings.test.ts',
          'apps/billing/tests/setup.ts',
          'apps/billing/tsconfig.json',
          'stacks/billing/jest.config.js',
          'stacks/billing/project.json',
          'stacks/billing/src/stack.ts',
          'stacks/billing/tests/stack.test.ts',
          'stacks/billing/tsconfig.json',
          'stacks/topology.ts',
        ].sort(),
      );
    });

    it('registers the service with its team, so synth builds billing-<env> in the team accounts', () => {
      expect(readTopologyFacts(tree).services).toEqual(['orders', 'billing']);
      expect(read(tree, 'stacks/topology.ts')).toContain("billing: { team: 'insights' },");
    });

    it('configures the Nx projects: app targets, stack targets per environment, tags and edges', () => {
      const app = readProjectConfiguration(tree, 'billing');
      expect(app.tags).toEqual(['type:app', 'team:insights']);
      expect(Object.keys(app.targets ?? {}).sort()).toEqual([
        'build',
        'dev',
        'invoke',
        'lint',
        'test',
        'typecheck',
      ]);
      expect(app.targets?.build.command).toBe('node tools/bundle-functions.mjs apps/billing');
      // npm run dev for this service and what it talks to; long-running, never cached.
      expect(app.targets?.dev).toEqual({
        command: 'tsx tools/dev/cli.ts billing',
        cache: false,
        continuous: true,
      });
      const stack = readProjectConfiguration(tree, 'billing-stack');
      expect(stack.tags).toEqual(['type:stack', 'team:insights']);
      expect(stack.implicitDependencies).toEqual(['billing', 'stacks']);
      expect(stack.targets?.synth.options.env).toEqual({
        PLATFORM_STACKS: 'billing-*',
        PLATFORM_OUTDIR: 'dist/cdktf/billing',
      });
      // One configuration per environment of the topology, read by the cdktf executor (no Nx interpolation).
      const perEnvironment = {
        dev: { environment: 'dev' },
        staging: { environment: 'staging' },
        prod: { environment: 'prod' },
      };
      expect(stack.targets?.deploy).toEqual({
        executor: '@platform/nx-plugin:cdktf',
        dependsOn: ['^build'],
        options: { command: 'deploy', autoApprove: true },
        configurations: perEnvironment,
      });
      expect(stack.targets?.diff).toEqual({
        executor: '@platform/nx-plugin:cdktf',
        dependsOn: ['^build'],
        options: { command: 'diff' },
        configurations: perEnvironment,
      });
      expect(JSON.stringify(stack.targets)).not.toContain('{args.');
    });

    it('keeps the handler to AWS glue over the domain module', () => {
      const handler = read(tree, `apps/billing/src/handlers/${fn}.ts`);
      expect(handler).toContain(`from '../domain/${fn}'`);
      expect(handler).toMatch(/export const handler = (httpHandler|sqsHandler|scheduleHandler)\(/);
      expect(read(tree, `apps/billing/src/domain/${fn}.ts`)).not.toMatch(
        /aws-lambda|@platform\/lambda'.*Handler/,
      );
    });

    it('wires the function, its settings grant and its trigger in the stack', () => {
      const stack = read(tree, 'stacks/billing/src/stack.ts');
      expect(stack).toContain('export default class BillingStack extends ServiceStack');
      expect(stack).toContain("import { settings } from '@apps/billing';");
      expect(stack).toContain(`new ServiceFunction(this, '${fn}'`);
      expect(stack).toContain('.grantSettings(settings.declaration)');
      const trigger_ = {
        http: `api.addRoute('POST /${fn}'`,
        sqs: `new SqsConsumer(this, '${fn}-queue'`,
        schedule: `new Schedule(this, '${fn}-schedule'`,
      };
      expect(stack).toContain(trigger_[trigger]);
    });

    it('ships a realistic sample event for local invoke', () => {
      const event = JSON.parse(read(tree, `apps/billing/events/${fn}.json`)) as Record<string, unknown>;
      if (trigger === 'http') {
        expect(event).toMatchObject({
          version: '2.0',
          routeKey: `POST /${fn}`,
          rawPath: `/${fn}`,
          body: '{"name":"Ada"}',
        });
      } else if (trigger === 'sqs') {
        const records = event.Records as { eventSource: string; body: string }[];
        expect(records.map((r) => r.eventSource)).toEqual(['aws:sqs', 'aws:sqs']);
        expect(JSON.parse(records[0].body)).toEqual({ id: 'sample-1', quantity: 2 });
      } else {
        // What EventBridge Scheduler (the Schedule construct) sends a target without input.
        expect(event).toMatchObject({
          source: 'aws.scheduler',
          'detail-type': 'Scheduled Event',
          resources: [`arn:aws:scheduler:us-east-2:123456789012:schedule/default/billing-dev-${fn}-schedule`],
          detail: '{}',
        });
      }
    });
  });

  // The function templates of every trigger are type-checked by function.test.ts.
  it('generates a service whose code type-checks against the platform packages', async () => {
    const tree = platformTree();
    await serviceGenerator(tree, { name: 'billing', team: 'insights', trigger: 'sqs', skipFormat: true });
    expect(typeCheck(tree)).toEqual([]);
  }, 120_000);

  it('takes the function name, route and schedule from the options', async () => {
    const tree = platformTree();
    await serviceGenerator(tree, {
      name: 'reports',
      team: 'insights',
      trigger: 'schedule',
      function: 'publish-daily',
      schedule: 'cron(0 3 * * ? *)',
      skipFormat: true,
    });
    expect(read(tree, 'stacks/reports/src/stack.ts')).toContain("expression: 'cron(0 3 * * ? *)'");
    const other = platformTree();
    await serviceGenerator(other, {
      name: 'catalog',
      team: 'commerce',
      function: 'get-item',
      route: 'GET /items/{id}',
      skipFormat: true,
    });
    expect(read(other, 'stacks/catalog/src/stack.ts')).toContain("api.addRoute('GET /items/{id}'");
  });

  describe('bad input: a clear error and nothing written', () => {
    it.each([
      [{ name: 'Billing', team: 'insights' }, /Invalid service name "Billing": use lowercase kebab-case/],
      [{ name: 'orders', team: 'commerce' }, /Service "orders" already exists in stacks\/topology.ts/],
      [
        { name: 'billing', team: 'marketing' },
        /Unknown team "marketing". Teams in stacks\/topology.ts: commerce, insights/,
      ],
      [
        { name: 'billing', team: 'insights', trigger: 'kinesis' },
        /Unknown trigger "kinesis". Use one of: http, sqs, schedule/,
      ],
      [{ name: 'bootstrap-tools', team: 'insights' }, /reserved: "bootstrap-\*" stacks/],
      [
        { name: 'logging', team: 'insights' },
        /packages\/logging already exists.*the Nx project "logging" exists/,
      ],
      [
        { name: 'customer-lifetime-value-reporting', team: 'insights', function: 'aggregate-monthly' },
        /Name too long: .*"customer-lifetime-value-reporting-staging-aggregate-monthly", 59 characters; the limit is 57/,
      ],
      [{ name: 'billing', team: 'insights', function: 'api' }, /Function name "api" is reserved/],
      [{ name: 'billing', team: 'insights', route: 'POST orders' }, /Invalid --route "POST orders"/],
      [
        { name: 'billing', team: 'insights', trigger: 'schedule', schedule: 'every day' },
        /Invalid --schedule "every day"/,
      ],
      [
        { name: 'billing', team: 'insights', trigger: 'sqs', route: 'POST /x' },
        /--route applies to --trigger http only/,
      ],
    ])('%j', async (options, message) => {
      const tree = platformTree();
      tree.write('packages/logging/package.json', '{}');
      const before = changedFiles(tree);
      await expect(serviceGenerator(tree, options as never)).rejects.toThrow(message);
      expect(changedFiles(tree)).toEqual(before);
    });
  });
});
