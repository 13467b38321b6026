import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing, type TerraformStack } from 'cdktf';
import { writeBundles } from '@platform/constructs/testing';
import { buildApp } from '../lib/app';
import { topology } from '../topology';

/*
 * Both sides of every link declared in stacks/topology.ts, as the app builds the real service stacks
 * of every environment: each consumer's subscription names the topic its producer's stack creates, in
 * the producer's account, and each side's policy names exactly the other side. Neither stack reads the
 * other's state: each is synthesized alone here, from the topology.
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Terraform JSON is untyped

const workspace = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'links-synth-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
for (const service of Object.keys(topology.services)) {
  const handlers = readdirSync(join(workspace, 'apps', service, 'src', 'handlers'));
  writeBundles(join(work, 'artifacts', service), ...handlers.map((h) => h.replace(/\.ts$/, '')));
}
const app = buildApp({
  topology,
  outdir: join(work, 'out'),
  stacksDir: join(workspace, 'stacks'),
  artifactsRoot: join(work, 'artifacts'),
});
const synthesized = new Map(
  app.node.children.map((stack) => [
    stack.node.id,
    JSON.parse(Testing.synth(stack as TerraformStack, true)) as Json,
  ]),
);
const resources = (stack: string, type: string): Json[] =>
  Object.values((synthesized.get(stack)?.resource?.[type] ?? {}) as Record<string, Json>);
const accountOf = (service: string, environment: string) =>
  topology.accounts[topology.teams[topology.services[service]!.team]!.accounts[environment]!]!.id;

const links = Object.entries(topology.services).flatMap(([consumer, s]) =>
  s.consumes.flatMap(({ service: producer, stream }) =>
    s.environments.map((environment) => ({ consumer, producer, stream, environment })),
  ),
);

describe('Event streams of stacks/topology.ts, both sides', () => {
  it('declares the example link in every environment: orders order.accepted -> reports', () => {
    expect(links.map((l) => `${l.producer}/${l.stream} -> ${l.consumer} (${l.environment})`)).toEqual([
      'orders/order.accepted -> reports (dev)',
      'orders/order.accepted -> reports (staging)',
      'orders/order.accepted -> reports (prod)',
    ]);
  });

  it.each(links.map((l) => [`${l.producer}-${l.environment} -> ${l.consumer}-${l.environment}`, l] as const))(
    '%s: the subscription names the topic the producer creates, and each policy names the other side',
    (_, { consumer, producer, stream, environment }) => {
      const producerStack = `${producer}-${environment}`;
      const consumerStack = `${consumer}-${environment}`;
      const region = topology.defaultRegion;
      const producerAccount = accountOf(producer, environment);
      const consumerAccount = accountOf(consumer, environment);
      expect(producerAccount).not.toBe(consumerAccount);

      // Producer side: the topic, and who may subscribe.
      const topic = resources(producerStack, 'aws_sns_topic').find((t) =>
        String(t.name).endsWith(stream.replace('.', '-')),
      )!;
      const topicArn = `arn:aws:sns:${region}:${producerAccount}:${topic.name}`;
      const topicPolicy = JSON.parse(resources(producerStack, 'aws_sns_topic_policy')[0]!.policy) as {
        Statement: Json[];
      };
      const subscribe = topicPolicy.Statement.find((st) => st.Action === 'sns:Subscribe')!;
      expect(subscribe.Principal).toEqual({ AWS: [`arn:aws:iam::${consumerAccount}:root`] });
      expect(subscribe.Resource).toBe(topicArn);

      // Consumer side: the subscription and the queue policy name exactly that topic.
      const [subscription] = resources(consumerStack, 'aws_sns_topic_subscription');
      expect(subscription).toMatchObject({
        topic_arn: topicArn,
        protocol: 'sqs',
        raw_message_delivery: true,
      });
      const queueAddress = /^\$\{(aws_sqs_queue\.[\w-]+)\.arn\}$/.exec(subscription!.endpoint)![1]!;
      const queue = synthesized.get(consumerStack)!.resource.aws_sqs_queue[queueAddress.split('.')[1]!];
      const queueArn = `arn:aws:sqs:${region}:${consumerAccount}:${queue.name}`;
      expect(queueArn).toMatch(
        new RegExp(`^${subscribe.Condition.ArnLike['sns:Endpoint'][0].replace('*', '.*')}$`),
      );
      const queuePolicy = resources(consumerStack, 'aws_sqs_queue_policy').find(
        (p) => p.queue_url === `\${${queueAddress}.url}`,
      );
      expect(JSON.parse(queuePolicy!.policy).Statement).toEqual([
        expect.objectContaining({ Sid: 'DenyInsecureTransport', Effect: 'Deny' }),
        expect.objectContaining({
          Principal: { Service: 'sns.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
        }),
      ]);
    },
  );
});
