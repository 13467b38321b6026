import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { LogStream } from './logStream';

export interface InvokeOutcome {
  readonly ok: boolean;
  readonly response?: unknown;
  readonly error?: { readonly name: string; readonly message: string; readonly stack?: string };
  readonly durationMs?: number;
}

export interface FunctionRunnerOptions {
  readonly bundle: string;
  readonly environment: Record<string, string>;
  readonly timeoutMs: number;
  /** Execution environments at once, as Lambda's concurrency. @default 10 */
  readonly maxConcurrency?: number;
}

type WorkerMessage =
  | { type: 'ready'; initMs: number }
  | { type: 'init-error'; error: NonNullable<InvokeOutcome['error']> }
  | ({ type: 'result'; id: string } & InvokeOutcome);

interface Worker {
  readonly child: ChildProcess;
  /** Resolves with the init error, or undefined once the handler is loaded. */
  readonly ready: Promise<InvokeOutcome['error'] | undefined>;
  busy: boolean;
  /** Replaced by a rebuild: ends after its current invocation. */
  retired: boolean;
}

export type FunctionState = 'starting' | 'ready' | 'failed';

/**
 * One function's execution environments: each a process of its own (tools/dev/worker.cjs) that
 * keeps the bundle loaded, runs one invocation at a time, and is replaced when the bundle changes.
 */
export class FunctionRunner {
  state: FunctionState = 'starting';
  lastError?: InvokeOutcome['error'];
  private workers: Worker[] = [];
  private waiting: (() => void)[] = [];
  private stopped = false;

  constructor(
    readonly tag: string,
    private readonly options: FunctionRunnerOptions,
    private readonly log: LogStream,
  ) {}

  get pids(): number[] {
    return this.workers.map((w) => w.child.pid!).filter(Boolean);
  }

  /** A warm environment, so init errors show at start and the first request is not a cold start. */
  async start(): Promise<void> {
    const worker = this.spawn();
    const error = await worker.ready;
    if (error) this.fail(error);
    else this.state = 'ready';
  }

  /** After a rebuild: new invocations get the new bundle; running ones finish on the old one. */
  async reload(): Promise<void> {
    for (const worker of this.workers) {
      worker.retired = true;
      if (!worker.busy) worker.child.kill();
    }
    this.state = 'starting';
    await this.start();
    if ((this.state as FunctionState) === 'ready')
      this.log.info(`${this.tag} reloaded (pid ${this.pids.at(-1)})`);
  }

  async invoke(event: unknown): Promise<InvokeOutcome> {
    const worker = await this.acquire();
    if (!worker) return { ok: false, error: { name: 'Stopped', message: 'npm run dev is stopping' } };
    const initError = await worker.ready;
    if (initError) {
      this.release(worker);
      this.fail(initError);
      return { ok: false, error: initError };
    }
    this.state = 'ready';
    const id = randomUUID();
    const outcome = await new Promise<InvokeOutcome>((resolve) => {
      const timer = setTimeout(() => {
        // As Lambda does: the environment that timed out is not reused.
        worker.retired = true;
        worker.child.kill('SIGKILL');
        const seconds = (this.options.timeoutMs / 1000).toFixed(2);
        resolve({
          ok: false,
          error: { name: 'TimeoutError', message: `Task timed out after ${seconds} seconds` },
        });
      }, this.options.timeoutMs);
      const onMessage = (message: WorkerMessage) => {
        if (message.type !== 'result' || message.id !== id) return;
        done();
        const { type: _type, id: _id, ...result } = message;
        resolve(result);
      };
      const onExit = (code: number | null, signal: string | null) => {
        done();
        resolve({
          ok: false,
          error: {
            name: 'Runtime.ExitError',
            message: `The function's process exited (${signal ?? code}) during the invocation`,
          },
        });
      };
      const done = () => {
        clearTimeout(timer);
        worker.child.off('message', onMessage);
        worker.child.off('exit', onExit);
      };
      worker.child.on('message', onMessage);
      worker.child.once('exit', onExit);
      worker.child.send({ id, event, timeoutMs: this.options.timeoutMs, requestId: id });
    });
    this.release(worker);
    return outcome;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const resolve of this.waiting.splice(0)) resolve();
    await Promise.all(this.workers.map((worker) => terminate(worker.child)));
    this.workers = [];
  }

  private fail(error: NonNullable<InvokeOutcome['error']>): void {
    this.state = 'failed';
    this.lastError = error;
    this.log.info(
      `${this.tag} FAILED at init: ${error.name}: ${error.message} (fix the code: it reloads on save)`,
    );
  }

  private async acquire(): Promise<Worker | undefined> {
    for (;;) {
      if (this.stopped) return undefined;
      const idle = this.workers.find((w) => !w.busy && !w.retired && w.child.exitCode === null);
      const worker =
        idle ?? (this.workers.length < (this.options.maxConcurrency ?? 10) ? this.spawn() : undefined);
      if (worker) {
        worker.busy = true;
        return worker;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(worker: Worker): void {
    worker.busy = false;
    if (worker.retired || worker.child.exitCode !== null) worker.child.kill();
    this.waiting.shift()?.();
  }

  private spawn(): Worker {
    const child = fork(join(__dirname, 'worker.cjs'), [this.options.bundle], {
      // Only PATH from this shell: the function sees the environment Lambda would give it, no AWS profile.
      env: { PATH: process.env.PATH ?? '', ...this.options.environment },
      // Not this process's flags (tsx's loader): a plain Node.js, as the Lambda runtime.
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    // A process that cannot start (e.g. out of memory) is reported, never thrown at the event loop.
    child.on('error', (error) => this.log.info(`${this.tag}: process error: ${error.message}`));
    this.log.pipe(this.tag, child.stdout!);
    this.log.pipe(this.tag, child.stderr!);
    const ready = new Promise<InvokeOutcome['error'] | undefined>((resolve) => {
      child.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') resolve(undefined);
        if (message.type === 'init-error') resolve(message.error);
      });
      child.once('exit', (code, signal) =>
        resolve({
          name: 'Runtime.ExitError',
          message: `The function's process exited (${signal ?? code}) at init`,
        }),
      );
    });
    const worker: Worker = { child, ready, busy: false, retired: false };
    this.workers.push(worker);
    child.once('exit', () => {
      this.workers = this.workers.filter((w) => w !== worker);
      this.waiting.shift()?.();
    });
    return worker;
  }
}

/** SIGTERM, then SIGKILL if it does not end within 2 s; resolves once it has exited. */
function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
