import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ExecutorContext, logger } from '@nx/devkit';
import cdktfExecutor from '../../src/executors/cdktf/executor';
import { requestedConfiguration } from '../../src/executors/cdktf/invocation';

/*
 * The executor in process, in a scratch workspace whose node_modules/.bin/cdktf records how it was
 * called. Through Nx with cdktf and a recording terraform: tools/tests/deploy.e2e.test.ts.
 */
const TOPOLOGY = `export const topology = defineTopology({
  environments: ['dev', 'staging', 'prod'],
  teams: { commerce: { accounts: {} } },
  services: { orders: { team: 'commerce' } },
});
`;
let root: string;
let errors: jest.SpyInstance;

const context = (configurationName?: string) =>
  ({
    root,
    projectName: 'orders-stack',
    targetName: 'deploy',
    configurationName,
  }) as unknown as ExecutorContext;
const calls = () =>
  existsSync(join(root, 'cdktf-calls.json'))
    ? (JSON.parse(readFileSync(join(root, 'cdktf-calls.json'), 'utf8')) as {
        args: string[];
        cwd: string;
        stacks: string;
      })
    : undefined;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cdktf-executor-'));
  mkdirSync(join(root, 'stacks'));
  writeFileSync(join(root, 'stacks', 'topology.ts'), TOPOLOGY);
  mkdirSync(join(root, 'node_modules', '.bin'), { recursive: true });
  const cdktf = join(root, 'node_modules', '.bin', 'cdktf');
  writeFileSync(
    cdktf,
    `#!/usr/bin/env node
require('node:fs').writeFileSync(require('node:path').join(process.cwd(), 'cdktf-calls.json'),
  JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd(), stacks: process.env.PLATFORM_STACKS }));
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
  delete process.env.PLATFORM_ROLE;
  rmSync(root, { recursive: true, force: true });
});

/** dist/cdktf/orders as the synth target writes it: orders-dev and orders-prod. */
function synthesized(): void {
  const stacks: Record<string, object> = {};
  for (const stack of ['orders-dev', 'orders-prod']) {
    mkdirSync(join(root, 'dist/cdktf/orders/stacks', stack, 'assets'), { recursive: true });
    writeFileSync(join(root, 'dist/cdktf/orders/stacks', stack, 'cdk.tf.json'), `{"stack":"${stack}"}`);
    writeFileSync(join(root, 'dist/cdktf/orders/stacks', stack, 'assets', 'fn.zip'), `zip of ${stack}`);
    stacks[stack] = { name: stack, workingDirectory: `stacks/${stack}` };
  }
  writeFileSync(join(root, 'dist/cdktf/orders/manifest.json'), JSON.stringify({ version: '0.21.0', stacks }));
}

describe('cdktf executor', () => {
  it('runs cdktf for <service>-<configuration> from the workspace root, with PLATFORM_STACKS naming that stack', async () => {
    await expect(cdktfExecutor({ command: 'deploy', autoApprove: true }, context('dev'))).resolves.toEqual({
      success: true,
    });
    expect(calls()).toEqual({
      args: ['deploy', 'orders-dev', '--output', 'dist/cdktf/deploy/orders-dev', '--auto-approve'],
      cwd: root,
      stacks: 'orders-dev',
    });
  });

  it('fails when cdktf fails', async () => {
    process.env.CDKTF_STAND_IN_EXIT = '1';
    await expect(cdktfExecutor({ command: 'diff' }, context('prod'))).resolves.toEqual({ success: false });
    expect(calls()?.args).toEqual(['diff', 'orders-prod', '--output', 'dist/cdktf/deploy/orders-prod']);
  });

  it('refuses an unknown environment without running cdktf', async () => {
    await expect(cdktfExecutor({ command: 'deploy', environment: 'qa' }, context())).resolves.toEqual({
      success: false,
    });
    expect(errors).toHaveBeenCalledWith(
      'orders-stack:deploy: unknown environment "qa". Environments in stacks/topology.ts: dev, staging, prod. ' +
        'Run with -c <environment>, e.g. -c dev.',
    );
    expect(calls()).toBeUndefined();
  });

  it('with skipSynth, copies that stack unchanged next to a manifest naming it alone, then runs cdktf --skip-synth', async () => {
    synthesized();
    await expect(
      cdktfExecutor({ command: 'deploy', autoApprove: true, skipSynth: true }, context('prod')),
    ).resolves.toEqual({ success: true });
    const out = join(root, 'dist/cdktf/deploy/orders-prod');
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toEqual({
      version: '0.21.0',
      stacks: { 'orders-prod': { name: 'orders-prod', workingDirectory: 'stacks/orders-prod' } },
    });
    expect(readFileSync(join(out, 'stacks/orders-prod/cdk.tf.json'), 'utf8')).toBe('{"stack":"orders-prod"}');
    expect(readFileSync(join(out, 'stacks/orders-prod/assets/fn.zip'), 'utf8')).toBe('zip of orders-prod');
    expect(existsSync(join(out, 'stacks/orders-dev'))).toBe(false);
    expect(calls()?.args).toEqual([
      'deploy',
      'orders-prod',
      '--output',
      'dist/cdktf/deploy/orders-prod',
      '--auto-approve',
      '--skip-synth',
    ]);
  });

  it('with skipSynth, refuses a stack that was not synthesized, and the plan role', async () => {
    synthesized();
    await expect(cdktfExecutor({ command: 'deploy', skipSynth: true }, context('staging'))).resolves.toEqual({
      success: false,
    });
    expect(errors).toHaveBeenLastCalledWith(
      '--skipSynth: dist/cdktf/orders/manifest.json has no stack "orders-staging". Synthesize it first ' +
        "(npx nx run orders-stack:synth), or in CI download the verify job's build artifact.",
    );
    process.env.PLATFORM_ROLE = 'plan';
    await expect(cdktfExecutor({ command: 'deploy', skipSynth: true }, context('dev'))).resolves.toEqual({
      success: false,
    });
    expect(errors).toHaveBeenLastCalledWith(
      'orders-dev: --skipSynth deploys the stack as synthesized, with the deploy role, but PLATFORM_ROLE=plan asks ' +
        'for the read-only plan role. Drop --skipSynth to synthesize it with the plan role.',
    );
    expect(calls()).toBeUndefined();
  });
});

describe('requestedConfiguration', () => {
  it('reads -c from the command line of the process NX_INVOCATION_ROOT_PID names (where /proc exposes it)', async () => {
    const nx = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)', '--', 'affected', '-c', 'qa']);
    try {
      await new Promise((resolve) => nx.once('spawn', resolve));
      expect(requestedConfiguration({ NX_INVOCATION_ROOT_PID: String(nx.pid) })).toBe(
        existsSync('/proc/self/cmdline') ? 'qa' : undefined,
      );
    } finally {
      nx.kill();
    }
  });

  it('is undefined without NX_INVOCATION_ROOT_PID or for a process that is gone', () => {
    expect(requestedConfiguration({})).toBeUndefined();
    expect(requestedConfiguration({ NX_INVOCATION_ROOT_PID: '999999999' })).toBeUndefined();
  });
});
