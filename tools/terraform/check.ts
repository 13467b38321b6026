import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The Terraform check: every synthesized stack is validated and planned offline by the real
 * Terraform and AWS provider, which catch what types cannot (provider-side validation of
 * names, enums and conflicting arguments). Providers are initialised once and shared by
 * every stack, because init is the slow part.
 */
export interface CheckOptions {
  /** A cdktf output folder (holding `stacks/<name>/cdk.tf.json`). */
  readonly outdir: string;
  /** Scratch folder for the shared init and the per-stack plan copies. */
  readonly workdir: string;
  /** A Terraform filesystem mirror (the folder holding `registry.terraform.io`); without it, the registry. */
  readonly pluginMirror?: string;
  /** Stacks checked at once. @default 2 */
  readonly concurrency?: number;
  readonly log?: (line: string) => void;
}

export interface StackResult {
  readonly stack: string;
  readonly ok: boolean;
  /** Resources the offline plan would create. */
  readonly toCreate: number;
  readonly errors: readonly string[];
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

export async function checkStacks(options: CheckOptions): Promise<StackResult[]> {
  const log = options.log ?? (() => undefined);
  const stacksDir = join(options.outdir, 'stacks');
  if (!existsSync(stacksDir)) throw new Error(`${stacksDir} does not exist. Synthesize first (npm run synth).`);
  const stacks = readdirSync(stacksDir).filter((s) => existsSync(join(stacksDir, s, 'cdk.tf.json'))).sort();
  if (stacks.length === 0) throw new Error(`No stacks in ${stacksDir}. Synthesize first (npm run synth).`);

  await terraformVersion();
  const workdir = resolve(options.workdir);
  mkdirSync(workdir, { recursive: true });
  const env = { ...process.env, ...OFFLINE_ENV, TF_CLI_CONFIG_FILE: writeCliConfig(workdir, options.pluginMirror) };

  const configs = stacks.map((stack) => readJson(join(stacksDir, stack, 'cdk.tf.json')));
  const initDir = await initShared(workdir, configs, env, log);

  const results: StackResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < stacks.length) {
      const i = next++;
      const result = await checkStack(stacks[i], configs[i], join(stacksDir, stacks[i]), workdir, initDir, env);
      log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.stack}: ${result.toCreate} to create (${result.seconds.toFixed(1)} s)`);
      for (const e of result.errors) log(`     ${e}`);
      results.push(result);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
  return results.sort((a, b) => a.stack.localeCompare(b.stack));
}

async function terraformVersion(): Promise<string> {
  try {
    const { stdout } = await run('terraform', ['version', '-json']);
    return (JSON.parse(stdout) as { terraform_version: string }).terraform_version;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new TerraformMissingError();
    throw error;
  }
}

function writeCliConfig(workdir: string, mirror: string | undefined): string {
  const file = join(workdir, 'terraformrc');
  const body = mirror
    ? `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(resolve(mirror))}\n    include = ["registry.terraform.io/*/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/*/*"]\n  }\n}\n`
    : 'provider_installation {\n  direct {}\n}\n';
  writeFileSync(file, body);
  return file;
}

type TfJson = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Terraform JSON is untyped

/** One `terraform init` for the union of every stack's providers; stacks share its data dir. */
async function initShared(workdir: string, configs: TfJson[], env: NodeJS.ProcessEnv, log: (l: string) => void) {
  const requiredProviders: Record<string, unknown> = {};
  for (const config of configs) Object.assign(requiredProviders, config.terraform?.required_providers ?? {});
  const key = JSON.stringify(requiredProviders);
  const initDir = join(workdir, 'init');
  const marker = join(initDir, 'providers.json');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === key && existsSync(join(initDir, '.terraform.lock.hcl'))) {
    return initDir;
  }
  rmSync(initDir, { recursive: true, force: true });
  mkdirSync(initDir, { recursive: true });
  writeFileSync(join(initDir, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: requiredProviders } }));
  const started = Date.now();
  await terraform(['init', '-backend=false', '-input=false', '-no-color'], initDir, env);
  writeFileSync(marker, key);
  log(`init: ${Object.keys(requiredProviders).join(', ')} (${((Date.now() - started) / 1000).toFixed(1)} s, shared by ${configs.length} stacks)`);
  return initDir;
}

async function checkStack(
  stack: string,
  config: TfJson,
  stackDir: string,
  workdir: string,
  initDir: string,
  baseEnv: NodeJS.ProcessEnv,
): Promise<StackResult> {
  const started = Date.now();
  const dir = join(workdir, 'stacks', stack);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(offlineCopy(config)));
  if (existsSync(join(stackDir, 'assets'))) symlinkSync(join(resolve(stackDir), 'assets'), join(dir, 'assets'));
  copyFileSync(join(initDir, '.terraform.lock.hcl'), join(dir, '.terraform.lock.hcl'));
  const env = { ...baseEnv, TF_DATA_DIR: join(initDir, '.terraform') };

  const errors: string[] = [];
  let toCreate = 0;
  try {
    const { stdout } = await terraform(['validate', '-json', '-no-color'], dir, env, true);
    const validation = JSON.parse(stdout) as { valid: boolean; diagnostics: { severity: string; summary: string; detail?: string; address?: string }[] };
    for (const d of validation.diagnostics.filter((x) => x.severity === 'error')) {
      errors.push(`validate: ${d.summary}${d.address ? ` (${d.address})` : ''}${d.detail ? `: ${d.detail}` : ''}`);
    }
    if (errors.length === 0) {
      // -json streams diagnostics and the change summary: no second provider load for `show`.
      const { stdout: planLog } = await terraform(
        ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-json'],
        dir,
        env,
        true,
      );
      for (const line of planLog.split('\n').filter(Boolean)) {
        const msg = JSON.parse(line) as { type: string; changes?: { add: number }; diagnostic?: { severity: string; summary: string; detail?: string; address?: string } };
        if (msg.type === 'change_summary') toCreate = msg.changes?.add ?? 0;
        if (msg.type === 'diagnostic' && msg.diagnostic?.severity === 'error') {
          const d = msg.diagnostic;
          errors.push(`plan: ${d.summary}${d.address ? ` (${d.address})` : ''}${d.detail ? `: ${d.detail}` : ''}`);
        }
      }
    }
  } catch (error) {
    errors.push(String((error as { stderr?: string }).stderr || (error as Error).message).trim());
  }
  return { stack, ok: errors.length === 0, toCreate, errors, seconds: (Date.now() - started) / 1000 };
}

/**
 * The stack as an offline plan can run it: local state instead of S3, and a provider that
 * neither assumes the deploy role nor asks AWS who it is.
 */
export function offlineCopy(config: TfJson): TfJson {
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
  return copy;
}

async function terraform(args: string[], cwd: string, env: NodeJS.ProcessEnv, allowFailure = false) {
  try {
    return await run('terraform', args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    if (allowFailure && e.stdout) return { stdout: e.stdout, stderr: e.stderr ?? '' };
    throw error;
  }
}

function readJson(file: string): TfJson {
  return JSON.parse(readFileSync(file, 'utf8')) as TfJson;
}
