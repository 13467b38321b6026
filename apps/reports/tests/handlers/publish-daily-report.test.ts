import { captureLogs, createLambdaContext, eventBridgeEvent, type LogCapture } from '@platform/test-helpers';
import { handler } from '../../src/handlers/publish-daily-report';

const context = createLambdaContext({ functionName: 'reports-test-publish-daily-report' });

describe('publish-daily-report handler (EventBridge schedule)', () => {
  let logs: LogCapture;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => logs.restore());

  it("runs the job for the period before a real scheduled event's time", async () => {
    const event = eventBridgeEvent('eventbridge-scheduled.lambda-docs');
    const hour = new Date(event.time);
    hour.setUTCMinutes(0, 0, 0);
    const response = await handler(event, context);
    expect(response).toMatchObject({ status: 'success', data: { periodEnd: hour.toISOString() } });
  });

  it('rethrows a failed run so that Lambda retries it and then dead-letters it', async () => {
    const event = { ...eventBridgeEvent('eventbridge-scheduled.lambda-docs'), time: 'not a date' };
    await expect(handler(event, context)).rejects.toThrow();
    expect(logs.lines.some((line) => line.level === 'ERROR')).toBe(true);
  });
});
