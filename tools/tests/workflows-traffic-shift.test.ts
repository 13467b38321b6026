import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  appSpec,
  configDurationMs,
  type Deployment,
  deployedStacks,
  deploymentOutputs,
  type DeploymentWait,
  FINISHED,
  parseDeployment,
  shift,
  type ShiftApi,
  shiftStacks,
  terraformOutputs,
  TrafficShiftError,
} from '../ci/trafficShift';

const workspace = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'traffic-shift-'));

/** Two deployed stacks: orders-dev with two traffic-shifted functions and one plain; orders-prod plain. */
const SYNTH = `
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import { ServiceFunction, ServiceStack } from '@platform/constructs';
const root = process.env.ROOT!;
const deployed = (environment: string, accountId: string, build: (stack: ServiceStack) => void) => {
  const outdir = join(root, 'dist', 'cdktf', 'deploy', 'orders-' + environment);
  mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir });
  build(new ServiceStack(app, 'orders-' + environment, {
    organization: 'acme', repository: 'acme/platform', service: 'orders', environment,
    environments: ['dev', 'staging', 'prod'], team: 'commerce', accountId, region: 'eu-west-1',
    deployRoleArn: 'arn:aws:iam::' + accountId + ':role/acme-platform-deploy',
    stateBucket: 'acme-tfstate-' + accountId + '-eu-west-1', stateKey: 'orders/' + environment + '/terraform.tfstate',
    alarmTopicArn: 'arn:aws:sns:eu-west-1:' + accountId + ':acme-alarms', artifactsDir: process.env.ARTIFACTS!,
  }));
  app.synth();
};
deployed('dev', '111111111111', (stack) => {
  new ServiceFunction(stack, 'api', { trafficShifting: {} });
  new ServiceFunction(stack, 'worker', { trafficShifting: { deploymentConfig: 'LambdaLinear10PercentEvery1Minute' } });
  new ServiceFunction(stack, 'report');
});
deployed('prod', '333333333333', (stack) => void new ServiceFunction(stack, 'report'));
`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * CodeDeploy and Lambda as far as this step sees them: aliases with versions, and deployments that
 * go through scripted statuses, the last of which decides whether the alias moves.
 */
class FakeAws implements ShiftApi {
  readonly aliases = new Map<string, string>();
  readonly created: { application: string; deploymentGroup: string; appSpec: string; description: string }[] =
    [];
  readonly stopped: string[] = [];
  /** Statuses each new deployment goes through, one per GetDeployment. */
  script: { status: string; message?: string }[] = [{ status: 'InProgress' }, { status: 'Succeeded' }];
  /** Per function name, instead of `script`. */
  readonly scripts = new Map<string, { status: string; message?: string }[]>();
  private readonly deployments = new Map<
    string,
    {
      steps: { status: string; message?: string }[];
      fn: string;
      alias: string;
      target: string;
      group: string;
    }
  >();

  constructor(aliases: Record<string, string>) {
    for (const [k, v] of Object.entries(aliases)) this.aliases.set(k, v);
  }

  async aliasVersion(functionName: string, alias: string) {
    const version = this.aliases.get(`${functionName}:${alias}`);
    if (!version) throw new Error(`ResourceNotFoundException: ${functionName}:${alias}`);
    return version;
  }

  /** A deployment already running in the group (left by a cancelled job). */
  running(group: string, fn: string, alias: string, target: string, steps = this.script) {
    const id = `d-RUNNING${this.deployments.size}`;
    this.deployments.set(id, { steps: [...steps], fn, alias, target, group });
    return id;
  }

  async activeDeployments(application: string, deploymentGroup: string) {
    return [...this.deployments.entries()]
      .filter(([, d]) => d.group === `${application}/${deploymentGroup}` && d.steps.length > 0)
      .map(([id]) => id);
  }

