import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import { CeAnomalyMonitor } from '@cdktf/provider-aws/lib/ce-anomaly-monitor';
import { CeAnomalySubscription } from '@cdktf/provider-aws/lib/ce-anomaly-subscription';

export interface CostAnomalyAlertsProps {
  /** `<organization>-<account>`: names the monitor and its subscription. */
  readonly name: string;
  /** Email addresses of the owning team: the daily digest goes to them. */
  readonly emails: readonly string[];
  /** The alarm topic: with no email address, anomalies are published there as they are found. */
  readonly topicArn: string;
  /** An anomaly is reported when its total impact reaches this many US dollars. */
  readonly thresholdUsd: number;
  /** The topic policy that lets Cost Anomaly Detection publish. */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * AWS Cost Anomaly Detection for the account, next to its monthly budget: a budget tells at 80 % of
 * the month's money, an anomaly monitor tells the day a service's spend jumps (a runaway retry loop,
 * a forgotten load test). One dimensional monitor per AWS service; a daily digest to the team's email
 * addresses, or, with none, each anomaly on the alarm topic (AWS allows SNS subscribers only for
 * IMMEDIATE subscriptions).
 *
 * An account allows one SERVICE monitor: if it already has one (AWS creates "Default-Services-Monitor"
 * in some accounts), import it before the first apply (README "Bootstrapping an account").
 */
export class CostAnomalyAlerts extends Construct {
  readonly monitor: CeAnomalyMonitor;
  readonly subscription: CeAnomalySubscription;

  constructor(scope: Construct, id: string, props: CostAnomalyAlertsProps) {
    super(scope, id);
    this.monitor = new CeAnomalyMonitor(this, 'monitor', {
      name: `${props.name}-services`,
      monitorType: 'DIMENSIONAL',
      monitorDimension: 'SERVICE',
    });
    const daily = props.emails.length > 0;
    this.subscription = new CeAnomalySubscription(this, 'subscription', {
      name: `${props.name}-${daily ? 'daily' : 'immediate'}`,
      frequency: daily ? 'DAILY' : 'IMMEDIATE',
      monitorArnList: [this.monitor.arn],
      subscriber: daily
        ? props.emails.map((address) => ({ type: 'EMAIL', address }))
        : [{ type: 'SNS', address: props.topicArn }],
      thresholdExpression: {
        dimension: {
          key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE',
          matchOptions: ['GREATER_THAN_OR_EQUAL'],
          values: [String(props.thresholdUsd)],
        },
      },
      dependsOn: props.dependsOn,
    });
  }
}
