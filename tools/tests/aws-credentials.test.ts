import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assumeRoleWithWebIdentity,
  credentialProcessOutput,
  CredentialsError,
  type Fetch,
  githubOidcToken,
  sessionName,
  stackRole,
} from '../ci/credentials';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'aws-credentials-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const writeStack = (name: string, provider: Record<string, unknown>) => {
  const stackDir = join(dir, 'stacks', name);
  mkdirSync(stackDir, { recursive: true });
  writeFileSync(join(stackDir, 'cdk.tf.json'), JSON.stringify({ provider: { aws: [provider] } }));
  return stackDir;
};

const STS_OK = `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult><Credentials>
    <AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>secret</SecretAccessKey>
    <SessionToken>session</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration>
  </Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>`;
const STS_DENIED = `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>
  <Message>Not authorized to perform sts:AssumeRoleWithWebIdentity</Message></Error></ErrorResponse>`;
// A JWT whose payload is {"sub":"repo:acme/platform:pull_request"} (header and signature do not matter here).
const TOKEN = `e30.${Buffer.from(JSON.stringify({ sub: 'repo:acme/platform:pull_request' })).toString('base64url')}.sig`;

const fakeFetch = (...responses: { status: number; body: string }[]) => {
  const calls: { url: string; init?: RequestInit }[] = [];
  const impl = (async (url: string | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init });
    const { status, body } = responses[Math.min(calls.length, responses.length) - 1];
    return new Response(body, { status });
  }) as Fetch;
  return { impl, calls };
};

describe('stackRole', () => {
  it("reads the role and region the stack's provider assumes", () => {
    const stackDir = writeStack('orders-dev', {
      region: 'eu-west-1',
      allowed_account_ids: ['111111111111'],
      assume_role: [{ role_arn: 'arn:aws:iam::111111111111:role/acme-platform-deploy' }],
    });
    expect(stackRole(stackDir)).toEqual({
      stack: 'orders-dev',
      roleArn: 'arn:aws:iam::111111111111:role/acme-platform-deploy',
      region: 'eu-west-1',
    });
  });

  it('refuses a stack without assume_role (bootstrap stacks are applied by an administrator)', () => {
    const stackDir = writeStack('bootstrap-commerce-dev', { region: 'eu-west-1' });
    expect(() => stackRole(stackDir)).toThrow(
      /Only service stacks deploy from the pipeline; bootstrap stacks are applied by an administrator/,
    );
  });

  it('explains where it must run when there is no synthesized stack', () => {
    expect(() => stackRole(dir)).toThrow(
      /No cdk.tf.json in .*The credential process runs where Terraform runs/,
    );
  });
});

describe('githubOidcToken', () => {
  it('asks GitHub for a token with the sts.amazonaws.com audience', async () => {
    const { impl, calls } = fakeFetch({ status: 200, body: JSON.stringify({ value: TOKEN }) });
    const env = {
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/x?api-version=2.0',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bearer-secret',
    };
    await expect(githubOidcToken(env, impl)).resolves.toBe(TOKEN);
    expect(calls[0].url).toBe('https://token.example/x?api-version=2.0&audience=sts.amazonaws.com');
    expect(calls[0].init?.headers).toEqual({ Authorization: 'bearer bearer-secret' });
  });

  it('names the missing permission outside an id-token job', async () => {
    await expect(githubOidcToken({})).rejects.toThrow(/Give the job `permissions: id-token: write`/);
  });
});

