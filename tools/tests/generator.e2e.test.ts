import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { endpointsOf, startDevProcess } from './support/devProcess';
import { copyWorkspace, type WorkspaceCopy } from './support/workspaceCopy';

/*
 * The generators end to end, as a user runs them: the real `nx g` in a temporary copy of the
 * workspace, then the new service's lint, type-check, tests, a full synth and the Terraform check,
 * with no manual edit in between.
 */
const SERVICE = 'ledger';
let copy: WorkspaceCopy;

/**
 * Asserts that an nx command succeeds: returns its output, or throws with it, so a failing step shows why.
 * (Listed in eslint.config.mjs as an assertion for jest/expect-expect.)
 */
function expectNxSuccess(args: string[]): string {
  try {
    return copy.nx(...args);
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(
      `nx ${args.join(' ')} failed:\n${String(e.stdout ?? '')}\n${String(e.stderr ?? '')}\n${e.message}`,
    );
  }
}

beforeAll(() => {
  copy = copyWorkspace('nx-generate-');
}, 120_000);

afterAll(() => copy?.remove());

describe('nx g @platform/nx-plugin (end to end)', () => {
  it('--dry-run lists the files and writes nothing', () => {
    const output = expectNxSuccess([
      'g',
      '@platform/nx-plugin:service',
      SERVICE,
      '--team',
      'insights',
      '--trigger',
      'sqs',
      '--dry-run',
    ]);
    expect(output).toContain(`CREATE apps/${SERVICE}/src/handlers/process-messages.ts`);
    expect(output).toContain(`CREATE stacks/${SERVICE}/src/stack.ts`);
    expect(output).toContain('UPDATE stacks/topology.ts');
    expect(copy.git('status', '--porcelain')).toBe('');
  }, 60_000);

  it('refuses bad input with the reason and writes nothing', () => {
    expect(() => copy.nx('g', '@platform/nx-plugin:service', 'Ledger', '--team', 'insights')).toThrow(
      /Invalid service name "Ledger": use lowercase kebab-case/,
    );
    expect(() => copy.nx('g', '@platform/nx-plugin:service', SERVICE, '--team', 'nobody')).toThrow(
      /Unknown team "nobody"/,
    );
    expect(() =>
      copy.nx('g', '@platform/nx-plugin:service', SERVICE, '--team', 'insights', '--trigger', 'ftp'),
    ).toThrow(/trigger/);
    expect(copy.git('status', '--porcelain')).toBe('');
  }, 60_000);

  it('creates a service, then adds functions of the other triggers to it', () => {
    expectNxSuccess(['g', '@platform/nx-plugin:service', SERVICE, '--team', 'insights', '--trigger', 'sqs']);
    expectNxSuccess([
      'g',
      '@platform/nx-plugin:function',
      SERVICE,
      'get-balance',
      '--trigger',
      'http',
      '--route',
      'GET /balances/{id}',
    ]);
    expectNxSuccess([
      'g',
      '@platform/nx-plugin:function',
      SERVICE,
      'close-day',
      '--trigger',
      'schedule',
      '--schedule',
      'cron(0 1 * * ? *)',
    ]);
    expect(readdirSync(join(copy.dir, 'apps', SERVICE, 'src', 'handlers')).sort()).toEqual([
      'close-day.ts',
      'get-balance.ts',
      'process-messages.ts',
    ]);
    copy.git('add', '-A');
    copy.git('commit', '-q', '-m', `add ${SERVICE}`);
  }, 120_000);

  it('makes nx affected pick the new projects', () => {
    const affected = JSON.parse(
      copy.nx('show', 'projects', '--affected', '--base=HEAD~1', '--head=HEAD', '--json'),
    ) as string[];
    expect(affected).toEqual(expect.arrayContaining([SERVICE, `${SERVICE}-stack`]));
    // The topology changed: every stack, and no library.
    expect(affected).not.toContain('logging');
  }, 60_000);

  it('passes lint, type-check and tests as generated', () => {
    expectNxSuccess([
      'run-many',
      '-t',
      'lint',
      'typecheck',
      'test',
      '-p',
      SERVICE,
      `${SERVICE}-stack`,
      '--outputStyle=static',
    ]);
  }, 300_000);

  it('synthesizes <service>-<environment> for every environment, in the team account, with the full synth', () => {
    expectNxSuccess(['run', 'stacks:synth']);
    for (const env of ['dev', 'staging', 'prod']) {
      const file = join(copy.dir, 'cdktf.out', 'stacks', `${SERVICE}-${env}`, 'cdk.tf.json');
      expect(existsSync(file)).toBe(true);
      const stack = JSON.parse(readFileSync(file, 'utf8')) as {
        provider: { aws: { allowed_account_ids: string[] }[] };
        resource: Record<string, Record<string, { function_name?: string }>>;
      };
      expect(stack.provider.aws[0].allowed_account_ids).toHaveLength(1);
      const names = Object.values(stack.resource.aws_lambda_function)
        .map((f) => f.function_name)
        .sort();
      expect(names).toEqual([
        `${SERVICE}-${env}-close-day`,
        `${SERVICE}-${env}-get-balance`,
        `${SERVICE}-${env}-process-messages`,
      ]);
    }
  }, 300_000);

  it('runs under npm run dev as generated: its route, queue and schedule, wired from its stack', async () => {
    const project = JSON.parse(copy.nx('show', 'project', SERVICE, '--json')) as {
      targets: Record<string, { options?: { command?: string } }>;
    };
    expect(project.targets.dev?.options?.command).toBe(`tsx tools/dev/cli.ts ${SERVICE}`);
    const workDir = join(copy.dir, 'tmp', 'dev');
    const dev = startDevProcess(copy.dir, workDir, [SERVICE]);
    try {
      const { control } = await endpointsOf(dev);
      const output = dev.lines.join('\n');
      expect(output).toContain(`npm run dev: ${SERVICE} (stacks ${SERVICE}-dev, from cdktf.out)`);
      expect(output).toMatch(
        new RegExp(
          `GET http://127\\.0\\.0\\.1:\\d+/balances/\\{id\\} {2}-> ${SERVICE}/get-balance \\(AWS_IAM\\)`,
        ),
      );
      expect(output).toContain(`-> ${SERVICE}/process-messages (batch 10`);
      expect(output).toContain(`cron(0 1 * * ? *) UTC -> ${SERVICE}/close-day`);
      const fired = await fetch(`${control}/fire/${SERVICE}/close-day`, { method: 'POST' });
      expect(fired.status).toBe(200);
    } finally {
      expect(await dev.interrupt()).toBe(0);
    }
  }, 300_000);

  // Terraform and the provider mirror as in the README (TF_PLUGIN_MIRROR).
  it('passes the Terraform check (validate and offline plan)', () => {
    expectNxSuccess(['run', `${SERVICE}-stack:validate`, '--outputStyle=static']);
  }, 300_000);

  // One check for both: the generator runs HttpApi's and Schedule's own (@platform/constructs/syntax).
  it('refuses a schedule synth would refuse, and takes a route HttpApi takes, which then synthesizes', () => {
    expect(() =>
      copy.nx(
        'g',
        '@platform/nx-plugin:function',
        SERVICE,
        'tick',
        '--trigger',
        'schedule',
        '--schedule',
        'rate(1 minutes)',
      ),
    ).toThrow(/Invalid --schedule "rate\(1 minutes\)": use an EventBridge Scheduler expression/);
    expectNxSuccess([
      'g',
      '@platform/nx-plugin:function',
      SERVICE,
      'proxy',
      '--trigger',
      'http',
      '--route',
      'ANY /{proxy+}',
    ]);
    expectNxSuccess(['run', `${SERVICE}-stack:synth`, '--outputStyle=static']);
    const file = join(copy.dir, 'dist', 'cdktf', SERVICE, 'stacks', `${SERVICE}-dev`, 'cdk.tf.json');
    const stack = JSON.parse(readFileSync(file, 'utf8')) as {
      resource: Record<string, Record<string, { route_key?: string }>>;
    };
    expect(
      Object.values(stack.resource.aws_apigatewayv2_route)
        .map((r) => r.route_key)
        .sort(),
    ).toEqual(['ANY /{proxy+}', 'GET /balances/{id}']);
  }, 300_000);
});
