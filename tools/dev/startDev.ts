import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLocalConfig, startLocalServices } from '../invoke/localServices';
import { bundleService, type ServiceBundles } from './bundler';
import { startControlServer } from './controlServer';
import { functionEnvironment, wiredByStack, writeSettings } from './functionEnvironment';
import { FunctionRunner } from './functionRunner';
import { startHttpApi, type LocalApi } from './httpApi';
import { key, startLocalCloud, type LocalCloud } from './localCloud';
import { loadStacks } from './loadStacks';
import type { LogStream } from './logStream';
import { startSchedule, type LocalSchedule } from './schedules';
import { startSqsMapping } from './sqsMapping';
import { resolveValue } from './resolveValue';
import type { StackModel } from './types';

export interface DevOptions {
  readonly root: string;
  /** @default 'dev' (--env) */
  readonly environment: string;
  /** Services asked for, with what they talk to. @default every service */
  readonly services: readonly string[];
  /** With no service named, run every service even above MAX_FUNCTIONS of loadStacks (--all). */
  readonly all?: boolean;
  /** The first HTTP API's port; the next APIs take the following ones; 0: free ports. @default 3000 */
  readonly port: number;
  /** @default 9324 */
  readonly sqsPort: number;
  /** @default 8000 */
  readonly dynamodbPort: number;
  /** @default 3999 */
  readonly controlPort: number;
  /** Seconds before a failed SQS message comes back. @default the queue's visibility timeout */
  readonly retryAfterSeconds?: number;
  /** Rebuild and reload on change. @default true */
  readonly watch: boolean;
  /** Bundles, settings and control.json. @default dist/dev */
  readonly workDir: string;
  readonly log: LogStream;
}

export interface DevSession {
  readonly stacks: StackModel[];
  readonly cloud: LocalCloud;
  readonly apis: LocalApi[];
  readonly schedules: LocalSchedule[];
  readonly runners: Map<string, FunctionRunner>;
  readonly controlUrl: string;
  /** Values of the functions' environments that have no local stand-in, by function. */
  readonly unresolved: Record<string, string[]>;
  stop(): Promise<void>;
}

/** Starts everything the selected stacks declare, on 127.0.0.1; stop() ends all of it. */
export async function startDev(options: DevOptions): Promise<DevSession> {
  const { root, log } = options;
  const stacks = loadStacks(options);
  // Read every local.json before starting anything: a mistake there stops us with nothing to clean up.
  const configs = new Map(stacks.map((s) => [s.service, readLocalConfig(join(root, 'apps', s.service))]));
  const stops: (() => Promise<unknown> | unknown)[] = [];
  const stop = async () => {
    for (const fn of stops.splice(0).reverse()) await Promise.resolve(fn()).catch(() => undefined);
  };
  try {
    const esbuild = await import('esbuild');
    // Last to stop: ends esbuild's service process once every context is disposed.
    stops.push(() => esbuild.stop());
    // The local servers and the first builds do not depend on each other: start both at once
    // (allSettled: what one started is registered for stop() even when the other fails).
    const started = await Promise.allSettled([
      startLocalCloud(stacks, {
        region: stacks[0]?.region ?? 'eu-west-1',
        sqsPort: options.sqsPort,
        dynamodbPort: options.dynamodbPort,
      }).then((cloud) => {
        stops.push(() => cloud.stop());
        return cloud;
      }),
      Promise.all(
        stacks.map((stack) =>
          bundleService(
            root,
            stack.service,
            stack.functions.map((f) => f.id),
            join(options.workDir, 'bundles', stack.service),
            log,
            options.watch,
          ).then((built) => {
            // Not awaited: a background build would hold Ctrl-C until it ends; esbuild.stop()
            // (registered first, so run last) ends the service process and its builds.
            stops.push(() => void built.dispose().catch(() => undefined));
            return built;
          }),
        ),
      ),
    ]);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    const [cloud, bundles] = started.map((result) => (result as PromiseFulfilledResult<unknown>).value) as [
      LocalCloud,
      ServiceBundles[],
    ];

    const runners = new Map<string, FunctionRunner>();
    const unresolved: Record<string, string[]> = {};
    for (const [i, stack] of stacks.entries()) {
      const config = configs.get(stack.service)!;
      const local = await startLocalServices(join(root, 'apps', stack.service), config, {
        sqsEndpoint: cloud.sqsEndpoint,
        dynamodbEndpoint: cloud.dynamodbEndpoint,
        skip: wiredByStack(stack, config),
      });
      stops.push(() => local.stop());
      const settingsFile = writeSettings(options.workDir, stack.service, config);
      for (const fn of stack.functions) {
        const tag = `${stack.service}/${fn.id}`;
        const env = functionEnvironment(stack, fn, cloud, { settingsFile, environment: local.environment });
        if (env.unresolved.length > 0) unresolved[tag] = env.unresolved;
        const runner = new FunctionRunner(
          tag,
          {
            bundle: bundles[i]!.bundles[fn.id]!,
            environment: env.environment,
            timeoutMs: fn.timeoutSeconds * 1000,
            maxConcurrency: fn.reservedConcurrency ?? 10,
          },
          log,
        );
        runners.set(tag, runner);
        stops.push(() => runner.stop());
      }
    }
    await Promise.all([...runners.values()].map((runner) => runner.start()));

    const apis: LocalApi[] = [];
    let port = options.port;
    for (const stack of stacks) {
      for (const api of stack.apis) {
        const started = await startHttpApi(stack, api, runners, port, log);
        stops.push(() => started.stop());
        apis.push(started);
        if (port !== 0) port += 1;
      }
    }

    const schedules: LocalSchedule[] = [];
    for (const stack of stacks) {
      for (const mapping of stack.mappings) {
        const queue = cloud.queues.get(key(stack, mapping.queueAddress))!;
        const poller = startSqsMapping(
          mapping,
          queue,
          runners.get(`${stack.service}/${mapping.functionId}`)!,
          cloud.sqs,
          log,
          {
            retryAfterSeconds: options.retryAfterSeconds,
            region: stack.region,
          },
        );
        stops.push(() => poller.stop());
      }
      for (const model of stack.schedules) {
        const asyncConfig = stack.asyncConfigs[model.functionId];
        const onFailure =
          asyncConfig?.onFailure &&
          resolveValue(stack, asyncConfig.onFailure.replace(/\.arn\}$/, '.url}'), cloud);
        const started = startSchedule(
          model,
          {
            stack,
            runner: runners.get(`${stack.service}/${model.functionId}`)!,
            log,
            sqs: cloud.sqs,
            onFailureUrl: onFailure && onFailure.unresolved.length === 0 ? onFailure.value : undefined,
          },
          asyncConfig,
        );
        stops.push(() => started.stop());
        schedules.push(started.schedule);
      }
    }

    const control = await startControlServer(runners, schedules, options.controlPort);
    stops.push(() => control.stop());
    mkdirSync(options.workDir, { recursive: true });
    const controlFile = join(options.workDir, 'control.json');
    writeFileSync(controlFile, JSON.stringify({ pid: process.pid, url: control.url }));
    stops.push(() => rmSync(controlFile, { force: true }));

    if (options.watch) {
      for (const [i, stack] of stacks.entries()) {
        await bundles[i]!.watch((fn) => void runners.get(`${stack.service}/${fn}`)?.reload());
      }
    }
    return { stacks, cloud, apis, schedules, runners, controlUrl: control.url, unresolved, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
