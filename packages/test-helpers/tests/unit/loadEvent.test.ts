import {
  apiGatewayV1Event,
  apiGatewayV2Event,
  eventBridgeEvent,
  loadEvent,
  snsEvent,
  sqsEvent,
} from '../../src/loadEvent';

describe('Function: loadEvent', () => {
  it('loads each kind of sample event with its real shape', () => {
    expect(sqsEvent().Records).toHaveLength(2);
    expect(sqsEvent('sqs-fifo-batch.derived-from-lambda-docs').Records[0]!.attributes.MessageGroupId).toBe(
      'order-1001',
    );
    expect(apiGatewayV1Event().httpMethod).toBe('POST');
    expect(apiGatewayV2Event().version).toBe('2.0');
    expect(eventBridgeEvent()['detail-type']).toBe('Scheduled Event');
    expect(snsEvent().Records[0]!.Sns.Message).toBe('Hello from SNS!');
    expect(loadEvent<{ version: string }>('eventbridge-scheduled.sam-rendered').version).toBe('0');
  });

  it('returns a fresh copy on every call, so tests can change events freely', () => {
    const changed = sqsEvent();
    changed.Records[0]!.body = 'changed';

    expect(sqsEvent().Records[0]!.body).toBe('Test message.');
  });
});
