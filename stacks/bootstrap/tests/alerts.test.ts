import { type Json, resources, synth } from './helpers';

const topicPolicy = (json: Json) =>
  JSON.parse(resources(json, 'aws_sns_topic_policy')[0].policy).Statement as {
    Sid: string;
    Principal: Json;
    Condition: Json;
  }[];

describe('BootstrapStack: alerts that reach people', () => {
  it("subscribes each of the team's endpoints to the alarm topic", () => {
    const { json } = synth({
      alerts: [
        { protocol: 'email', endpoint: 'commerce-oncall@acme.example' },
        { protocol: 'https', endpoint: 'https://chat.acme.example/hooks/commerce' },
      ],
    });
    expect(
      resources(json, 'aws_sns_topic_subscription').map((s) => [s.protocol, s.endpoint, s.topic_arn]),
    ).toEqual([
      ['email', 'commerce-oncall@acme.example', '${aws_sns_topic.alarms_topic_CB6504A9.arn}'],
      ['https', 'https://chat.acme.example/hooks/commerce', '${aws_sns_topic.alarms_topic_CB6504A9.arn}'],
    ]);
  });

  it('watches cost anomalies per AWS service, with a daily digest to the email addresses', () => {
    const { json } = synth({ monthlyBudgetUsd: 250 });
    expect(resources(json, 'aws_ce_anomaly_monitor')).toEqual([
      { name: 'acme-commerce-dev-services', monitor_type: 'DIMENSIONAL', monitor_dimension: 'SERVICE' },
    ]);
    const [subscription] = resources(json, 'aws_ce_anomaly_subscription');
    expect(subscription).toMatchObject({
      name: 'acme-commerce-dev-daily',
      frequency: 'DAILY',
      monitor_arn_list: ['${aws_ce_anomaly_monitor.cost-anomalies_monitor_F9F5BE86.arn}'],
      subscriber: [{ type: 'EMAIL', address: 'commerce-oncall@acme.example' }],
      threshold_expression: {
        dimension: {
          key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE',
          match_options: ['GREATER_THAN_OR_EQUAL'],
          values: ['25'],
        },
      },
    });
  });

  it('sends anomalies to the alarm topic as found when the team has no email address, which the topic allows', () => {
    const { json } = synth({
      alerts: [{ protocol: 'https', endpoint: 'https://chat.acme.example/hooks/c' }],
    });
    expect(resources(json, 'aws_ce_anomaly_subscription')[0]).toMatchObject({
      name: 'acme-commerce-dev-immediate',
      frequency: 'IMMEDIATE',
      subscriber: [{ type: 'SNS', address: '${aws_sns_topic.alarms_topic_CB6504A9.arn}' }],
    });
    expect(topicPolicy(json).find((s) => s.Sid === 'CostAnomalyDetection')).toEqual({
      Sid: 'CostAnomalyDetection',
      Effect: 'Allow',
      Principal: { Service: 'costalerts.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: 'arn:aws:sns:eu-west-1:111111111111:acme-alarms',
      Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
    });
  });

  it('keeps cost anomaly detection in the first region only (Cost Explorer is global)', () => {
    const { json } = synth({ primary: false });
    expect(resources(json, 'aws_ce_anomaly_monitor')).toEqual([]);
    expect(resources(json, 'aws_sns_topic_subscription')).toHaveLength(1);
  });

  it('warns at synth when a team has no alert endpoint', () => {
    const { stack } = synth({ alerts: [] });
    expect(stack.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data)).toEqual([
      "bootstrap-commerce-dev: nobody is subscribed to the alarm topic acme-alarms: alarms, budget and cost alerts reach no one. Add alerts: [{ protocol: 'email', endpoint: '...' }] to the owning team in stacks/topology.ts.",
    ]);
    expect(synth().stack.node.metadata.filter((m) => m.type === '@cdktf/warn')).toEqual([]);
  });
});
