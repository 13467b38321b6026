import { existsSync, readFileSync } from 'node:fs';

interface StackJson {
  readonly provider?: { readonly aws?: readonly { readonly allowed_account_ids?: readonly string[] }[] };
  readonly resource?: {
    readonly aws_sns_topic_subscription?: Record<string, { readonly topic_arn?: string }>;
  };
}

/**
 * The other accounts' topics a synthesized stack subscribes to, with the producer's stack: the topic's
 * name is `<producer>-<environment>-<stream>` (stacks/lib/links.ts), in the producer's account.
 */
export function consumedTopics(
  stackFile: string,
  environment: string,
  services: readonly string[],
): { readonly topicArn: string; readonly producerStack: string }[] {
  if (!existsSync(stackFile)) return [];
  const json = JSON.parse(readFileSync(stackFile, 'utf8')) as StackJson;
  const account = json.provider?.aws?.[0]?.allowed_account_ids?.[0];
  return Object.values(json.resource?.aws_sns_topic_subscription ?? {}).flatMap(({ topic_arn: arn }) => {
    const parts = arn?.startsWith('arn:') ? arn.split(':') : [];
    if (parts.length !== 6 || parts[4] === account) return [];
    const producer = [...services]
      .sort((a, b) => b.length - a.length)
      .find((s) => parts[5]!.startsWith(`${s}-${environment}-`));
    return producer ? [{ topicArn: arn!, producerStack: `${producer}-${environment}` }] : [];
  });
}
