import { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { arn, partitionOf } from './arns';
import { type PolicyStatement, policyDocument } from './iam';
import type { ServiceStack } from './ServiceStack';
import type { PublishedStream } from './types';

/** What a function needs to publish to a topic: `fn.grantPublish(topic)`. */
export interface PublishTarget {
  readonly stream: string;
  readonly topicArn: string;
  readonly keyArn: string;
  readonly node: { readonly id: string };
  /** Lets this role publish: the topic policy denies every other principal. */
  allowPublisher(roleArn: string): void;
}

/** The actions the account itself keeps on the key (no `kms:*`: PLAT-IAM-1), so IAM policies can grant use. */
const KEY_ACCOUNT_ACTIONS = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
];

/**
 * The SNS topic of one event stream the service publishes (declared in the topology's
 * `publishes`); `ServiceStack` creates one per declared stream, get it with `stack.eventTopic(stream)`.
 *
 * - Encrypted with a customer managed key of its own, rotated yearly. Not the AWS-managed `aws/sns`
 *   key: its policy cannot be changed, and SNS could not use it to deliver to other accounts' queues.
 *   The key policy lets the account grant its use through IAM (publishers get it with `grantPublish`)
 *   and lets SNS use it for this topic only; consumers need nothing: SNS decrypts before it delivers,
 *   and their queues encrypt with their own SQS-managed keys.
 * - Its policy lets exactly the consuming accounts of the topology subscribe, only SQS queues named
 *   after their service (`sns:Endpoint`), and denies `sns:Publish` to every principal but the roles
 *   of the functions granted with `fn.grantPublish(topic)`.
 */
export class EventTopic extends Construct implements PublishTarget {
  readonly stream: string;
  readonly topic: SnsTopic;
  readonly key: KmsKey;
  readonly policy: SnsTopicPolicy;
  readonly topicName: string;
  readonly topicArn: string;
  private readonly publishers: string[] = [];
  private readonly consumers: PublishedStream['consumers'];
  private readonly partition: string;

  constructor(stack: ServiceStack, id: string, declared: PublishedStream) {
    super(stack, id);
    const { accountId, region } = stack.config;
    this.stream = declared.stream;
    this.topicName = declared.topicName;
    this.consumers = declared.consumers;
    this.partition = partitionOf(region);
    // Computed, not the resource's reference: consumers compute the same ARN from the topology.
    this.topicArn = arn({ accountId, region }, 'sns', declared.topicName);
    const root = `arn:${this.partition}:iam::${accountId}:root`;
    this.key = new KmsKey(this, 'key', {
      description: `Encrypts the ${declared.stream} events of ${declared.topicName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyDocument([
        {
          Sid: 'AccountManagesAndGrantsUse',
          Effect: 'Allow',
          Principal: { AWS: root },
          Action: KEY_ACCOUNT_ACTIONS,
          Resource: '*',
        },
        {
          Sid: 'SnsEncryptsAndDeliversThisTopic',
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          Resource: '*',
          Condition: { ArnEquals: { 'aws:SourceArn': this.topicArn } },
        },
      ]),
    });
    this.topic = new SnsTopic(this, 'topic', {
      name: declared.topicName,
      kmsMasterKeyId: this.key.arn,
    });
    this.policy = new SnsTopicPolicy(this, 'policy', { arn: this.topic.arn, policy: this.document() });
  }

  get keyArn(): string {
    return this.key.arn;
  }

  allowPublisher(roleArn: string): void {
    if (this.publishers.includes(roleArn)) return;
    this.publishers.push(roleArn);
    this.policy.policy = this.document();
  }

  private document(): string {
    const statements: PolicyStatement[] = [];
    if (this.consumers.length > 0) {
      statements.push({
        Sid: 'ConsumersSubscribeTheirQueues',
        Effect: 'Allow',
        Principal: { AWS: this.consumers.map((c) => `arn:${this.partition}:iam::${c.accountId}:root`) },
        Action: 'sns:Subscribe',
        Resource: this.topicArn,
        Condition: {
          StringEquals: { 'sns:Protocol': 'sqs' },
          ArnLike: { 'sns:Endpoint': this.consumers.map((c) => c.queueArnPattern) },
        },
      });
    }
    statements.push({
      Sid: 'OnlyGrantedFunctionsPublish',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'sns:Publish',
      Resource: this.topicArn,
      // A condition, not a principal list: the roles need not exist when the policy is set.
      ...(this.publishers.length > 0
        ? { Condition: { StringNotEquals: { 'aws:PrincipalArn': [...this.publishers] } } }
        : {}),
    });
    return policyDocument(statements);
  }
}
