import type { StructuredLogger } from '@platform/logging';

/** The default logger: one JSON line per message on stderr, which Lambda ships to CloudWatch. */
export const consoleLogger: StructuredLogger = {
  warn(message, extra) {
    console.warn(JSON.stringify({ level: 'WARN', message, ...serialize(extra) }));
  },
};

function serialize(extra: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!extra) return {};
  return Object.fromEntries(
    Object.entries(extra).map(([key, value]) => [
      key,
      // Errors serialise to {} by default; keep what helps someone reading the log.
      value instanceof Error ? { name: value.name, message: value.message } : value,
    ]),
  );
}
