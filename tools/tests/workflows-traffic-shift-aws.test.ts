import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Fetch } from '../ci/credentials';
import { awsShiftApi, stackCredentials } from '../ci/trafficShiftAws';

/*
 * The AWS SDK adapter against a server on 127.0.0.1 that answers like Lambda (REST JSON) and
 * CodeDeploy (JSON 1.1): what goes over the wire, and how answers are read. Nothing reaches AWS.
 */
interface Received {
  method: string;
  path: string;
  target?: string;
  authorization?: string;
  body: Record<string, unknown>;
}
const received: Received[] = [];
let server: Server;
let endpoint: string;

const answers: Record<string, (body: Record<string, unknown>) => unknown> = {
  'CodeDeploy_20141006.ListDeployments': (body) =>
    body.nextToken ? { deployments: ['d-2'] } : { deployments: ['d-1'], nextToken: 'page-2' },
  'CodeDeploy_20141006.CreateDeployment': () => ({ deploymentId: 'd-NEW' }),
  'CodeDeploy_20141006.GetDeployment': () => ({
    deploymentInfo: {
      deploymentId: 'd-NEW',
      status: 'Stopped',
      errorInformation: { code: 'ALARM_ACTIVE', message: 'Alarm orders-dev-api-errors fired' },
      rollbackInfo: { rollbackMessage: 'Rolled back to version 6' },
    },
  }),
  'CodeDeploy_20141006.StopDeployment': () => ({ status: 'Pending' }),
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      const target = req.headers['x-amz-target'] as string | undefined;
      received.push({
        method: req.method!,
        path: req.url!,
        target,
        authorization: req.headers.authorization,
        body: data ? (JSON.parse(data) as Record<string, unknown>) : {},
      });
      const answer = target ? answers[target] : undefined;
      if (req.method === 'GET' && req.url === '/2015-03-31/functions/orders-dev-api/aliases/live') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Name: 'live', FunctionVersion: '6' }));
      } else if (answer) {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(answer(JSON.parse(data || '{}'))));
      } else {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ __type: 'UnknownOperationException', message: `${req.method} ${req.url}` }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => void (received.length = 0));

const staticCredentials = async () => ({ accessKeyId: 'AKIATESTONLY', secretAccessKey: 'not-a-secret' });
const api = () => awsShiftApi({ region: 'eu-west-1', endpoint, credentials: staticCredentials });

describe('awsShiftApi', () => {
  it("reads the alias's version with Lambda GetAlias", async () => {
    expect(await api().aliasVersion('orders-dev-api', 'live')).toBe('6');
    expect(received).toMatchObject([
      { method: 'GET', path: '/2015-03-31/functions/orders-dev-api/aliases/live' },
    ]);
    expect(received[0].authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIATESTONLY\/\d{8}\/eu-west-1\/lambda\//,
    );
  });

  it('lists the active deployments of the group, every page', async () => {
    expect(await api().activeDeployments('orders-dev-api', 'live')).toEqual(['d-1', 'd-2']);
    expect(received.map((r) => r.body)).toEqual([
      {
        applicationName: 'orders-dev-api',
        deploymentGroupName: 'live',
        includeOnlyStatuses: ['Created', 'Queued', 'InProgress', 'Baking', 'Ready'],
      },
      {
        applicationName: 'orders-dev-api',
        deploymentGroupName: 'live',
        includeOnlyStatuses: ['Created', 'Queued', 'InProgress', 'Baking', 'Ready'],
        nextToken: 'page-2',
      },
    ]);
  });

  it('creates the deployment with the AppSpec as its revision', async () => {
    const appSpec = '{"version":0,"Resources":[]}';
    expect(
      await api().createDeployment({
        application: 'orders-dev-api',
        deploymentGroup: 'live',
        appSpec,
        description: 'orders-dev: 6 -> 7',
      }),
    ).toBe('d-NEW');
    expect(received).toEqual([
      expect.objectContaining({
        method: 'POST',
        target: 'CodeDeploy_20141006.CreateDeployment',
        body: {
          applicationName: 'orders-dev-api',
          deploymentGroupName: 'live',
          description: 'orders-dev: 6 -> 7',
          revision: { revisionType: 'AppSpecContent', appSpecContent: { content: appSpec } },
        },
      }),
    ]);
    expect(received[0].authorization).toMatch(/\/eu-west-1\/codedeploy\/aws4_request/);
  });

  it("reads a deployment's status with its error and rollback messages", async () => {
    expect(await api().deploymentStatus('d-NEW')).toEqual({
      status: 'Stopped',
      message: 'Alarm orders-dev-api-errors fired; Rolled back to version 6',
    });
    expect(received[0].body).toEqual({ deploymentId: 'd-NEW' });
  });

  it("waits with the SDK's CodeDeploy waiter, telling each status it reads, and returns the last", async () => {
    const get = 'CodeDeploy_20141006.GetDeployment';
    const stopped = answers[get];
    const statuses = ['InProgress', 'Succeeded', 'Succeeded'];
    answers[get] = () => ({ deploymentInfo: { deploymentId: 'd-NEW', status: statuses.shift() } });
    try {
      const seen: string[] = [];
      const last = await api().waitForDeployment('d-NEW', {
        maxWaitMs: 60_000,
        minDelayMs: 1_000,
        onStatus: (status) => seen.push(status),
      });
      expect(last).toEqual({ status: 'Succeeded' });
      expect(seen).toEqual(['InProgress', 'Succeeded']);
      // The first read, the waiter's (Succeeded: no second poll), the final read.
      expect(received.map((r) => [r.target, r.body])).toEqual([
        [get, { deploymentId: 'd-NEW' }],
        [get, { deploymentId: 'd-NEW' }],
        [get, { deploymentId: 'd-NEW' }],
      ]);
    } finally {
      answers[get] = stopped;
    }
  });

  it('returns a deployment that has finished without waiting, with its messages', async () => {
    const seen: string[] = [];
    const last = await api().waitForDeployment('d-NEW', {
      maxWaitMs: 60_000,
      minDelayMs: 1_000,
      onStatus: (status) => seen.push(status),
    });
    expect(last).toEqual({
      status: 'Stopped',
      message: 'Alarm orders-dev-api-errors fired; Rolled back to version 6',
    });
    expect(seen).toEqual(['Stopped']);
    expect(received).toHaveLength(1);
  });

  it('stops a deployment with automatic rollback', async () => {
    await api().stopDeployment('d-NEW');
    expect(received[0]).toMatchObject({
      target: 'CodeDeploy_20141006.StopDeployment',
      body: { deploymentId: 'd-NEW', autoRollbackEnabled: true },
    });
  });
});

