import { defineTopology } from '../lib/topology';
import { planStacks, SelectionError, selectStacks } from '../lib/plan';
import { validInput } from './fixtures/topology';

const specs = planStacks(defineTopology(validInput()));

describe('planStacks', () => {
  it('plans one stack per service and environment, in promotion order', () => {
    expect(specs.map((s) => s.name)).toEqual([
      'alpha-dev', 'alpha-staging', 'alpha-prod', 'beta-dev', 'beta-staging', 'beta-prod',
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

  it('gives every stack a unique state key', () => {
    const keys = specs.map((s) => `${s.stateBucket}/${s.stateKey}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('adds the region to names and keys only for multi-region services', () => {
    const input = validInput();
    const multi = planStacks(
      defineTopology({
        ...input,
        accounts: Object.fromEntries(Object.entries(input.accounts).map(([k, a]) => [k, { ...a, regions: ['eu-west-1', 'us-east-1'], stateBuckets: undefined }])),
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
