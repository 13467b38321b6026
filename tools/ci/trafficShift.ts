import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Traffic shifting after `cdktf deploy` (docs/constructs.md "Traffic shifting"). For a function with
 * `trafficShifting`, Terraform publishes the new version but leaves the `live` alias alone
 * (`ignore_changes`); this step reads the stack's `<function id>-deployment` outputs and, when the
 * alias is not on the published version yet, starts a CodeDeploy deployment with an AppSpec and
 * waits for it: a deployment that fails or rolls back on an alarm fails the step, and so stops the
 * promotion. Idempotent: an alias already on its target version is left alone.
 */
export class TrafficShiftError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TrafficShiftError';
  }
}

/** One `<function id>-deployment` output of the TrafficShifting construct. */
export interface Deployment {
  readonly application: string;
  readonly deploymentGroup: string;
  readonly functionName: string;
  readonly alias: string;
  /** The version Terraform published: what the alias should serve. */
  readonly targetVersion: string;
  /** `CodeDeployDefault.<config>`: how long the shift may take. */
  readonly deploymentConfig?: string;
}
const DEPLOYMENT_FIELDS = [
  'application',
  'deploymentGroup',
  'functionName',
  'alias',
  'targetVersion',
] as const;
const OUTPUT_SUFFIX = '-deployment';

/** The AWS calls this step needs, injectable: tests never call AWS. */
export interface ShiftApi {
  /** The version the alias serves now (Lambda GetAlias). */
  aliasVersion(functionName: string, alias: string): Promise<string>;
  /** IDs of the group's deployments that have not finished (CodeDeploy ListDeployments). */
  activeDeployments(application: string, deploymentGroup: string): Promise<string[]>;
  /** Starts a deployment (CodeDeploy CreateDeployment) and returns its ID. */
  createDeployment(input: {
    application: string;
    deploymentGroup: string;
    appSpec: string;
    description: string;
  }): Promise<string>;
  /** CodeDeploy GetDeployment. */
  deploymentStatus(id: string): Promise<DeploymentStatus>;
  /**
   * Waits until the deployment finishes or `maxWaitMs` passes (the SDK's CodeDeploy waiter), telling
   * `onStatus` each status it reads; returns the last status: finished, or still active on a timeout.
   */
  waitForDeployment(id: string, wait: DeploymentWait): Promise<DeploymentStatus>;
  /** CodeDeploy StopDeployment with automatic rollback. */
  stopDeployment(id: string): Promise<void>;
}

export interface DeploymentStatus {
  /** Created, Queued, InProgress, Baking, Ready, Succeeded, Failed or Stopped. */
  readonly status: string;
  readonly message?: string;
}

export interface DeploymentWait {
  readonly maxWaitMs: number;
  /** At least this long between two GetDeployment calls (the waiter backs off from there). */
  readonly minDelayMs: number;
  readonly onStatus: (status: string) => void;
}

export const FINISHED = ['Succeeded', 'Failed', 'Stopped'];
export const ACTIVE = ['Created', 'Queued', 'InProgress', 'Baking', 'Ready'];

export interface ShiftOptions {
  /** At least this long between two GetDeployment calls. @default 15 s (the CodeDeploy waiter's own) */
  readonly pollMs?: number;
  /** Waiting time beyond the deployment config's own duration. @default 20 min */
  readonly marginMs?: number;
  readonly log?: (line: string) => void;
  /** Written into the deployment's description (who deployed what). */
  readonly context?: string;
}

export interface ShiftResult {
  readonly stack: string;
  readonly functionName: string;
  readonly from: string;
  readonly to: string;
  readonly deploymentId?: string;
}

/** The Lambda AppSpec CodeDeploy needs to move `alias` from `currentVersion` to the target version. */
export function appSpec(deployment: Deployment, currentVersion: string): string {
  return JSON.stringify({
    version: 0.0,
    Resources: [
      {
        [deployment.functionName]: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Name: deployment.functionName,
            Alias: deployment.alias,
            CurrentVersion: currentVersion,
            TargetVersion: deployment.targetVersion,
          },
        },
      },
    ],
  });
}

/**
 * The longest a predefined Lambda config takes to move all traffic: `Canary10Percent30Minutes` 30 min,
 * `Linear10PercentEvery10Minutes` 100 min, `AllAtOnce` 0. Unknown names: 2 hours.
 */
