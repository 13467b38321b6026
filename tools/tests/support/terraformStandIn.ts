import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The folder holding the recording `terraform` (support/terraform-stand-in/terraform), to put first on PATH. */
export const standInDir = join(__dirname, 'terraform-stand-in');

/** One call the stand-in recorded. */
export interface TerraformCall {
  readonly args: string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
  /** From the cdk.tf.json in `cwd` when Terraform ran there. */
  readonly stack?: { backendBucket: string; backendKey: string; roleArn: string };
}

/** The environment that puts the stand-in first on PATH and makes it record into `log`. */
export const standInEnv = (log: string, extra: Record<string, string> = {}): Record<string, string> => ({
  PATH: `${standInDir}:${process.env.PATH}`,
  TERRAFORM_STAND_IN_LOG: log,
  ...extra,
});

/** The calls recorded in `log` since the last read (the log is emptied). */
export function takeCalls(log: string): TerraformCall[] {
  if (!existsSync(log)) return [];
  const calls = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TerraformCall);
  rmSync(log);
  return calls;
}

/** The calls that act on a stack (cdktf also asks `version -json` and `-v` from the workspace root). */
export const stackCalls = (calls: readonly TerraformCall[]) =>
  calls.filter((c) => !['version', '-v'].includes(c.args[0]));
