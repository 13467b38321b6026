import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  locateProviders,
  type ProviderSource,
  providersUnavailable,
  type RequiredProvider,
} from './providers';

const run = promisify(execFile);

/**
 * The Terraform check: every synthesized stack is validated and planned offline by the real
 * Terraform and AWS provider, which catch what types cannot (provider-side validation of
 * names, enums and conflicting arguments).
 *
 * Loading the AWS provider costs ~4 s per Terraform command, so stacks are checked in batches:
 * each batch is one root module that calls every stack of the batch as a module, and is
 * initialised, validated and planned once. Diagnostics are mapped back to their stack.
 */
export interface CheckOptions {
  /** A cdktf output folder (holding `stacks/<name>/cdk.tf.json`). */
  readonly outdir: string;
  /** Scratch folder for the batch roots and the provider cache. */
  readonly workdir: string;
  /**
   * A Terraform filesystem mirror (the folder holding `registry.terraform.io`). Without it, the check
   * looks for one (see providers.ts) and falls back to the registry.
   * @default env `TF_PLUGIN_MIRROR`
   */
  readonly pluginMirror?: string;
  /** Stacks per Terraform root: each configured provider is a process, so this bounds memory. @default 10 */
  readonly batchSize?: number;
  /** Batches checked at once. @default 2 */
  readonly concurrency?: number;
  readonly log?: (line: string) => void;
}

export interface StackResult {
  readonly stack: string;
  readonly ok: boolean;
  /** Resources the offline plan would create. */
  readonly toCreate: number;
  readonly errors: readonly string[];
  /** This stack's share of its batch's time. */
  readonly seconds: number;
}

export class TerraformMissingError extends Error {
  constructor() {
    super(
      'terraform is not on the PATH. Install Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install, ' +
        'or hashicorp/setup-terraform in GitHub Actions) and run the check again.',
    );
    this.name = 'TerraformMissingError';
  }
}

// Credentials that satisfy the provider without ever being sent anywhere: no refresh, no data reads.
const OFFLINE_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIAOFFLINECHECK0000',
  AWS_SECRET_ACCESS_KEY: 'offline-check-not-a-secret',
  AWS_EC2_METADATA_DISABLED: 'true',
  CHECKPOINT_DISABLE: '1',
  TF_IN_AUTOMATION: '1',
  TF_INPUT: '0',
};

type TfJson = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Terraform JSON is untyped

interface Diagnostic {
  severity: string;
  summary: string;
  detail?: string;
  address?: string;
  range?: { filename: string };
}

