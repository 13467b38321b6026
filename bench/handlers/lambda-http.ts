import { httpHandler } from '@platform/lambda';

// The bare handler's job through the wrapper: the parsed body comes back as `data` of the standard response.
export const handler = httpHandler({ handle: ({ body }) => body ?? null });
