export { logger, type StructuredLogger } from './logger';
export { getCorrelationId } from './getCorrelationId';
export { runWithCorrelationId } from './runWithCorrelationId';
export { runWithLogKeys } from './runWithLogKeys';
export { correlationIdFromEvent } from './correlationIdFromEvent';
export { resolveCorrelationId } from './resolveCorrelationId';
export { applyLogSettings, getLogSettings } from './applyLogSettings';
export { startInvocation } from './startInvocation';
export type { StartInvocationOptions } from './startInvocation';
export { redactSecrets, isSecretKey } from './redactSecrets';
export { PlatformLogFormatter } from './PlatformLogFormatter';
export {
  CORRELATION_ID_ATTRIBUTE,
  CORRELATION_ID_HEADER,
  CORRELATION_ID_LOG_KEY,
  REDACTED,
} from './constants';
export type { ActiveLogSettings, LogLevelName, LogSettings } from './types';