export async function checkStacks(options: CheckOptions): Promise<StackResult[]> {
  const log = options.log ?? (() => undefined);
  const stacksDir = resolve(options.outdir, 'stacks');
  if (!existsSync(stacksDir))
    throw new Error(`${stacksDir} does not exist. Synthesize first (npm run synth).`);
  const stacks = readdirSync(stacksDir)
    .filter((s) => existsSync(join(stacksDir, s, 'cdk.tf.json')))
    .sort();
  if (stacks.length === 0) throw new Error(`No stacks in ${stacksDir}. Synthesize first (npm run synth).`);

  await terraformVersion();
  const workdir = resolve(options.workdir);
  rmSync(join(workdir, 'batches'), { recursive: true, force: true });
  mkdirSync(join(workdir, 'plugin-cache'), { recursive: true });
  const required = requiredProviders(stacks.map((s) => join(stacksDir, s, 'cdk.tf.json')));
  const source = locateProviders(Object.values(required) as RequiredProvider[], {
    env: { ...process.env, TF_PLUGIN_MIRROR: options.pluginMirror ?? process.env.TF_PLUGIN_MIRROR },
  });
  log(
    source.kind === 'mirror'
      ? `providers: filesystem mirror ${source.path} (${source.origin})`
      : 'providers: Terraform registry (no local mirror holds them)',
  );
  const env = { ...process.env, ...OFFLINE_ENV, TF_CLI_CONFIG_FILE: writeCliConfig(workdir, source) };
  await installProviders(required, source, join(workdir, 'providers'), env);

  const size = options.batchSize ?? 10;
  const batches: string[][] = [];
  for (let i = 0; i < stacks.length; i += size) batches.push(stacks.slice(i, i + size));

  const results: StackResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const index = next++;
      const batch = await checkBatch(batches[index], stacksDir, join(workdir, 'batches', String(index)), env);
      for (const result of batch) {
        log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.stack}: ${result.toCreate} to create`);
        for (const e of result.errors) log(`     ${e}`);
      }
      results.push(...batch);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 2, batches.length) }, worker));
  return results.sort((a, b) => a.stack.localeCompare(b.stack));
}

async function terraformVersion(): Promise<string> {
  try {
    const { stdout } = await run('terraform', ['version', '-json'], { env: process.env });
    return (JSON.parse(stdout) as { terraform_version: string }).terraform_version;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new TerraformMissingError();
    throw error;
  }
}

/** The union of the stacks' `required_providers`. */
function requiredProviders(files: string[]): Record<string, RequiredProvider> {
  const all: Record<string, RequiredProvider> = {};
  for (const file of files) {
    const config = JSON.parse(readFileSync(file, 'utf8')) as TfJson;
    Object.assign(all, config.terraform?.required_providers ?? {});
  }
  return all;
}

/**
 * One init before the batches: it fills the plugin cache that every batch's init then links from,
 * and a provider that cannot be had fails here, once, with what to do, instead of once per batch.
 */
async function installProviders(
  required: Record<string, RequiredProvider>,
  source: ProviderSource,
  dir: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: required } }));
  try {
    await oneInitAtATime(() => terraform(['init', '-backend=false', '-input=false', '-no-color'], dir, env));
  } catch (error) {
    const text = String((error as { stderr?: string }).stderr || (error as Error).message);
    if (source.kind === 'registry')
      throw providersUnavailable(Object.values(required), source.searched, text);
    throw new Error(
      `terraform init from the mirror ${source.path} (${source.origin}) failed: ${text.trim()}`,
    );
  }
}

function writeCliConfig(workdir: string, source: ProviderSource): string {
  const file = join(workdir, 'terraformrc');
  const install =
    source.kind === 'mirror'
      ? `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(resolve(source.path))}\n    include = ["registry.terraform.io/*/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/*/*"]\n  }\n}\n`
      : 'provider_installation {\n  direct {}\n}\n';
  // The cache makes every batch's init a link, not a download (the AWS provider is ~700 MB).
  writeFileSync(file, `plugin_cache_dir = ${JSON.stringify(join(workdir, 'plugin-cache'))}\n${install}`);
  return file;
}

async function checkBatch(
  stacks: string[],
  stacksDir: string,
  dir: string,
  env: NodeJS.ProcessEnv,
): Promise<StackResult[]> {
  const started = Date.now();
  mkdirSync(dir, { recursive: true });
  const requiredProviders: Record<string, unknown> = {};
  const modules: Record<string, { source: string }> = {};
  for (const stack of stacks) {
    const config = offlineCopy(
      JSON.parse(readFileSync(join(stacksDir, stack, 'cdk.tf.json'), 'utf8')) as TfJson,
      join(stacksDir, stack),
    );
    Object.assign(requiredProviders, config.terraform?.required_providers ?? {});
    mkdirSync(join(dir, stack));
    writeFileSync(join(dir, stack, 'cdk.tf.json'), JSON.stringify(config));
    modules[moduleName(stack)] = { source: `./${stack}` };
  }
  writeFileSync(
    join(dir, 'main.tf.json'),
    JSON.stringify({ terraform: { required_providers: requiredProviders }, module: modules }),
  );

  const errors = new Map<string, string[]>(stacks.map((s) => [s, []]));
  const toCreate = new Map<string, number>(stacks.map((s) => [s, 0]));
  const attribute = (phase: string, d: Diagnostic) => {
    const stack = stackOf(d, stacks);
    const text = `${phase}: ${d.summary}${d.address ? ` (${d.address})` : ''}${d.detail ? `: ${d.detail}` : ''}`;
    if (stack) errors.get(stack)!.push(text);
    else for (const s of stacks) errors.get(s)!.push(text); // not attributable: fail the whole batch, visibly
  };

  try {
    await oneInitAtATime(() => terraform(['init', '-backend=false', '-input=false', '-no-color'], dir, env));
    const { stdout } = await terraform(['validate', '-json', '-no-color'], dir, env, true);
    const validation = JSON.parse(stdout) as { diagnostics: Diagnostic[] };
    validation.diagnostics.filter((d) => d.severity === 'error').forEach((d) => attribute('validate', d));
    // A stack that failed validation would stop the plan of the whole batch: plan the others.
    const valid = stacks.filter((s) => errors.get(s)!.length === 0);
    if (valid.length < stacks.length) {
      writeFileSync(
        join(dir, 'main.tf.json'),
        JSON.stringify({
          terraform: { required_providers: requiredProviders },
          module: Object.fromEntries(valid.map((s) => [moduleName(s), modules[moduleName(s)]])),
        }),
      );
    }
    if (valid.length > 0) {
      // -json streams diagnostics and per-resource changes: no second provider load for `show`.
      const { stdout: planLog } = await terraform(
        ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-json'],
        dir,
        env,
        true,
      );
      for (const line of planLog.split('\n').filter(Boolean)) {
        const msg = JSON.parse(line) as {
          type: string;
          change?: { action: string; resource: { module?: string } };
          diagnostic?: Diagnostic;
        };
        if (msg.type === 'planned_change' && msg.change?.action === 'create') {
          const stack = stacks.find((s) => msg.change?.resource.module === `module.${moduleName(s)}`);
          if (stack) toCreate.set(stack, toCreate.get(stack)! + 1);
        }
        if (msg.type === 'diagnostic' && msg.diagnostic?.severity === 'error')
          attribute('plan', msg.diagnostic);
      }
    }
  } catch (error) {
    const text = String((error as { stderr?: string }).stderr || (error as Error).message).trim();
    for (const s of stacks) errors.get(s)!.push(text);
  }
  const seconds = (Date.now() - started) / 1000 / stacks.length;
  return stacks.map((stack) => {
    const errs = errors.get(stack)!;
    return { stack, ok: errs.length === 0, toCreate: toCreate.get(stack)!, errors: errs, seconds };
  });
}

// Terraform's plugin cache is not safe for concurrent use: two inits at once sharing it fail now and then
// ("failed to create directory ... file exists"). Inits take turns (about a second each); validate and plan
// still run in parallel.
let initTurn: Promise<unknown> = Promise.resolve();
function oneInitAtATime<T>(init: () => Promise<T>): Promise<T> {
  const result = initTurn.then(init);
  initTurn = result.catch(() => undefined);
  return result;
}

/** Module names must start with a letter; stack names do, but keep the mapping in one place. */
const moduleName = (stack: string) => `s_${stack.replace(/[^\w-]/g, '_')}`;

function stackOf(d: Diagnostic, stacks: string[]): string | undefined {
  const fromAddress = d.address ? /^module\.([\w-]+)/.exec(d.address)?.[1] : undefined;
  if (fromAddress) return stacks.find((s) => moduleName(s) === fromAddress);
  const fromFile = d.range?.filename.split(/[\\/]/)[0];
  return stacks.find((s) => s === fromFile);
}

/**
 * The stack as an offline plan can run it: local state instead of S3, a provider that neither
 * assumes the deploy role nor asks AWS who it is, and asset paths that resolve from any folder.
 */
export function offlineCopy(config: TfJson, stackDir?: string): TfJson {
  const copy = structuredClone(config);
  if (copy.terraform) delete copy.terraform.backend;
  const providers = copy.provider?.aws ?? [];
  for (const p of providers) {
    delete p.assume_role;
    delete p.allowed_account_ids; // needs the real account ID, which an offline plan never asks for
    Object.assign(p, {
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
    });
  }
  return stackDir ? absoluteAssets(copy, stackDir) : copy;
}

// cdktf writes asset paths relative to the stack folder; a module resolves them from the root.
function absoluteAssets(value: unknown, stackDir: string): TfJson {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.startsWith('assets/') ? join(stackDir, v) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as TfJson;
}

async function terraform(args: string[], cwd: string, env: NodeJS.ProcessEnv, allowFailure = false) {
  try {
    return await run('terraform', args, { cwd, env, maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    if (allowFailure && e.stdout) return { stdout: e.stdout, stderr: e.stderr ?? '' };
    throw error;
  }
}
