// Baseline with the AWS SDK client the queue package needs, used directly.
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

const client = new SQSClient({});
export const handler = async (event: { body: string }) => {
  await client.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: event.body }));
  return { statusCode: 200 };
};
