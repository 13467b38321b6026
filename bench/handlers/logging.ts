import { logger } from '@platform/logging';

export const handler = async (event: { body?: string }) => {
  logger.info('request', { size: event.body?.length ?? 0 });
  return { statusCode: 200 };
};