  async createDeployment(input: FakeAws['created'][number]) {
    this.created.push(input);
    const { Name, Alias, TargetVersion } = Object.values(
      JSON.parse(input.appSpec).Resources[0] as Record<string, { Properties: Record<string, string> }>,
    )[0].Properties;
    const steps = this.scripts.get(Name) ?? this.script;
    return this.running(`${input.application}/${input.deploymentGroup}`, Name, Alias, TargetVersion, steps);
  }

  async deploymentStatus(id: string) {
    const d = this.deployments.get(id)!;
    const step = d.steps.length > 1 ? d.steps.shift()! : d.steps[0];
    if (d.steps.length === 1 && ['Succeeded', 'Failed', 'Stopped'].includes(step.status)) {
      d.steps.length = 0;
      if (step.status === 'Succeeded') this.aliases.set(`${d.fn}:${d.alias}`, d.target);
    }
    return step;
  }

  async stopDeployment(id: string) {
    this.stopped.push(id);
  }

  /** The CodeDeploy waiter over the scripted statuses, on this clock (a test sets it to read the time waited). */
  clock = fakeClock();

  async waitForDeployment(id: string, { maxWaitMs, minDelayMs, onStatus }: DeploymentWait) {
    const started = this.clock.now();
    for (;;) {
      const step = await this.deploymentStatus(id);
      onStatus(step.status);
      if (FINISHED.includes(step.status) || this.clock.now() - started > maxWaitMs) return step;
      await this.clock.sleep(minDelayMs);
    }
  }
}

const deployment = (overrides: Partial<Deployment> = {}): Deployment => ({
  application: 'orders-dev-api',
  deploymentGroup: 'live',
  functionName: 'orders-dev-api',
  alias: 'live',
  targetVersion: '4',
  deploymentConfig: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
  ...overrides,
});

/** A clock that advances by each sleep: waits cost no real time. */
const fakeClock = () => {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
};
const quiet = () => {
  const lines: string[] = [];
  return { lines, log: (line: string) => void lines.push(line), ...fakeClock() };
};

describe('appSpec', () => {
  it('is the Lambda AppSpec that moves the alias from its current version to the target', () => {
    expect(JSON.parse(appSpec(deployment(), '3'))).toEqual({
      version: 0,
      Resources: [
        {
          'orders-dev-api': {
            Type: 'AWS::Lambda::Function',
            Properties: { Name: 'orders-dev-api', Alias: 'live', CurrentVersion: '3', TargetVersion: '4' },
          },
        },
      ],
    });
  });
});

describe('configDurationMs', () => {
  it.each([
    ['CodeDeployDefault.LambdaCanary10Percent5Minutes', 5],
    ['CodeDeployDefault.LambdaCanary10Percent30Minutes', 30],
    ['CodeDeployDefault.LambdaLinear10PercentEvery1Minute', 10],
    ['CodeDeployDefault.LambdaLinear10PercentEvery10Minutes', 100],
    ['CodeDeployDefault.LambdaAllAtOnce', 0],
    [undefined, 120],
  ])('%s takes at most %i minutes', (config, minutes) => {
    expect(configDurationMs(config)).toBe(minutes * 60_000);
  });
});

