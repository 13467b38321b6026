import { appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  assumeRoleWithWebIdentity,
  awsConfig,
  credentialProcessOutput,
  githubOidcToken,
  sessionName,
  stackRole,
} from '../credentials';

/*
 * Per-stack AWS credentials in GitHub Actions, through OIDC (README "What CI runs").
 *   tsx tools/ci/bin/aws-credentials.ts configure        once per job: every later step's AWS SDK (Terraform's
 *                                                    S3 backend and AWS provider) gets its credentials from:
 *   tsx tools/ci/bin/aws-credentials.ts process [dir]    the credential_process: the role of the stack in dir
 *                                                    (default: where Terraform runs), assumed with the job's token
 *   tsx tools/ci/bin/aws-credentials.ts role [dir]       prints that role
 */
const root = resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const [command, dir = process.cwd()] = process.argv.slice(2);
  if (command === 'configure') return configure();
  if (command === 'role') return void console.log(stackRole(dir).roleArn);
  if (command === 'process') {
    const { stack, roleArn, region } = stackRole(dir);
    const token = await githubOidcToken(process.env);
    const credentials = await assumeRoleWithWebIdentity({
      roleArn,
      region,
      token,
      sessionName: sessionName(stack, process.env),
    });
    return void process.stdout.write(credentialProcessOutput(credentials));
  }
  console.error(
    'usage: tsx tools/ci/bin/aws-credentials.ts configure | process [stack dir] | role [stack dir]',
  );
  process.exit(2);
}

function configure(): void {
  const file = join(process.env.RUNNER_TEMP ?? tmpdir(), 'platform-aws-config');
  const quote = (path: string) => JSON.stringify(path);
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  writeFileSync(
    file,
    awsConfig(`${quote(tsx)} ${quote(join(root, 'tools', 'ci', 'bin', 'aws-credentials.ts'))} process`),
  );
  if (process.env.GITHUB_ENV) appendFileSync(process.env.GITHUB_ENV, `AWS_CONFIG_FILE=${file}\n`);
  console.log(
    `AWS_CONFIG_FILE=${file}: Terraform assumes each stack's own account role through GitHub OIDC.`,
  );
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
