import { defineTopology, TopologyError, type TopologyInput } from '../lib/topology';
import { topology } from '../topology';
import { validInput } from './fixtures/topology';

const withChange = (change: (input: TopologyInput) => TopologyInput) => () =>
  defineTopology(change(validInput()));

describe('defineTopology', () => {
  it('accepts the repository topology', () => {
    expect(topology.environments).toEqual(['dev', 'staging', 'prod']);
    expect(Object.keys(topology.services).length).toBeGreaterThan(0);
  });

  it('derives state buckets and deploy roles per account and region, and keeps overrides', () => {
    const t = defineTopology(validInput());
    expect(t.accounts['a-dev'].stateBuckets).toEqual({ 'eu-west-1': 'acme-tfstate-100000000001-eu-west-1' });
    expect(t.accounts['a-dev'].deployRoleArn).toBe('arn:aws:iam::100000000001:role/acme-platform-deploy');
    expect(t.accounts['a-prod'].stateBuckets['us-east-1']).toBe('acme-tfstate-100000000003-us-east-1');
    expect(t.accounts['b-prod'].stateBuckets['eu-west-1']).toBe('b-prod-state');
    expect(t.accounts['b-prod'].deployRoleArn).toBe('arn:aws:iam::200000000003:role/custom-deploy');
    expect(t.services.alpha.regions).toEqual(['eu-west-1']);
  });

  it('rejects a malformed account ID, naming the account and the fix', () => {
    const bad = withChange((i) => ({ ...i, accounts: { ...i.accounts, 'a-dev': { id: '1234' } } }));
    expect(bad).toThrow(TopologyError);
    expect(bad).toThrow(/account "a-dev" has id "1234": an AWS account ID is exactly 12 digits/);
  });

  it('rejects an environment without an account', () => {
    const bad = withChange((i) => ({
      ...i,
      teams: { ...i.teams, beta: { accounts: { dev: 'b-dev', prod: 'b-prod' } } },
    }));
    expect(bad).toThrow(
      /team "beta" has no account for environment "staging". Add teams.beta.accounts.staging/,
    );
  });

  it('rejects a duplicate environment', () => {
    expect(withChange((i) => ({ ...i, environments: ['dev', 'staging', 'dev'] }))).toThrow(
      /environment "dev" is listed twice/,
    );
  });

  it('rejects two account entries with the same ID', () => {
    const bad = withChange((i) => ({ ...i, accounts: { ...i.accounts, 'b-dev': { id: '100000000001' } } }));
    expect(bad).toThrow(/accounts "a-dev" and "b-dev" have the same id 100000000001/);
  });

  it('rejects one account used for two environments', () => {
    const bad = withChange((i) => ({
      ...i,
      teams: { ...i.teams, beta: { accounts: { dev: 'b-dev', staging: 'b-dev', prod: 'b-prod' } } },
    }));
    expect(bad).toThrow(/account "b-dev" is used by both team "beta" dev and team "beta" staging/);
  });

  it('rejects a service of an unknown team, listing the known teams', () => {
    const bad = withChange((i) => ({ ...i, services: { ...i.services, gamma: { team: 'gama' } } }));
    expect(bad).toThrow(/service "gamma" names unknown team "gama". Known teams: alpha, beta/);
  });

  it('rejects a team pointing at an unknown account or environment', () => {
    const bad = withChange((i) => ({
      ...i,
      teams: {
        ...i.teams,
        beta: { accounts: { dev: 'b-dev', staging: 'b-staging', prod: 'nope', qa: 'b-dev' } },
      },
    }));
    expect(bad).toThrow(/team "beta", environment "prod": unknown account "nope"/);
    expect(bad).toThrow(/team "beta" names an account for unknown environment "qa"/);
  });

  it('rejects names that are not kebab-case', () => {
    const bad = withChange((i) => ({ ...i, services: { ...i.services, Orders_V2: { team: 'alpha' } } }));
    expect(bad).toThrow(/service "Orders_V2" is not a valid name. Use lowercase kebab-case/);
  });

  it('rejects a service region where the account has no state bucket', () => {
    const bad = withChange((i) => ({
      ...i,
      services: { ...i.services, beta: { team: 'beta', regions: ['us-east-1'] } },
    }));
    expect(bad).toThrow(
      /service "beta" runs in us-east-1, but account "b-dev" \(team "beta", dev\) has no state bucket there/,
    );
  });

  it('rejects a deploy role from another account and malformed regions', () => {
    const bad = withChange((i) => ({
      ...i,
      defaultRegion: 'europe',
      accounts: {
        ...i.accounts,
        'b-prod': { id: '200000000003', deployRoleArn: 'arn:aws:iam::999999999999:role/x' },
      },
    }));
    expect(bad).toThrow(/defaultRegion "europe" is not an AWS region/);
    expect(bad).toThrow(
      /deployRoleArn "arn:aws:iam::999999999999:role\/x" is in account 999999999999, not 200000000003/,
    );
  });

  it('derives the plan role, budget and operators of each account, and keeps overrides', () => {
    const input = validInput();
    const t = defineTopology({
      ...input,
      accounts: {
        ...input.accounts,
        'b-dev': {
          id: '200000000001',
          planRoleArn: 'arn:aws:iam::200000000001:role/readers/plan',
          monthlyBudgetUsd: 40,
          operatorRoleArns: [
            'arn:aws:iam::200000000001:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Admin_*',
          ],
        },
      },
    });
    expect(t.accounts['a-dev']).toMatchObject({
      planRoleArn: 'arn:aws:iam::100000000001:role/acme-platform-plan',
      monthlyBudgetUsd: 100,
      operatorRoleArns: [],
    });
    expect(t.accounts['b-dev']).toMatchObject({
      planRoleArn: 'arn:aws:iam::200000000001:role/readers/plan',
      monthlyBudgetUsd: 40,
    });
  });

  it('checks each alert endpoint, naming the field, the value and the fix', () => {
    const bad = withChange((i) => ({
      ...i,
      teams: {
        ...i.teams,
        alpha: {
          ...i.teams.alpha,
          alerts: [
            { protocol: 'sms' as 'email', endpoint: '+441234' },
            { protocol: 'email', endpoint: ' ' },
            { protocol: 'email', endpoint: 'oncall.acme.example' },
            { protocol: 'https', endpoint: 'http://hooks.acme.example/x' },
          ],
        },
      },
    }));
    let message = '';
    try {
      bad();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n').slice(1)).toEqual([
      '  - teams.alpha.alerts[0].protocol "sms" is not supported. Use one of email, https (a chat webhook is "https").',
      '  - teams.alpha.alerts[1].endpoint is empty. Give the email address to notify.',
      '  - teams.alpha.alerts[2].endpoint "oncall.acme.example" is not an email address (e.g. "oncall@acme.example").',
      '  - teams.alpha.alerts[3].endpoint "http://hooks.acme.example/x" is not an https:// URL (SNS delivers only over TLS to webhooks).',
    ]);
  });

  it('keeps valid alert endpoints of a team', () => {
    const input = validInput();
    const alerts = [
      { protocol: 'email' as const, endpoint: 'alpha-oncall@acme.example' },
      { protocol: 'https' as const, endpoint: 'https://chat.acme.example/hooks/alpha' },
    ];
    const t = defineTopology({
      ...input,
      teams: { ...input.teams, alpha: { ...input.teams.alpha, alerts } },
    });
    expect(t.teams.alpha.alerts).toEqual(alerts);
  });

  it('reserves "bootstrap" service names for the account bootstrap stacks', () => {
    const bad = withChange((i) => ({
      ...i,
      services: { ...i.services, 'bootstrap-a-dev': { team: 'alpha' } },
    }));
    expect(bad).toThrow(
      /service "bootstrap-a-dev": names starting with "bootstrap" are reserved for the account bootstrap stacks/,
    );
  });

  it('rejects a plan role that is the deploy role, foreign operators and a budget of nothing', () => {
    const bad = withChange((i) => ({
      ...i,
      accounts: {
        ...i.accounts,
        'a-dev': {
          id: '100000000001',
          planRoleArn: 'arn:aws:iam::100000000001:role/acme-platform-deploy',
          operatorRoleArns: ['arn:aws:iam::999999999999:role/admin'],
          monthlyBudgetUsd: 0,
        },
      },
    }));
    expect(bad).toThrow(
      /account "a-dev": deployRoleArn and planRoleArn are both .* Pull requests need a read-only role of their own/,
    );
    expect(bad).toThrow(
      /operatorRoleArns entry "arn:aws:iam::999999999999:role\/admin" is not a role ARN of account 100000000001/,
    );
    expect(bad).toThrow(/monthlyBudgetUsd 0 must be a positive number/);
  });

  it('reports every problem at once', () => {
    const bad = withChange((i) => ({
      ...i,
      repository: 'nope',
      accounts: { ...i.accounts, 'a-dev': { id: 'x' } },
    }));
    expect(bad).toThrow(/repository "nope"[\s\S]*account "a-dev" has id "x"/);
  });
});
