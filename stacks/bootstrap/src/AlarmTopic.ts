import { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { AlertSubscription } from '@platform/constructs';
import { arn } from './arns';
import { policyDocument } from './policy';

export interface AlarmTopicProps {
  /** `<organization>-alarms`: the name service stacks put in their alarm actions. */
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  /** The owning team's alert endpoints, subscribed to the topic (each confirms once, by SNS's message). */
  readonly alerts?: readonly AlertSubscription[];
}

/**
 * The account's alarm topic in one region: every CloudWatch alarm of the service stacks and the
 * account budget notify it; subscribe people or chat to it. Not encrypted with KMS: CloudWatch and
 * Budgets cannot publish to a topic under the AWS-managed SNS key (a customer key would be needed).
 */
export class AlarmTopic extends Construct {
  readonly topic: SnsTopic;
  /** The ARN as service stacks build it: `arn:aws:sns:<region>:<account>:<name>`. */
  readonly topicArn: string;
  readonly policy: SnsTopicPolicy;
  readonly subscriptions: SnsTopicSubscription[];

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const { name, accountId, region } = props;
    this.topicArn = arn(region, 'sns', region, accountId, name);
    this.topic = new SnsTopic(this, 'topic', { name });
    this.policy = new SnsTopicPolicy(this, 'policy', {
      arn: this.topic.arn,
      policy: policyDocument([
        {
          Sid: 'CloudWatchAlarms',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: this.topicArn,
          Condition: {
            StringEquals: { 'aws:SourceAccount': accountId },
            ArnLike: { 'aws:SourceArn': arn(region, 'cloudwatch', region, accountId, 'alarm:*') },
          },
        },
        {
          Sid: 'CostAnomalyDetection',
          Effect: 'Allow',
          Principal: { Service: 'costalerts.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: this.topicArn,
          Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
        },
        {
          Sid: 'Budgets',
          Effect: 'Allow',
          Principal: { Service: 'budgets.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: this.topicArn,
          Condition: {
            StringEquals: { 'aws:SourceAccount': accountId },
            ArnLike: { 'aws:SourceArn': arn(region, 'budgets', '', accountId, '*') },
          },
        },
      ]),
    });
    this.subscriptions = (props.alerts ?? []).map(
      ({ protocol, endpoint }, i) =>
        new SnsTopicSubscription(this, `alert-${i}`, {
          topicArn: this.topic.arn,
          protocol,
          endpoint,
        }),
    );
  }
}
