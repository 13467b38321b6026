import type { PublishBatchCommand } from '@aws-sdk/client-sns';
import { publishEvents } from '../../src/publishEvents';
import { sendMessages } from '../../src/sendMessages';
import { getSnsClient } from '../../src/snsClient';
import { getSqsClient } from '../../src/sqsClient';
import { fakeSqs, QUEUE } from '../fixtures';

jest.mock('../../src/sqsClient', () => ({ getSqsClient: jest.fn(), resetSqsClients: jest.fn() }));
jest.mock('../../src/snsClient', () => ({ getSnsClient: jest.fn(), resetSnsClients: jest.fn() }));

const TOPIC = 'arn:aws:sns:eu-west-1:111111111111:orders-dev-order-accepted';

describe('The shared client, when no client is passed', () => {
  it('sendMessages sends with the SQS client of the endpoint and region given', async () => {
    const sqs = fakeSqs();
    jest.mocked(getSqsClient).mockResolvedValue(sqs.client as never);

    const result = await sendMessages(QUEUE, [{ body: 'x' }], {
      endpoint: 'http://127.0.0.1:9324',
      region: 'eu-west-1',
    });

    expect(getSqsClient).toHaveBeenCalledWith({ endpoint: 'http://127.0.0.1:9324', region: 'eu-west-1' });
    expect(result.sent).toEqual([{ id: '0', index: 0, messageId: 'mid-0' }]);
  });

  it('publishEvents publishes with the SNS client of the endpoint and region given', async () => {
    const send = jest.fn(async (command: PublishBatchCommand) => ({
      Successful: [{ Id: command.input.PublishBatchRequestEntries?.[0]?.Id, MessageId: 'sns-0' }],
      Failed: [],
      $metadata: {},
    }));
    jest.mocked(getSnsClient).mockResolvedValue({ send } as never);

    const result = await publishEvents('order.accepted', [{ body: 'x' }], {
      topicArn: TOPIC,
      endpoint: 'http://127.0.0.1:9911',
      region: 'eu-west-1',
    });

    expect(getSnsClient).toHaveBeenCalledWith({ endpoint: 'http://127.0.0.1:9911', region: 'eu-west-1' });
    expect(result.sent).toEqual([{ id: '0', index: 0, messageId: 'sns-0' }]);
  });
});
