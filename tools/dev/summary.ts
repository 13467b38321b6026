import { key } from './localCloud';
import type { DevSession } from './startDev';

/** The start-up summary: every URL, queue, schedule and table, and what each runs. */
export function summary(session: DevSession, environment: string, seconds: number): string {
  const { stacks, cloud, apis, schedules, runners } = session;
  const lines: string[] = [];
  const services = stacks.map((s) => s.service).join(', ');
  lines.push(`npm run dev: ${services} (stacks ${stacks.map((s) => s.stack).join(', ')}, from cdktf.out)`);

  lines.push('', 'HTTP APIs (AWS_IAM routes are not checked locally: each request says so in the log)');
  if (apis.length === 0) lines.push('  none');
  for (const api of apis) {
    lines.push(`  ${api.service}/${api.name}  ${api.url}`);
    for (const route of api.routes) {
      const [method, path] = route.routeKey.split(' ');
      lines.push(
        `    ${method} ${api.url}${path ?? ''}  -> ${api.service}/${route.functionId} (${route.authorization})`,
      );
    }
  }

  lines.push('', `Queues (SQS and SNS at ${cloud.sqsEndpoint})`);
  for (const stack of stacks) {
    for (const queue of stack.queues) {
      const local = cloud.queues.get(key(stack, queue.address))!;
      const mapping = stack.mappings.find((m) => m.queueAddress === queue.address);
      const dlq = queue.redrive && cloud.queues.get(key(stack, queue.redrive.deadLetterAddress));
      const parts = [
        mapping
          ? `-> ${stack.service}/${mapping.functionId} (batch ${mapping.batchSize}, window ${mapping.batchingWindowSeconds} s` +
            `${mapping.maxConcurrency ? `, max concurrency ${mapping.maxConcurrency}` : ''}` +
            `${mapping.reportBatchItemFailures ? ', partial batch failures' : ''})`
          : '',
        `visibility ${queue.visibilityTimeoutSeconds} s`,
        dlq ? `DLQ ${dlq.model.name} after ${queue.redrive!.maxReceiveCount} receives` : '',
      ].filter(Boolean);
      lines.push(`  ${local.url}  ${parts.join(', ')}`);
    }
  }
  for (const stack of stacks)
    for (const topic of stack.topics)
      lines.push(`  topic ${cloud.topics.get(key(stack, topic.address))?.arn}`);

  lines.push(
    '',
    `Schedules (fire now: npm run dev -- --fire <service>/<function>, or POST ${session.controlUrl}/fire/<service>/<function>)`,
  );
  if (schedules.length === 0) lines.push('  none');
  for (const s of schedules) {
    const next = s.next ? `next ${s.next.toISOString()}` : s.model.enabled ? 'no next run' : 'DISABLED';
    lines.push(
      `  ${s.service}/${s.model.name}  ${s.model.expression} ${s.model.timezone} -> ${s.runner.tag}, ${next}`,
    );
  }

  lines.push('', `Tables (DynamoDB at ${cloud.dynamodbEndpoint})`);
  for (const stack of stacks) {
    for (const table of stack.tables)
      lines.push(`  ${table.name}  (${table.keys.map((k) => `${k.name} ${k.type}`).join(', ')})`);
  }

  lines.push('', 'Functions (rebuilt and reloaded when their code changes)');
  for (const [tag, runner] of runners) {
    const state =
      runner.state === 'failed'
        ? `FAILED at init: ${runner.lastError?.message}`
        : `${runner.state} (pid ${runner.pids.join(', ')})`;
    lines.push(`  ${tag}  ${state}`);
    for (const missing of session.unresolved[tag] ?? []) lines.push(`    no local value for ${missing}`);
  }
  for (const notice of cloud.notices) lines.push(`  ${notice}`);
  lines.push('', `Control: ${session.controlUrl}  (GET /status)`);
  lines.push(`Ready in ${seconds.toFixed(1)} s (environment ${environment}). Ctrl-C stops everything.`);
  return lines.join('\n');
}
