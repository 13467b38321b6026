import { key, type LocalCloud } from './localCloud';
import { parseReference } from './readStack';
import type { StackModel } from './types';

/**
 * Terraform references in a value -> the local resource's value (`${aws_sqs_queue.x.url}` -> the
 * local queue URL). References without a local stand-in stay as they are and are returned, so the
 * summary can name them.
 */
export function resolveValue(
  stack: StackModel,
  value: string,
  cloud: LocalCloud,
): { value: string; unresolved: string[] } {
  const unresolved: string[] = [];
  const literal = crossServiceValue(value, cloud);
  if (literal !== undefined) return { value: literal, unresolved };
  const resolved = value.replace(/\$\{[^}]+\}/g, (reference) => {
    const local = localValue(stack, reference, cloud);
    if (local === undefined) unresolved.push(reference);
    return local ?? reference;
  });
  return { value: resolved, unresolved };
}

/**
 * Another service's queue or topic named by its deployed URL or ARN (links between services are
 * literals computed from the topology) -> the local one.
 */
function crossServiceValue(value: string, cloud: LocalCloud): string | undefined {
  for (const queue of cloud.queues.values()) {
    if (value.startsWith('https://sqs.') && value.endsWith(`/${queue.model.name}`)) return queue.url;
    if (value.startsWith('arn:aws:sqs:') && value.endsWith(`:${queue.model.name}`)) return queue.arn;
  }
  for (const topic of cloud.topics.values()) {
    if (value.startsWith('arn:aws:sns:') && value.endsWith(`:${topic.name}`)) return topic.arn;
  }
  return undefined;
}

function localValue(stack: StackModel, text: string, cloud: LocalCloud): string | undefined {
  const reference = parseReference(text);
  if (!reference) return undefined;
  const { address, attribute } = reference;
  const [type] = address.split('.');
  if (type === 'aws_sqs_queue') {
    const queue = cloud.queues.get(key(stack, address));
    return queue && { url: queue.url, id: queue.url, arn: queue.arn, name: queue.model.name }[attribute];
  }
  if (type === 'aws_dynamodb_table') {
    const table = cloud.tables.get(key(stack, address));
    return table && { name: table.name, id: table.name, arn: table.arn }[attribute];
  }
  if (type === 'aws_sns_topic') {
    const topic = cloud.topics.get(key(stack, address));
    return topic && { arn: topic.arn, id: topic.arn, name: topic.name }[attribute];
  }
  const fn = stack.functions.find((f) => f.address === address);
  if (fn) {
    const arn = `arn:aws:lambda:${stack.region}:000000000000:function:${fn.name}`;
    return { function_name: fn.name, id: fn.name, arn, invoke_arn: arn }[attribute];
  }
  return undefined;
}