export function configDurationMs(config: string | undefined): number {
  const minute = 60_000;
  const canary = /Canary(\d+)Percent(\d+)Minutes?$/.exec(config ?? '');
  if (canary) return Number(canary[2]) * minute;
  const linear = /Linear(\d+)PercentEvery(\d+)Minutes?$/.exec(config ?? '');
  if (linear) return Math.ceil(100 / Number(linear[1])) * Number(linear[2]) * minute;
  if (/AllAtOnce$/.test(config ?? '')) return 0;
  return 120 * minute;
}

/** Moves one function's `live` alias to its target version through CodeDeploy, and waits for the outcome. */
export async function shift(
  stack: string,
  deployment: Deployment,
  api: ShiftApi,
  options: ShiftOptions = {},
): Promise<ShiftResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const { application, deploymentGroup, functionName, alias, targetVersion } = deployment;
  const name = `${stack} ${functionName}`;

  // A deployment left running by a cancelled job: let it finish before deciding anything.
  for (const id of await api.activeDeployments(application, deploymentGroup)) {
    log(`${name}: deployment ${id} is still running; waiting for it first`);
    await waitFor(name, id, api, { ...options, log }, deployment.deploymentConfig, false);
  }

  const from = await api.aliasVersion(functionName, alias);
  if (from === targetVersion) {
    log(`${name}: ${alias} already serves version ${targetVersion}`);
    return { stack, functionName, from, to: targetVersion };
  }
  const description = `${stack}: ${functionName}:${alias} ${from} -> ${targetVersion}${options.context ? ` (${options.context})` : ''}`;
  const id = await api.createDeployment({
    application,
    deploymentGroup,
    appSpec: appSpec(deployment, from),
    description: description.slice(0, 100),
  });
  log(
    `${name}: ${alias} ${from} -> ${targetVersion}, CodeDeploy deployment ${id} (${deployment.deploymentConfig ?? 'the group config'})`,
  );
  await waitFor(name, id, api, { ...options, log }, deployment.deploymentConfig, true);
  log(`${name}: ${alias} serves version ${targetVersion}`);
  return { stack, functionName, from, to: targetVersion, deploymentId: id };
}

async function waitFor(
  name: string,
  id: string,
  api: ShiftApi,
  options: ShiftOptions & { log: (line: string) => void },
  config: string | undefined,
  mustSucceed: boolean,
): Promise<void> {
  const limit = configDurationMs(config) + (options.marginMs ?? 20 * 60_000);
  let last = '';
  const { status, message } = await api.waitForDeployment(id, {
    maxWaitMs: limit,
    minDelayMs: options.pollMs ?? 15_000,
    onStatus: (status) => {
      if (status !== last) options.log(`${name}: deployment ${id} ${status}`);
      last = status;
    },
  });
  if (FINISHED.includes(status)) {
    if (status === 'Succeeded' || !mustSucceed) return;
    throw new TrafficShiftError(
      `${name}: CodeDeploy deployment ${id} ${status.toLowerCase()}${message ? `: ${message}` : ''}. ` +
        "The live alias stays on (or was rolled back to) its previous version. Look at the function's alarms and " +
        'logs, fix or revert the change, and deploy again; the next deploy retries the shift.',
    );
  }
  if (mustSucceed) await api.stopDeployment(id);
  throw new TrafficShiftError(
    `${name}: CodeDeploy deployment ${id} is still ${status} after ${Math.round(limit / 60_000)} minutes ` +
      `(${config ?? 'its config'} plus the margin)` +
      (mustSucceed ? '; it was stopped and rolled back. ' : '. ') +
      'Look at the deployment in the CodeDeploy console, then deploy again.',
  );
}

/** The names of a synthesized stack's traffic-shifting outputs (`<function id>-deployment`). */
export function deploymentOutputs(stackDir: string): string[] {
  const file = join(stackDir, 'cdk.tf.json');
  if (!existsSync(file)) {
    throw new TrafficShiftError(
      `No cdk.tf.json in ${stackDir}: pass a stack folder that cdktf deploy used (dist/cdktf/deploy/<stack>/stacks/<stack>).`,
    );
  }
  const outputs = (JSON.parse(readFileSync(file, 'utf8')) as { output?: Record<string, { value?: unknown }> })
    .output;
  return Object.entries(outputs ?? {})
    .filter(
      ([key, { value }]) =>
        key.endsWith(OUTPUT_SUFFIX) &&
        typeof value === 'object' &&
        value !== null &&
        DEPLOYMENT_FIELDS.every((f) => f in value),
    )
    .map(([key]) => key);
}

