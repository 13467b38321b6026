import { LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { CORRELATION_ID_LOG_KEY } from './constants';
import { levelState } from './levelState';
import { currentScope } from './logScope';

/**
 * The platform's log line: Powertools' keys plus `environment`, `function_version` and the correlation ID
 * and keys of the current async scope (read at format time, so concurrent records each get their own).
 * Leaves out `function_arn` and `function_memory_size`, which repeat on every line and are in the log group.
 */
export class PlatformLogFormatter extends LogFormatter {
  override formatAttributes(
    attributes: UnformattedAttributes,
    additionalLogAttributes: LogAttributes,
  ): LogItem {
    const context = attributes.lambdaContext;
    const scope = currentScope();
    const item = new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: attributes.message,
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        environment: attributes.environment,
        function_name: context?.functionName,
        function_version: context?.functionVersion,
        function_request_id: context?.awsRequestId,
        cold_start: context?.coldStart,
        [CORRELATION_ID_LOG_KEY]: scope?.correlationId,
        sampling_rate: levelState.sampleRate > 0 ? levelState.sampleRate : undefined,
        xray_trace_id: attributes.xRayTraceId,
      },
    });
    if (scope && Object.keys(scope.keys).length > 0) item.addAttributes(scope.keys);
    return item.addAttributes(additionalLogAttributes);
  }
}
