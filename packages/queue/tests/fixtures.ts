import type {
  SendMessageBatchCommand,
  SendMessageBatchCommandOutput,
  SendMessageBatchRequestEntry,
  BatchResultErrorEntry,
} from '@aws-sdk/client-sqs';
import type { SqsSender } from '../src';

export type BatchReply = (
  entries: SendMessageBatchRequestEntry[],
  call: number,
) => Partial<Pick<SendMessageBatchCommandOutput, 'Successful' | 'Failed'>> | Error;

/** A client that records every batch and answers through `reply` (default: all entries succeed). */
export function fakeSqs(reply: BatchReply = () => ({})) {
  const batches: SendMessageBatchRequestEntry[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const client: SqsSender & { send: jest.Mock } = {
    send: jest.fn(async (command: SendMessageBatchCommand): Promise<SendMessageBatchCommandOutput> => {
      const entries = command.input.Entries ?? [];
      batches.push(entries);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      const answer = reply(entries, batches.length);
      if (answer instanceof Error) throw answer;
      const failed = answer.Failed ?? [];
      const failedIds = new Set(failed.map((f) => f.Id));
      return {
        Successful:
          answer.Successful ??
          entries
            .filter((e) => !failedIds.has(e.Id))
            .map((e) => ({ Id: e.Id, MessageId: `mid-${e.Id}`, MD5OfMessageBody: 'x' })),
        Failed: failed,
        $metadata: {},
      };
    }),
  };
  return { client, batches, maxInFlight: () => maxInFlight };
}

export function failEntry(
  id: string | undefined,
  senderFault: boolean,
  code = 'InternalError',
): BatchResultErrorEntry {
  return { Id: id, SenderFault: senderFault, Code: code, Message: `${code} for ${id}` };
}

/** An SDK-shaped service error. */
export function serviceError(name: string, fault: 'client' | 'server'): Error {
  return Object.assign(new Error(`${name} happened`), { name, $fault: fault, $metadata: {} });
}

export const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders';
export const FIFO_QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders.fifo';

export const noWait = { sleep: async () => undefined, logger: { warn: jest.fn() } };