describe('shift', () => {
  it('starts a CodeDeploy deployment from the alias version to the published one, and waits for it', async () => {
    const aws = new FakeAws({ 'orders-dev-api:live': '3' });
    const out = quiet();
    const result = await shift('orders-dev', deployment(), aws, { ...out, context: 'run 42' });

    expect(result).toEqual({
      stack: 'orders-dev',
      functionName: 'orders-dev-api',
      from: '3',
      to: '4',
      deploymentId: 'd-RUNNING0',
    });
    expect(aws.created).toEqual([
      {
        application: 'orders-dev-api',
        deploymentGroup: 'live',
        appSpec: appSpec(deployment(), '3'),
        description: 'orders-dev: orders-dev-api:live 3 -> 4 (run 42)',
      },
    ]);
    expect(aws.aliases.get('orders-dev-api:live')).toBe('4');
    expect(out.lines).toEqual([
      'orders-dev orders-dev-api: live 3 -> 4, CodeDeploy deployment d-RUNNING0 (CodeDeployDefault.LambdaCanary10Percent5Minutes)',
      'orders-dev orders-dev-api: deployment d-RUNNING0 InProgress',
      'orders-dev orders-dev-api: deployment d-RUNNING0 Succeeded',
      'orders-dev orders-dev-api: live serves version 4',
    ]);
  });

  it('starts nothing when the alias already serves the target version (a re-run, or a first deploy)', async () => {
    const aws = new FakeAws({ 'orders-dev-api:live': '4' });
    const result = await shift('orders-dev', deployment(), aws, quiet());
    expect(result).toEqual({ stack: 'orders-dev', functionName: 'orders-dev-api', from: '4', to: '4' });
    expect(aws.created).toEqual([]);
  });

  it('fails, naming the deployment and its reason, when CodeDeploy rolls back on an alarm', async () => {
    const aws = new FakeAws({ 'orders-dev-api:live': '3' });
    aws.script = [
      { status: 'InProgress' },
      { status: 'Stopped', message: 'Alarm orders-dev-api-errors fired; the deployment was rolled back' },
    ];
    await expect(shift('orders-dev', deployment(), aws, quiet())).rejects.toThrow(
      new TrafficShiftError(
        'orders-dev orders-dev-api: CodeDeploy deployment d-RUNNING0 stopped: Alarm orders-dev-api-errors fired; ' +
          'the deployment was rolled back. The live alias stays on (or was rolled back to) its previous version. ' +
          "Look at the function's alarms and logs, fix or revert the change, and deploy again; the next deploy retries the shift.",
      ),
    );
    expect(aws.aliases.get('orders-dev-api:live')).toBe('3');
  });

  it('waits for a deployment a cancelled job left running, then shifts only if still needed', async () => {
    const aws = new FakeAws({ 'orders-dev-api:live': '3' });
    aws.running('orders-dev-api/live', 'orders-dev-api', 'live', '4');
    const out = quiet();
    const result = await shift('orders-dev', deployment(), aws, out);
    expect(out.lines[0]).toBe(
      'orders-dev orders-dev-api: deployment d-RUNNING0 is still running; waiting for it first',
    );
    expect(aws.created).toEqual([]);
    expect(result.from).toBe('4');
  });

  it('stops and rolls back a deployment that outlasts its config plus the margin', async () => {
    const aws = new FakeAws({ 'orders-dev-api:live': '3' });
    aws.script = [{ status: 'InProgress' }];
    const out = quiet();
    aws.clock = out;
    await expect(
      shift('orders-dev', deployment(), aws, { ...out, pollMs: 60_000, marginMs: 10 * 60_000 }),
    ).rejects.toThrow(
      /d-RUNNING0 is still InProgress after 15 minutes \(CodeDeployDefault.LambdaCanary10Percent5Minutes plus the margin\); it was stopped and rolled back/,
    );
    expect(aws.stopped).toEqual(['d-RUNNING0']);
    expect(out.now()).toBe(16 * 60_000);
  });
});

describe('parseDeployment', () => {
  it('accepts an output with every field and a published version', () => {
    expect(parseDeployment('orders-dev', 'api-deployment', deployment())).toEqual(deployment());
  });

  it.each([
    [
      { ...deployment(), targetVersion: '$LATEST' },
      /targetVersion "\$LATEST"; expected a published version number/,
    ],
    [{ ...deployment(), application: '' }, /application ""; expected a non-empty string/],
    [null, /application undefined/],
  ])('rejects %j, naming the stack, the output and the field', (value, message) => {
    expect(() => parseDeployment('orders-dev', 'api-deployment', value)).toThrow(message);
    expect(() => parseDeployment('orders-dev', 'api-deployment', value)).toThrow(
      /^orders-dev: output "api-deployment"/,
    );
  });
});

