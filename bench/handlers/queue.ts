import { sendMessages } from '@platform/queue';

export const handler = async (event: { body: string }) => {
  const { failed } = await sendMessages(process.env.QUEUE_URL ?? '', [{ body: event.body }]);
  return { statusCode: failed.length === 0 ? 200 : 500 };
};
