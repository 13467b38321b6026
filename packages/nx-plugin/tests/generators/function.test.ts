import type { Tree } from '@nx/devkit';
import { functionGenerator } from '../../src/generators/function/generator';
import { serviceGenerator } from '../../src/generators/service/generator';
import { changedFiles, platformTree, typeCheck } from './helpers';

const read = (tree: Tree, path: string) => tree.read(path, 'utf-8') ?? '';

async function treeWithService(): Promise<Tree> {
  const tree = platformTree();
  await serviceGenerator(tree, { name: 'billing', team: 'insights', trigger: 'http', skipFormat: true });
  return tree;
}

describe('function generator', () => {
  let tree: Tree;
  beforeAll(async () => {
    tree = await treeWithService();
    await functionGenerator(tree, {
      service: 'billing',
      name: 'get-invoice',
      trigger: 'http',
      route: 'GET /invoices/{id}',
      skipFormat: true,
    });
    await functionGenerator(tree, {
      service: 'billing',
      name: 'send-invoices',
      trigger: 'sqs',
      skipFormat: true,
    });
    await functionGenerator(tree, {
      service: 'billing',
      name: 'close-month',
      trigger: 'schedule',
      schedule: 'cron(0 2 1 * ? *)',
      skipFormat: true,
    });
  });

  it('adds handler, domain, tests and sample event of each function', () => {
    for (const fn of ['get-invoice', 'send-invoices', 'close-month']) {
      for (const path of [
        `src/handlers/${fn}.ts`,
        `src/domain/${fn}.ts`,
        `tests/handlers/${fn}.test.ts`,
        `tests/domain/${fn}.test.ts`,
        `events/${fn}.json`,
      ]) {
        expect(tree.exists(`apps/billing/${path}`)).toBe(true);
      }
    }
  });

  it('wires each function into the existing stack, reusing the service HTTP API', () => {
    const stack = read(tree, 'stacks/billing/src/stack.ts');
    expect(stack.match(/new HttpApi\(/g)).toHaveLength(1);
    expect(stack).toContain("api.addRoute('POST /handle-request', { function: handleRequestFn });");
    expect(stack).toContain("api.addRoute('GET /invoices/{id}', { function: getInvoiceFn });");
    expect(stack).toContain(
      "new SqsConsumer(this, 'send-invoices-queue', { consumer: sendInvoicesFn, batchSize: 10 });",
    );
    expect(stack).toContain(
      "new Schedule(this, 'close-month-schedule', { target: closeMonthFn, expression: 'cron(0 2 1 * ? *)' });",
    );
    expect(stack).toMatch(
      /import \{ ServiceStack, SettingsParameters, type ServiceStackConfig, ServiceFunction, HttpApi, SqsConsumer, Schedule \} from '@platform\/constructs';/,
    );
    // Hand edits survive: the wiring is appended on the AST, not by regenerating the file.
    expect(stack.indexOf("new SettingsParameters(this, 'settings'")).toBeLessThan(
      stack.indexOf('handleRequestFn'),
    );
  });

  it('generates code that type-checks against the platform packages', () => {
    expect(typeCheck(tree)).toEqual([]);
  }, 120_000);

  it('keeps a hand-written stack and adds what it lacks (constructs and the settings import)', async () => {
    const other = await treeWithService();
    other.write(
      'stacks/billing/src/stack.ts',
      `import type { Construct } from 'constructs';
import { ServiceStack, type ServiceStackConfig } from '@platform/constructs';

export default class BillingStack extends ServiceStack {
  constructor(scope: Construct, id: string, config: ServiceStackConfig) {
    super(scope, id, config);
    // hand-written
  }
}
`,
    );
    await functionGenerator(other, {
      service: 'billing',
      name: 'send-invoices',
      trigger: 'sqs',
      skipFormat: true,
    });
    const stack = read(other, 'stacks/billing/src/stack.ts');
    expect(stack).toContain(
      "import { ServiceStack, type ServiceStackConfig, ServiceFunction, SqsConsumer } from '@platform/constructs';",
    );
    expect(stack).toContain("import { settings } from '@apps/billing';");
    expect(stack).toContain('    // hand-written\n\n    const sendInvoicesFn');
  });

  describe('bad input: a clear error and nothing written', () => {
    it.each([
      [
        { service: 'billing', name: 'handle-request', trigger: 'sqs' },
        /Function "handle-request" already exists in service "billing"/,
      ],
      [
        { service: 'shipping', name: 'x', trigger: 'sqs' },
        /Unknown service "shipping": services in stacks\/topology.ts are orders, billing/,
      ],
      [{ service: 'orders', name: 'x', trigger: 'sqs' }, /apps\/orders\/src\/logSettings.ts not found/],
      [
        { service: 'billing', name: 'Send_Invoices', trigger: 'sqs' },
        /Invalid function name "Send_Invoices"/,
      ],
      [{ service: 'billing', name: 'x', trigger: 'cron' }, /Unknown trigger "cron"/],
      [{ service: 'billing', name: 'settings', trigger: 'http' }, /Function name "settings" is reserved/],
      [
        { service: 'billing', name: 'aggregate-all-the-invoices-of-the-month', trigger: 'schedule' },
        /scheduler IAM role name would be .*; the limit is 64/,
      ],
    ])('%j', async (options, message) => {
      const fresh = await treeWithService();
      const before = fresh.listChanges().map((c) => `${c.path}:${c.content?.length}`);
      await expect(functionGenerator(fresh, options as never)).rejects.toThrow(message);
      expect(fresh.listChanges().map((c) => `${c.path}:${c.content?.length}`)).toEqual(before);
    });
  });

  it('lists what it writes, for --dry-run', async () => {
    const fresh = await treeWithService();
    const before = new Set(changedFiles(fresh));
    await functionGenerator(fresh, { service: 'billing', name: 'refund', trigger: 'http', skipFormat: true });
    expect(changedFiles(fresh).filter((f) => !before.has(f))).toEqual([
      'apps/billing/events/refund.json',
      'apps/billing/src/domain/refund.ts',
      'apps/billing/src/handlers/refund.ts',
      'apps/billing/tests/domain/refund.test.ts',
      'apps/billing/tests/handlers/refund.test.ts',
    ]);
  });
});