/** Checks one output's value from `terraform output -json`. */
export function parseDeployment(stack: string, output: string, value: unknown): Deployment {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  for (const field of DEPLOYMENT_FIELDS) {
    const v = record[field];
    if (typeof v !== 'string' || v === '' || (field === 'targetVersion' && !/^\d+$/.test(v))) {
      throw new TrafficShiftError(
        `${stack}: output "${output}" has ${field} ${JSON.stringify(v)}; expected ${
          field === 'targetVersion' ? 'a published version number' : 'a non-empty string'
        }. Deploy the stack (its TrafficShifting construct writes this output) before shifting traffic.`,
      );
    }
  }
  return record as unknown as Deployment;
}

export type ReadOutputs = (stackDir: string) => Promise<Record<string, { value: unknown }>>;

/** `terraform output -json` in the stack folder cdktf deploy initialised (its backend holds the state). */
export const terraformOutputs: ReadOutputs = (stackDir) =>
  new Promise((resolve, reject) => {
    execFile(
      'terraform',
      ['output', '-json', '-no-color'],
      { cwd: stackDir, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TF_IN_AUTOMATION: '1' } },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new TrafficShiftError(
              `terraform output failed in ${stackDir}: ${String(stderr).trim() || error.message}. ` +
                "Run the stack's deploy first (it initialises the folder), with credentials that can read its state.",
            ),
          );
        } else resolve(JSON.parse(stdout || '{}') as Record<string, { value: unknown }>);
      },
    );
  });

/**
 * The stack folders the deploy target wrote for `environment` (`<root>/dist/cdktf/deploy/<stack>/stacks/<stack>`),
 * recognised by their provider's `environment` tag.
 */
export function deployedStacks(root: string, environment: string): string[] {
  const base = join(root, 'dist', 'cdktf', 'deploy');
  if (!existsSync(base)) return [];
  const dirs = readdirSync(base).flatMap((output) => {
    const stacks = join(base, output, 'stacks');
    return existsSync(stacks) ? readdirSync(stacks).map((s) => join(stacks, s)) : [];
  });
  return dirs
    .filter((dir) => {
      const file = join(dir, 'cdk.tf.json');
      if (!existsSync(file)) return false;
      const json = JSON.parse(readFileSync(file, 'utf8')) as {
        provider?: { aws?: { default_tags?: { tags?: Record<string, string> }[] }[] };
      };
      return json.provider?.aws?.[0]?.default_tags?.[0]?.tags?.environment === environment;
    })
    .sort();
}

export interface ShiftStacksOptions extends ShiftOptions {
  readonly readOutputs?: ReadOutputs;
  /** The API for one stack (its account, region and role). */
  readonly apiFor: (stackDir: string) => ShiftApi;
}

/**
 * Shifts every traffic-shifting function of the given stacks, all at once (canaries run in parallel),
 * and fails listing every function whose shift failed.
 */
export async function shiftStacks(
  stackDirs: readonly string[],
  options: ShiftStacksOptions,
): Promise<ShiftResult[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const readOutputs = options.readOutputs ?? terraformOutputs;
  const jobs: Promise<ShiftResult>[] = [];
  for (const dir of stackDirs) {
    const stack = basename(dir);
    const names = deploymentOutputs(dir);
    if (names.length === 0) {
      log(`${stack}: no function with traffic shifting`);
      continue;
    }
    const outputs = await readOutputs(dir);
    const api = options.apiFor(dir);
    for (const name of names) {
      if (!outputs[name]) {
        throw new TrafficShiftError(
          `${stack}: output "${name}" is in cdk.tf.json but not in the state. Deploy the stack before shifting traffic.`,
        );
      }
      jobs.push(shift(stack, parseDeployment(stack, name, outputs[name].value), api, { ...options, log }));
    }
  }
  const settled = await Promise.allSettled(jobs);
  const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed.length > 0) {
    throw new TrafficShiftError(
      `Traffic shifting failed for ${failed.length} of ${settled.length} function(s):\n` +
        failed.map((f) => `- ${(f.reason as Error).message}`).join('\n'),
    );
  }
  return settled.map((s) => (s as PromiseFulfilledResult<ShiftResult>).value);
}
