import { sqsHandler } from '@platform/lambda';

export const handler = sqsHandler({ handle: () => undefined });
