import {
  buildSqsEvent,
  captureLogs,
  createLambdaContext,
  sqsEvent,
  type LogCapture,
} from '@platform/test-helpers';
import { handler } from '../../src/handlers/record-sale';

const context = createLambdaContext({ functionName: 'reports-test-record-sale' });
const failedIds = (result: { batchItemFailures: { itemIdentifier: string }[] }) =>
  result.batchItemFailures.map((f) => f.itemIdentifier).sort();

describe('record-sale handler (SQS)', () => {
  let logs: LogCapture;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => logs.restore());

  it('processes a batch of valid messages with no failures', async () => {
    const event = buildSqsEvent([
      { messageId: 'a', body: { id: 'm-1', quantity: 1 } },
      { messageId: 'b', body: { id: 'm-2', quantity: 2 } },
    ]);
    await expect(handler(event, context)).resolves.toEqual({ batchItemFailures: [] });
  });

  it('reports only the bad records: malformed JSON, a schema failure, a domain failure', async () => {
    const event = buildSqsEvent([
      { messageId: 'good', body: { id: 'm-1', quantity: 1 } },
      { messageId: 'not-json', body: '{"id":' },
      { messageId: 'invalid', body: { id: 'm-3', quantity: 0 } },
      { messageId: 'too-big', body: { id: 'm-4', quantity: 1_000_000 } },
    ]);
    const result = await handler(event, context);
    expect(failedIds(result)).toEqual(['invalid', 'not-json', 'too-big']);
  });

  it('gives each record the correlation ID it was sent with', async () => {
    const event = buildSqsEvent([
      { messageId: 'a', body: { id: 'm-1', quantity: 1 }, correlationId: 'corr-a' },
    ]);
    await handler(event, context);
    expect(logs.lines.some((line) => line.correlation_id === 'corr-a')).toBe(true);
  });

  it('fails the records of a real SQS sample whose bodies are not its messages, without crashing the batch', async () => {
    const event = sqsEvent('sqs-standard-batch.powertools-ts');
    const result = await handler(event, context);
    expect(failedIds(result)).toEqual(event.Records.map((r) => r.messageId).sort());
  });
});
