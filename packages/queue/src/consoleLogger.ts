import type { StructuredLogger } from '@platform/logging';

/** The default logger: one JSON line per message on stderr, which Lambda ships to CloudWatch. */
export const consoleLogger: StructuredLogger = {
  warn(message, extra) {
    console.warn(JSON.stringify({ level: 'WARN', message, ...extra }));
  },
};