describe('with stacks synthesized by the real constructs', () => {
  const root = join(dir, 'repo');
  const artifacts = join(dir, 'artifacts');
  let devStack: string;
  let prodStack: string;
  beforeAll(() => {
    mkdirSync(artifacts, { recursive: true });
    const emptyZip = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);
    for (const id of ['api', 'worker', 'report']) writeFileSync(join(artifacts, `${id}.zip`), emptyZip);
    // What `cdktf deploy orders-<env> --output dist/cdktf/deploy/orders-<env>` leaves behind, from the real
    // constructs. Run by tsx, not imported: an import would make every constructs change affect `tools`,
    // and through it the apps whose tests use tools (see affected.test.ts).
    execFileSync(join(workspace, 'node_modules', '.bin', 'tsx'), ['-e', SYNTH], {
      cwd: workspace,
      env: { ...process.env, ROOT: root, ARTIFACTS: artifacts },
    });
    devStack = join(root, 'dist', 'cdktf', 'deploy', 'orders-dev', 'stacks', 'orders-dev');
    prodStack = join(root, 'dist', 'cdktf', 'deploy', 'orders-prod', 'stacks', 'orders-prod');
  });

  /**
   * `terraform output -json` of the deployed stack: the output expressions of cdk.tf.json resolved
   * against the resources' arguments, with the version Terraform published for each function.
   */
  const outputsAfterApply = (published: Record<string, string>) => async (stackDir: string) => {
    const json = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
    const resolve = (expr: string) => {
      const [type, name, attr] = /^\$\{(.+)\}$/.exec(expr)?.[1].split('.') ?? [];
      if (!type) return expr;
      const resource = json.resource[type][name];
      return attr === 'version' ? published[resource.function_name] : resource[attr];
    };
    return Object.fromEntries(
      Object.entries(json.output as Record<string, { value: Record<string, string> }>).map(([k, o]) => [
        k,
        { value: Object.fromEntries(Object.entries(o.value).map(([f, v]) => [f, resolve(v)])) },
      ]),
    );
  };

  it("finds the stacks the deploy target wrote for an environment, by their provider's environment tag", () => {
    expect(deployedStacks(root, 'dev')).toEqual([devStack]);
    expect(deployedStacks(root, 'prod')).toEqual([prodStack]);
    expect(deployedStacks(root, 'staging')).toEqual([]);
    expect(deployedStacks(join(dir, 'nowhere'), 'dev')).toEqual([]);
  });

  it('reads the outputs of the functions with traffic shifting only', () => {
    expect(deploymentOutputs(devStack)).toEqual(['api-deployment', 'worker-deployment']);
    expect(deploymentOutputs(prodStack)).toEqual([]);
  });

  it('shifts every function whose alias is behind, in its own CodeDeploy application and group', async () => {
    const aws = new FakeAws({ 'orders-dev-api:live': '6', 'orders-dev-worker:live': '2' });
    const regions: string[] = [];
    const results = await shiftStacks([devStack, prodStack], {
      ...quiet(),
      readOutputs: outputsAfterApply({ 'orders-dev-api': '7', 'orders-dev-worker': '2' }),
      apiFor: (stackDir) => {
        regions.push(JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')).provider.aws[0].region);
        return aws;
      },
    });
    expect(results).toEqual([
      { stack: 'orders-dev', functionName: 'orders-dev-api', from: '6', to: '7', deploymentId: 'd-RUNNING0' },
      { stack: 'orders-dev', functionName: 'orders-dev-worker', from: '2', to: '2' },
    ]);
    expect(aws.created.map((c) => [c.application, c.deploymentGroup])).toEqual([['orders-dev-api', 'live']]);
    expect(JSON.parse(aws.created[0].appSpec).Resources[0]['orders-dev-api'].Properties).toEqual({
      Name: 'orders-dev-api',
      Alias: 'live',
      CurrentVersion: '6',
      TargetVersion: '7',
    });
    expect(regions).toEqual(['eu-west-1']); // the prod stack has nothing to shift: no AWS client for it
  });

  it('lets every shift finish, then fails listing those that did not succeed', async () => {
    const aws = new FakeAws({ 'orders-dev-api:live': '6', 'orders-dev-worker:live': '2' });
    aws.scripts.set('orders-dev-api', [
      { status: 'InProgress' },
      { status: 'Failed', message: 'The deployment failed because a specified alarm fired' },
    ]);
    const error = await shiftStacks([devStack], {
      ...quiet(),
      readOutputs: outputsAfterApply({ 'orders-dev-api': '7', 'orders-dev-worker': '3' }),
      apiFor: () => aws,
    }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(TrafficShiftError);
    expect((error as Error).message).toMatch(
      /^Traffic shifting failed for 1 of 2 function\(s\):\n- orders-dev orders-dev-api: CodeDeploy deployment d-RUNNING\d failed: The deployment failed because a specified alarm fired\./,
    );
    expect(aws.aliases.get('orders-dev-api:live')).toBe('6');
    expect(aws.aliases.get('orders-dev-worker:live')).toBe('3');
  });

  it('fails with the fix when the state lacks an output (the stack was not deployed)', async () => {
    await expect(
      shiftStacks([devStack], { ...quiet(), readOutputs: async () => ({}), apiFor: () => new FakeAws({}) }),
    ).rejects.toThrow(
      'orders-dev: output "api-deployment" is in cdk.tf.json but not in the state. Deploy the stack before shifting traffic.',
    );
  });
});

describe('terraformOutputs (real terraform, local state, no AWS)', () => {
  it('returns the outputs of the state', async () => {
    const stackDir = join(dir, 'local-state');
    mkdirSync(stackDir, { recursive: true });
    writeFileSync(join(stackDir, 'cdk.tf.json'), '{}');
    writeFileSync(
      join(stackDir, 'terraform.tfstate'),
      JSON.stringify({
        version: 4,
        terraform_version: '1.10.0',
        serial: 1,
        lineage: 'test',
        outputs: {
          'api-deployment': {
            value: deployment(),
            type: ['object', Object.fromEntries(Object.keys(deployment()).map((k) => [k, 'string']))],
          },
        },
        resources: [],
      }),
    );
    const outputs = await terraformOutputs(stackDir);
    expect(parseDeployment('orders-dev', 'api-deployment', outputs['api-deployment'].value)).toEqual(
      deployment(),
    );
  });

  it('explains what to do in a folder cdktf deploy has not initialised', async () => {
    const stackDir = join(dir, 'not-initialised');
    mkdirSync(stackDir, { recursive: true });
    writeFileSync(
      join(stackDir, 'cdk.tf.json'),
      JSON.stringify({ terraform: { backend: { s3: { bucket: 'b', key: 'k', region: 'eu-west-1' } } } }),
    );
    await expect(terraformOutputs(stackDir)).rejects.toThrow(
      /terraform output failed in .*not-initialised: .*Backend initialization required.*Run the stack's deploy first/s,
    );
  });
});

describe('the CLI', () => {
  const cli = (...args: string[]) =>
    promisify(execFile)(join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx'), [
      join(__dirname, '..', 'ci', 'bin', 'traffic-shift.ts'),
      ...args,
    ]).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );

  it('fails with the usage without arguments, and with the fix for a bad environment', async () => {
    expect(await cli()).toEqual({
      code: 1,
      stderr: 'usage: tsx tools/ci/bin/traffic-shift.ts --environment <environment> | <stack dir>...\n',
    });
    expect((await cli('--environment', 'Prod!')).stderr).toMatch(/^--environment needs one environment name/);
  });

  it('does nothing, and calls nothing, for stacks without traffic shifting', async () => {
    const stackDir = join(dir, 'plain', 'stacks', 'orders-dev');
    mkdirSync(stackDir, { recursive: true });
    writeFileSync(join(stackDir, 'cdk.tf.json'), JSON.stringify({ output: {} }));
    const run = await promisify(execFile)(join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx'), [
      join(__dirname, '..', 'ci', 'bin', 'traffic-shift.ts'),
      stackDir,
    ]);
    expect(run.stdout).toBe(
      'orders-dev: no function with traffic shifting\nTraffic shifting: 0 shifted, 0 already live, in 1 stack(s).\n',
    );
  });
});
