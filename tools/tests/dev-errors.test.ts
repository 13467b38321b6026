import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endpointsOf, eventually, startDevProcess, type DevProcess } from './support/devProcess';
import { copyWorkspace, workspaceRoot, type WorkspaceCopy } from './support/workspaceCopy';

/*
 * npm run dev on bad input, in a scratch copy of the workspace (its handlers and local.json are
 * edited here, never the repository's), with the repository's synthesized dev stacks copied in.
 */
jest.setTimeout(300_000);
let copy: WorkspaceCopy;
const workDir = mkdtempSync(join(tmpdir(), 'dev-errors-work-'));

/** `tsx tools/dev/cli.ts <args>` in the copy, to its end. */
function runDev(args: string[]) {
  return spawnSync(join(copy.dir, 'node_modules/.bin/tsx'), [join(copy.dir, 'tools/dev/cli.ts'), ...args], {
    cwd: copy.dir,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
  });
}

beforeAll(() => {
  copy = copyWorkspace('dev-errors-');
  for (const service of ['orders', 'reports']) {
    const from = join(workspaceRoot, 'cdktf.out/stacks', `${service}-dev`, 'cdk.tf.json');
    // Without them, dev runs the synth in the copy first (slower, same result).
    if (!existsSync(from)) continue;
    mkdirSync(join(copy.dir, 'cdktf.out/stacks', `${service}-dev`), { recursive: true });
    copyFileSync(from, join(copy.dir, 'cdktf.out/stacks', `${service}-dev`, 'cdk.tf.json'));
  }
});

afterAll(() => {
  copy?.remove();
  rmSync(workDir, { recursive: true, force: true });
});

describe('npm run dev on bad input', () => {
  describe('a malformed local.json', () => {
    const file = () => join(copy.dir, 'apps/orders/local.json');
    let original: string;
    beforeEach(() => (original = readFileSync(file(), 'utf8')));
    afterEach(() => writeFileSync(file(), original));

    it('names the file, the path in it and the fix, and starts nothing', () => {
      writeFileSync(file(), JSON.stringify({ environment: { ORDERS_QUEUE_URL: 42 } }));

      const run = runDev([
        'orders',
        '--port',
        '0',
        '--sqs-port',
        '0',
        '--dynamodb-port',
        '0',
        '--control-port',
        '0',
      ]);

      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n').at(-1)).toBe(
        'apps/orders/local.json: environment.ORDERS_QUEUE_URL is 42 (a number). ' +
          'Lambda environment values are strings: write "42".',
      );
    });

    it('points at the line and column of a JSON syntax error', () => {
      writeFileSync(file(), '{\n  "settings": {},\n}\n');

      const run = runDev([
        'orders',
        '--port',
        '0',
        '--sqs-port',
        '0',
        '--dynamodb-port',
        '0',
        '--control-port',
        '0',
      ]);

      expect(run.status).toBe(1);
      expect(run.stderr).toContain('apps/orders/local.json is not valid JSON (line 3, column 1)');
      expect(run.stderr).toContain('Fix the syntax (double-quoted names and values, no trailing comma)');
    });
  });

  it('names a port in use and the option to change it', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;

    const run = runDev([
      'orders',
      '--port',
      String(port),
      '--sqs-port',
      '0',
      '--dynamodb-port',
      '0',
      '--control-port',
      '0',
    ]);
    taken.close();

    expect(run.status).toBe(1);
    // The last line: on Node 20 the AWS SDK's Node version warning comes first.
    expect(run.stderr.trim().split('\n').at(-1)).toBe(
      `Port ${port} (HTTP API orders-dev-api) is already in use on 127.0.0.1. Stop what listens there ` +
        '(e.g. another npm run dev), or pick another port: --port <port> (0 picks a free one).',
    );
  });

  it('--fire without a running npm run dev says to start it first', () => {
    const nowhere = join(workDir, 'not-running');

    const run = runDev(['--fire', 'reports/publish-daily-report', '--work-dir', nowhere]);

    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n').at(-1)).toBe(
      `No npm run dev is running (no ${join(nowhere, 'control.json')}). ` +
        'Start it first (npm run dev), then fire from another terminal.',
    );
  });

  describe('a function that throws at init', () => {
    const handler = () => join(copy.dir, 'apps/reports/src/handlers/record-sale.ts');
    let original: string;
    let dev: DevProcess;
    beforeAll(() => {
      original = readFileSync(handler(), 'utf8');
      writeFileSync(handler(), `throw new Error('record-sale cannot start');\n${original}`);
      dev = startDevProcess(copy.dir, workDir, ['reports']);
    });
    afterAll(async () => {
      writeFileSync(handler(), original);
      await dev?.interrupt();
    });

    it('is marked failed while the rest keeps running', async () => {
      const { control } = await endpointsOf(dev);

      expect(dev.lines).toContain('  reports/record-sale  FAILED at init: record-sale cannot start');
      expect(dev.lines).toContainEqual(
        expect.stringMatching(/^ {2}reports\/publish-daily-report {2}ready \(pid \d+\)$/),
      );
      const fired = await fetch(`${control}/fire/reports/publish-daily-report`, { method: 'POST' });
      expect(fired.status).toBe(200);
      expect(await fired.json()).toMatchObject({
        ok: true,
        schedule: 'reports-dev-publish-daily-report-schedule',
      });
    });

    it('comes back once its code is fixed: only it is rebuilt and reloaded', async () => {
      const { control } = await endpointsOf(dev);
      const status = async () =>
        (
          (await (await fetch(`${control}/status`)).json()) as {
            functions: Record<string, { state: string; pids: number[] }>;
          }
        ).functions;
      const before = await status();

      writeFileSync(handler(), original);

      await dev.waitFor(/^\[dev\] reports\/record-sale reloaded \(pid \d+\)$/);
      const after = await eventually(async () => {
        const functions = await status();
        return functions['reports/record-sale']!.state === 'ready' ? functions : undefined;
      }, 'record-sale to be ready');
      // publish-daily-report's bundle did not change: not reloaded, same process.
      expect(dev.lines).toContainEqual(
        expect.stringMatching(/^\[dev\] reports\/record-sale rebuilt in \d+ ms$/),
      );
      expect(after['reports/publish-daily-report']!.pids).toEqual(
        before['reports/publish-daily-report']!.pids,
      );
    });
  });
});