describe('stackCredentials', () => {
  const dir = mkdtempSync(join(tmpdir(), 'traffic-shift-aws-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const stackDir = join(dir, 'orders-dev');
  mkdirSync(stackDir, { recursive: true });
  writeFileSync(
    join(stackDir, 'cdk.tf.json'),
    JSON.stringify({
      provider: {
        aws: [
          {
            region: 'eu-west-1',
            assume_role: [{ role_arn: 'arn:aws:iam::111111111111:role/acme-platform-deploy' }],
          },
        ],
      },
    }),
  );
  const github = {
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/x',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bearer',
    GITHUB_RUN_ID: '42',
  };

  it('uses the default chain outside GitHub Actions', () => {
    expect(stackCredentials(stackDir, {})).toBeUndefined();
  });

  it("in GitHub Actions, signs with the stack's own role, assumed with the job's OIDC token", async () => {
    const calls: { url: string; body?: string }[] = [];
    const fetchImpl = (async (url: string | URL, init?: RequestInit) => {
      calls.push({ url: String(url), body: init?.body ? String(init.body) : undefined });
      if (String(url).startsWith('https://token.example/'))
        return new Response(JSON.stringify({ value: 'e30.e30.sig' }), { status: 200 });
      return new Response(
        `<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials>
          <AccessKeyId>ASIASTACKROLE</AccessKeyId><SecretAccessKey>s</SecretAccessKey>
          <SessionToken>t</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration>
        </Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>`,
        { status: 200 },
      );
    }) as Fetch;
    const credentials = stackCredentials(stackDir, github, fetchImpl)!;
    await awsShiftApi({ region: 'eu-west-1', endpoint, credentials }).aliasVersion('orders-dev-api', 'live');

    expect(calls.map((c) => c.url)).toEqual([
      'https://token.example/x?audience=sts.amazonaws.com',
      'https://sts.eu-west-1.amazonaws.com/',
    ]);
    const sts = new URLSearchParams(calls[1].body);
    expect(sts.get('RoleArn')).toBe('arn:aws:iam::111111111111:role/acme-platform-deploy');
    expect(sts.get('RoleSessionName')).toBe('gh-42-orders-dev');
    expect(received[0].authorization).toMatch(/Credential=ASIASTACKROLE\//);
    expect(await credentials()).toMatchObject({ expiration: new Date('2030-01-01T00:00:00Z') });
  });
});
