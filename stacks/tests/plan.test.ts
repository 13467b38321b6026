import { defineTopology } from '../lib/topology';
import { parseStackRole, planBootstrapStacks, planStacks, SelectionError, selectStacks } from '../lib/plan';
import { validInput } from './fixtures/topology';

const specs = planStacks(defineTopology(validInput()));

describe('planStacks', () => {
  it('plans one stack per service and environment, in promotion order', () => {
    expect(specs.map((s) => s.name)).toEqual([
      'alpha-dev',
      'alpha-staging',
      'alpha-prod',
      'beta-dev',
      'beta-staging',
      'beta-prod',
    ]);
  });

  it("places each stack in its team's account for that environment", () => {
    const betaProd = specs.find((s) => s.name === 'beta-prod')!;
    expect(betaProd).toMatchObject({
      accountId: '200000000003',
      team: 'beta',
      deployRoleArn: 'arn:aws:iam::200000000003:role/custom-deploy',
      stateBucket: 'b-prod-state',
      stateKey: 'beta/prod/terraform.tfstate',
      alarmTopicArn: 'arn:aws:sns:eu-west-1:200000000003:acme-alarms',
    });
  });

  it("passes the topology's environments, in promotion order, to every stack", () => {
    for (const spec of specs) expect(spec.environments).toEqual(['dev', 'staging', 'prod']);
  });

  it('gives every stack a unique state key', () => {
    const keys = specs.map((s) => `${s.stateBucket}/${s.stateKey}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('adds the region to names and keys only for multi-region services', () => {
    const input = validInput();
    const multi = planStacks(
      defineTopology({
        ...input,
        accounts: Object.fromEntries(
          Object.entries(input.accounts).map(([k, a]) => [
            k,
            { ...a, regions: ['eu-west-1', 'us-east-1'], stateBuckets: undefined },
          ]),
        ),
        services: { alpha: { team: 'alpha', regions: ['eu-west-1', 'us-east-1'] } },
      }),
    );
    expect(multi.map((s) => s.name)).toContain('alpha-prod-us-east-1');
    expect(multi.find((s) => s.name === 'alpha-prod-us-east-1')).toMatchObject({
      region: 'us-east-1',
      stateKey: 'alpha/prod/us-east-1/terraform.tfstate',
      stateBucket: 'acme-tfstate-100000000003-us-east-1',
    });
  });
});

describe('selectStacks', () => {
  const names = (selection?: string) => selectStacks(specs, selection).map((s) => s.name);

  it('keeps every stack without a selection', () => {
    expect(names(undefined)).toHaveLength(6);
    expect(names(' ')).toHaveLength(6);
  });

  it('selects by exact name, by service glob and by environment glob', () => {
    expect(names('alpha-dev')).toEqual(['alpha-dev']);
    expect(names('beta-*')).toEqual(['beta-dev', 'beta-staging', 'beta-prod']);
    expect(names('*-prod, alpha-dev')).toEqual(['alpha-dev', 'alpha-prod', 'beta-prod']);
  });

  it('fails on a pattern that matches nothing, listing the known stacks', () => {
    expect(() => names('alpha-qa')).toThrow(SelectionError);
    expect(() => names('alpha-qa')).toThrow(/"alpha-qa" matches no stack.*known: alpha-dev, alpha-staging/);
  });

  it('treats regex characters in a pattern literally', () => {
    expect(() => names('alpha.dev')).toThrow(/matches no stack/);
  });
});

describe('planStacks with the plan role', () => {
  it('makes service stacks assume the read-only plan role of their account', () => {
    const plan = planStacks(defineTopology(validInput()), { role: 'plan' });
    expect(plan.find((s) => s.name === 'beta-prod')!.deployRoleArn).toBe(
      'arn:aws:iam::200000000003:role/acme-platform-plan',
    );
    expect(specs.find((s) => s.name === 'beta-prod')!.deployRoleArn).toBe(
      'arn:aws:iam::200000000003:role/custom-deploy',
    );
  });
});

describe('parseStackRole', () => {
  it('defaults to deploy and accepts plan', () => {
    expect(parseStackRole(undefined)).toBe('deploy');
    expect(parseStackRole('')).toBe('deploy');
    expect(parseStackRole('plan')).toBe('plan');
  });

  it('rejects anything else with the fix', () => {
    expect(() => parseStackRole('admin')).toThrow(
      /PLATFORM_ROLE "admin" is not a stack role. Use "deploy" \(the default\) or "plan"/,
    );
  });
});

describe('planBootstrapStacks', () => {
  const bootstraps = planBootstrapStacks(defineTopology(validInput()));

  it('plans one stack per account and region, the region named only for multi-region accounts', () => {
    expect(bootstraps.map((s) => s.name)).toEqual([
      'bootstrap-a-dev',
      'bootstrap-a-staging',
      'bootstrap-a-prod-eu-west-1',
      'bootstrap-a-prod-us-east-1',
      'bootstrap-b-dev',
      'bootstrap-b-staging',
      'bootstrap-b-prod',
    ]);
  });

  it("keeps each stack's state in the bucket it creates, and IAM in the account's first region", () => {
    expect(bootstraps.find((s) => s.name === 'bootstrap-a-prod-us-east-1')).toMatchObject({
      accountId: '100000000003',
      region: 'us-east-1',
      primary: false,
      stateKey: 'bootstrap/us-east-1/terraform.tfstate',
      stateBuckets: {
        'eu-west-1': 'acme-tfstate-100000000003-eu-west-1',
        'us-east-1': 'acme-tfstate-100000000003-us-east-1',
      },
    });
    expect(bootstraps.filter((s) => s.primary).map((s) => s.account)).toEqual([
      'a-dev',
      'a-staging',
      'a-prod',
      'b-dev',
      'b-staging',
      'b-prod',
    ]);
  });

  it("pins the deploy role to the account's environment and scopes it to its team's services", () => {
    expect(bootstraps.find((s) => s.name === 'bootstrap-b-prod')).toMatchObject({
      repository: 'acme/platform',
      environment: 'prod',
      services: [{ name: 'beta', regions: ['eu-west-1'] }],
      deployRoleArn: 'arn:aws:iam::200000000003:role/custom-deploy',
      planRoleArn: 'arn:aws:iam::200000000003:role/acme-platform-plan',
      operatorRoleArns: [],
      monthlyBudgetUsd: 100,
      alerts: [{ protocol: 'email', endpoint: 'beta-oncall@acme.example' }],
    });
    expect(bootstraps.find((s) => s.name === 'bootstrap-a-dev')!.alerts).toEqual([]);
  });

  it('plans an account no team uses without an environment (no deploy role)', () => {
    const input = validInput();
    const spare = planBootstrapStacks(
      defineTopology({ ...input, accounts: { ...input.accounts, spare: { id: '300000000001' } } }),
    );
    const stack = spare.find((s) => s.name === 'bootstrap-spare')!;
    expect(stack.environment).toBeUndefined();
    expect(stack.services).toEqual([]);
    expect(stack.alerts).toEqual([]);
  });

  it('creates exactly the alarm topic, bucket and role every service stack references', () => {
    for (const spec of specs) {
      const bootstrap = bootstraps.find((b) => b.accountId === spec.accountId && b.region === spec.region);
      expect(bootstrap).toBeDefined();
      expect(spec.alarmTopicArn).toBe(
        `arn:aws:sns:${bootstrap!.region}:${bootstrap!.accountId}:${bootstrap!.alarmTopicName}`,
      );
      expect(spec.stateBucket).toBe(bootstrap!.stateBuckets[spec.region]);
      expect(spec.deployRoleArn).toBe(bootstrap!.deployRoleArn);
      expect(bootstrap!.environment).toBe(spec.environment);
      expect(bootstrap!.services.map((s) => s.name)).toContain(spec.service);
    }
  });

  it('is selected with PLATFORM_STACKS like service stacks', () => {
    const all = [...specs, ...bootstraps];
    expect(selectStacks(all, 'bootstrap-b-*').map((s) => s.name)).toEqual([
      'bootstrap-b-dev',
      'bootstrap-b-staging',
      'bootstrap-b-prod',
    ]);
    expect(selectStacks(all, '*-prod').map((s) => s.name)).toEqual([
      'alpha-prod',
      'beta-prod',
      'bootstrap-b-prod',
    ]);
  });
});
