import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Testing } from 'cdktf';
import { ServiceFunction } from '../src/ServiceFunction';
import { ServiceStack } from '../src/ServiceStack';
import type { ServiceFunctionProps } from '../src/functionProps';
import type { ServiceStackConfig } from '../src/types';

/** A folder of stub bundles: an empty zip is all Terraform and the constructs need of one. */
export const artifactsDir = join(tmpdir(), `platform-constructs-tests-${process.getuid?.() ?? 'user'}`);
mkdirSync(artifactsDir, { recursive: true });
// The 22-byte end-of-central-directory record: a valid, empty zip.
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

export function writeBundles(dir: string, ...ids: string[]): void {
  mkdirSync(dir, { recursive: true });
  for (const id of ids) writeFileSync(join(dir, `${id}.zip`), EMPTY_ZIP);
}

export const baseConfig: ServiceStackConfig = {
  organization: 'acme',
  repository: 'acme/platform',
  service: 'orders',
  environment: 'dev',
  environments: ['dev', 'staging', 'prod'],
  team: 'commerce',
  accountId: '111111111111',
  region: 'eu-west-1',
  deployRoleArn: 'arn:aws:iam::111111111111:role/acme-platform-deploy',
  stateBucket: 'acme-tfstate-111111111111-eu-west-1',
  stateKey: 'orders/dev/terraform.tfstate',
  alarmTopicArn: 'arn:aws:sns:eu-west-1:111111111111:acme-alarms',
  artifactsDir,
};

/** A ServiceStack in a fresh app. */
export function testStack(overrides: Partial<ServiceStackConfig> = {}): ServiceStack {
  const config = { ...baseConfig, ...overrides };
  return new ServiceStack(Testing.app() as App, `${config.service}-${config.environment}`, config);
}

/** A ServiceFunction with a stub bundle. */
export function testFunction(stack: ServiceStack, id: string, props?: ServiceFunctionProps): ServiceFunction {
  writeBundles(stack.config.artifactsDir, id);
  return new ServiceFunction(stack, id, props);
}

// Terraform JSON is untyped.
export type Tf = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- see above

/** The stack's Terraform JSON (guardrails run, as in a real synth). */
export function synthJson(stack: ServiceStack): Tf {
  return JSON.parse(Testing.synth(stack)) as Tf;
}

/** Every resource of a type, as [name, config]. */
export function resourcesOf(json: Tf, type: string): Tf[] {
  return Object.values((json.resource?.[type] ?? {}) as Record<string, Tf>);
}

/** The one resource of a type whose config includes `match`. */
export function resourceWith(json: Tf, type: string, match: (r: Tf) => boolean): Tf {
  const found = resourcesOf(json, type).filter(match);
  if (found.length !== 1) throw new Error(`expected one ${type} to match, found ${found.length}`);
  return found[0];
}

/** A JSON policy string, parsed. */
export const policy = (value: string): { Statement: Tf[] } => JSON.parse(value) as { Statement: Tf[] };
