import { scheduleHandler } from '@platform/lambda';

export const handler = scheduleHandler({ handle: ({ id }) => id });
