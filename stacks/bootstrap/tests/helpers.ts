import { App, Testing } from 'cdktf';
import BootstrapStack from '../src/stack';
import type { BootstrapStackConfig } from '../src/types';

/** The commerce team's dev account, one service, one region: tests override what they vary. */
export const config = (overrides: Partial<BootstrapStackConfig> = {}): BootstrapStackConfig => ({
  organization: 'acme',
  repository: 'acme/platform',
  account: 'commerce-dev',
  accountId: '111111111111',
  region: 'eu-west-1',
  primary: true,
  stateBuckets: { 'eu-west-1': 'acme-tfstate-111111111111-eu-west-1' },
  stateKey: 'bootstrap/eu-west-1/terraform.tfstate',
  alarmTopicName: 'acme-alarms',
  environment: 'dev',
  services: [{ name: 'orders', regions: ['eu-west-1'] }],
  deployRoleArn: 'arn:aws:iam::111111111111:role/acme-platform-deploy',
  planRoleArn: 'arn:aws:iam::111111111111:role/acme-platform-plan',
  operatorRoleArns: [],
  monthlyBudgetUsd: 250,
  alerts: [{ protocol: 'email', endpoint: 'commerce-oncall@acme.example' }],
  ...overrides,
});

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Terraform JSON is untyped

export interface PolicyStatement {
  Sid: string;
  Effect: string;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Json;
  Principal?: Json;
}

/** Runs `fn` with console.warn captured: the guardrails print each suppressed finding at synth. */
export function quietly<T>(fn: () => T): { result: T; warnings: string[] } {
  const warnings: string[] = [];
  const spy = jest.spyOn(console, 'warn').mockImplementation((line) => void warnings.push(String(line)));
  try {
    return { result: fn(), warnings };
  } finally {
    spy.mockRestore();
  }
}

export function synth(overrides: Partial<BootstrapStackConfig> = {}, id = 'bootstrap-commerce-dev') {
  const { result, warnings } = quietly(() => {
    const stack = new BootstrapStack(Testing.app() as App, id, config(overrides));
    return { stack, text: Testing.synth(stack) };
  });
  return { ...result, json: JSON.parse(result.text) as Json, warnings };
}

export const resources = (json: Json, type: string): Json[] => Object.values(json.resource?.[type] ?? {});

export function policyNamed(json: Json, name: string): PolicyStatement[] {
  const policy = resources(json, 'aws_iam_policy').find((p) => p.name === name);
  if (!policy) throw new Error(`no aws_iam_policy named ${name}`);
  return JSON.parse(policy.policy).Statement;
}

export const roleNamed = (json: Json, name: string) =>
  resources(json, 'aws_iam_role').find((r) => r.name === name);

export const list = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
