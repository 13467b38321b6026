import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { App, Testing } from 'cdktf';
import ReportsStack from '../src/stack';

// Needs the app's bundles: the test target depends on `reports:build`.
const root = join(__dirname, '..', '..', '..');
const functions = readdirSync(join(root, 'apps', 'reports', 'src', 'handlers'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -3));

const config = {
  organization: 'acme',
  repository: 'acme/platform',
  service: 'reports',
  environment: 'dev',
  team: 'insights',
  accountId: '111111111111',
  region: 'eu-west-1',
  deployRoleArn: 'arn:aws:iam::111111111111:role/acme-platform-deploy',
  stateBucket: 'acme-tfstate-111111111111-eu-west-1',
  stateKey: 'reports/dev/terraform.tfstate',
  alarmTopicArn: 'arn:aws:sns:eu-west-1:111111111111:acme-alarms',
  artifactsDir: join(root, 'dist', 'apps', 'reports'),
};

type Resource = Record<string, unknown>;

describe('ReportsStack', () => {
  // Synth runs the platform's guardrails: a violation would throw here.
  const synthesized = Testing.synth(new ReportsStack(Testing.app() as App, 'reports-dev', config));
  const resources = (JSON.parse(synthesized) as { resource: Record<string, Record<string, Resource>> })
    .resource;
  const ofType = (type: string) => Object.values(resources[type] ?? {});
  // Resources of a construct carry its id first in their logical id: `<function>_role_1A2B3C4D`.
  const ownedBy = (type: string, fn: string) =>
    Object.entries(resources[type] ?? {})
      .filter(([id]) => id.startsWith(`${fn}_`))
      .map(([, resource]) => resource);

  it.each(functions)('deploys %s on Node.js 22 (arm64) with tracing, its own role and a log group', (fn) => {
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lambda_function' },
      {
        function_name: `reports-dev-${fn}`,
        runtime: 'nodejs22.x',
        architectures: ['arm64'],
        tracing_config: { mode: 'Active' },
      },
    );
    expect(ownedBy('aws_iam_role', fn)).toHaveLength(1);
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_cloudwatch_log_group' },
      { name: `/aws/lambda/reports-dev-${fn}`, retention_in_days: 30 },
    );
  });

  it.each(functions)('lets %s read its settings path and nothing wider', (fn) => {
    const policies = ownedBy('aws_iam_role_policy', fn).map((p) => String(p.policy));
    const settings = policies.find((p) => p.includes('ssm:GetParametersByPath'));
    expect(settings).toContain('parameter/dev/reports');
    expect(policies.join()).not.toMatch(/"Action":"\*"|"ssm:\*"/);
  });

  it('creates the settings parameters that have a default', () => {
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_ssm_parameter' },
      { name: '/dev/reports/log-level', value: 'INFO' },
    );
  });

  it('puts every HTTP route behind AWS_IAM and every queue consumer on partial batch failures', () => {
    for (const route of ofType('aws_apigatewayv2_route')) expect(route.authorization_type).toBe('AWS_IAM');
    for (const mapping of ofType('aws_lambda_event_source_mapping')) {
      expect(mapping.function_response_types).toEqual(['ReportBatchItemFailures']);
    }
  });
});