describe('assumeRoleWithWebIdentity', () => {
  const options = {
    roleArn: 'arn:aws:iam::111111111111:role/acme-platform-plan',
    region: 'eu-west-1',
    sessionName: 'gh-1-orders-dev',
    token: TOKEN,
  };

  it("calls the region's STS endpoint and returns the session credentials", async () => {
    const { impl, calls } = fakeFetch({ status: 200, body: STS_OK });
    const credentials = await assumeRoleWithWebIdentity({ ...options, fetch: impl });
    expect(credentials).toEqual({
      AccessKeyId: 'ASIAEXAMPLE',
      SecretAccessKey: 'secret',
      SessionToken: 'session',
      Expiration: '2030-01-01T00:00:00Z',
    });
    expect(calls[0].url).toBe('https://sts.eu-west-1.amazonaws.com/');
    const body = new URLSearchParams(String(calls[0].init?.body));
    expect(Object.fromEntries(body)).toEqual({
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: options.roleArn,
      RoleSessionName: 'gh-1-orders-dev',
      WebIdentityToken: TOKEN,
      DurationSeconds: '3600',
    });
    expect(JSON.parse(credentialProcessOutput(credentials))).toEqual({
      Version: 1,
      AccessKeyId: 'ASIAEXAMPLE',
      SecretAccessKey: 'secret',
      SessionToken: 'session',
      Expiration: '2030-01-01T00:00:00Z',
    });
  });

  it('retries throttling, then succeeds', async () => {
    const { impl, calls } = fakeFetch(
      // STS's own error envelope: the SDK reads the code from it, as from the real service.
      {
        status: 400,
        body: '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>',
      },
      { status: 200, body: STS_OK },
    );
    await expect(assumeRoleWithWebIdentity({ ...options, fetch: impl })).resolves.toMatchObject({
      AccessKeyId: 'ASIAEXAMPLE',
    });
    expect(calls).toHaveLength(2);
  });

  it("explains a refusal with the token's subject and what the trust expects", async () => {
    const { impl, calls } = fakeFetch({ status: 403, body: STS_DENIED });
    const attempt = assumeRoleWithWebIdentity({ ...options, fetch: impl });
    await expect(attempt).rejects.toThrow(CredentialsError);
    await expect(assumeRoleWithWebIdentity({ ...options, fetch: impl })).rejects.toThrow(
      /Could not assume arn:aws:iam::111111111111:role\/acme-platform-plan .*AccessDenied: Not authorized.*subject is "repo:acme\/platform:pull_request"/,
    );
    expect(calls).toHaveLength(2); // a refusal is not retried
  });
});

describe('the credential process wiring', () => {
  it('names sessions after the run and the stack, within IAM limits', () => {
    expect(sessionName('orders-dev', { GITHUB_RUN_ID: '42' })).toBe('gh-42-orders-dev');
    // 64 characters at most: "gh-local-a-" and the first 53 of the stack's x's.
    expect(sessionName(`a-${'x'.repeat(80)}`, {})).toBe(`gh-local-a-${'x'.repeat(53)}`);
  });

  it('writes an AWS config for Terraform and exports it to the following steps', () => {
    const githubEnv = join(dir, 'github-env');
    writeFileSync(githubEnv, '');
    execFileSync(
      join(root, 'node_modules', '.bin', 'tsx'),
      [join(root, 'tools', 'ci', 'bin', 'aws-credentials.ts'), 'configure'],
      {
        env: { ...process.env, RUNNER_TEMP: dir, GITHUB_ENV: githubEnv },
      },
    );
    const config = readFileSync(join(dir, 'platform-aws-config'), 'utf8');
    expect(config).toBe(
      '[default]\n' +
        `credential_process = "${root}/node_modules/.bin/tsx" "${root}/tools/ci/bin/aws-credentials.ts" process\n`,
    );
    expect(readFileSync(githubEnv, 'utf8')).toBe(`AWS_CONFIG_FILE=${join(dir, 'platform-aws-config')}\n`);
  });

  it('prints the role of a stack folder', () => {
    const stackDir = writeStack('orders-prod', {
      region: 'eu-west-1',
      assume_role: [{ role_arn: 'arn:aws:iam::333333333333:role/acme-platform-deploy' }],
    });
    const out = execFileSync(join(root, 'node_modules', '.bin', 'tsx'), [
      join(root, 'tools', 'ci', 'bin', 'aws-credentials.ts'),
      'role',
      stackDir,
    ]);
    expect(String(out).trim()).toBe('arn:aws:iam::333333333333:role/acme-platform-deploy');
  });
});
