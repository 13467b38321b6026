import type { QueueLogger } from './types';

/** The default logger: one JSON line per message on stderr, which Lambda ships to CloudWatch. */
export const consoleLogger: QueueLogger = {
  warn(message, extra) {
    console.warn(JSON.stringify({ level: 'WARN', message, ...extra }));
  },
};
