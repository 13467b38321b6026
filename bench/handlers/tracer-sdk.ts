// bare-sqs-client.ts with AWS SDK subsegments: the client captured by Powertools Tracer (X-Ray), as its docs
// show. The Tracer also traces outgoing HTTP(S) requests by default (captureHTTPsRequests).
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Tracer } from '@aws-lambda-powertools/tracer';

const tracer = new Tracer();
const client = tracer.captureAWSv3Client(new SQSClient({}));
export const handler = async (event: { body: string }) => {
  await client.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: event.body }));
  return { statusCode: 200 };
};
