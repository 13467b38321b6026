import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { serviceGenerator } from '../../src/generators/service/generator';
import { platformTree, workspaceRoot } from './helpers';

/*
 * The sample events are template files (files/<trigger>/events), written from the real AWS samples
 * in packages/test-helpers/events: each keeps its sample's shape, so a local invoke gets what AWS sends.
 */
const sample = (file: string) =>
  JSON.parse(
    readFileSync(join(workspaceRoot, 'packages', 'test-helpers', 'events', file), 'utf8'),
  ) as unknown;

/** Every key path of a JSON value (array items by index), to compare shapes. */
function shape(value: unknown, prefix = ''): string[] {
  const entries = value !== null && typeof value === 'object' ? Object.entries(value) : [];
  if (entries.length === 0) return [prefix];
  return entries.flatMap(([key, child]) => shape(child, `${prefix}/${key}`));
}

async function generated(trigger: 'http' | 'sqs' | 'schedule', fn: string): Promise<Record<string, unknown>> {
  const tree: Tree = platformTree();
  await serviceGenerator(tree, { name: 'billing', team: 'insights', trigger, skipFormat: true });
  return JSON.parse(tree.read(`apps/billing/events/${fn}.json`, 'utf-8') ?? '') as Record<string, unknown>;
}

describe('sample events', () => {
  it('http: the API Gateway HTTP API (v2) sample, with a JSON body', async () => {
    const event = await generated('http', 'handle-request');
    expect(shape(event).sort()).toEqual(
      [...shape(sample('apigw-http-v2-proxy.powertools-ts.json')), '/body', '/headers/content-type'].sort(),
    );
    expect(event.body).toBe('{"name":"Ada"}');
  });

  it('sqs: two records of the SQS sample, each with the MD5 of its body', async () => {
    const event = await generated('sqs', 'process-messages');
    const [record] = (sample('sqs-standard-batch.powertools-ts.json') as { Records: unknown[] }).Records;
    const records = event.Records as { body: string; md5OfBody: string }[];
    expect(records.map((r) => shape(r).sort())).toEqual([shape(record).sort(), shape(record).sort()]);
    expect(records.map((r) => r.md5OfBody)).toEqual(
      records.map((r) => createHash('md5').update(r.body).digest('hex')),
    );
  });

  it('schedule: the scheduled-event sample as EventBridge Scheduler sends it', async () => {
    const event = await generated('schedule', 'run-job');
    expect(shape(event).sort()).toEqual(shape(sample('eventbridge-scheduled.lambda-docs.json')).sort());
    // Scheduler, not an EventBridge rule: source aws.scheduler, and `detail` the string "{}" (a rule sends an object).
    expect(event).toMatchObject({ source: 'aws.scheduler', detail: '{}' });
  });
});
