export { PlatformStack, type PlatformStackOptions } from './PlatformStack';
export { ServiceStack } from './ServiceStack';
export { ServiceFunction } from './ServiceFunction';
export { LIVE_ALIAS } from './names';
export {
  DEFAULT_LOG_LEVEL,
  DEFAULT_LOG_RETENTION_DAYS,
  DEFAULT_MEMORY_MB,
  DEFAULT_TIMEOUT_S,
  type LogLevel,
  type ServiceFunctionProps,
} from './functionProps';
export { AsyncInvocation, DEFAULT_ASYNC_RETRY_ATTEMPTS, DEFAULT_MAX_EVENT_AGE_S } from './AsyncInvocation';
export {
  DEFAULT_CONCURRENCY_SHARE,
  DEFAULT_DURATION_SHARE,
  DEFAULT_ERROR_RATE,
  DEFAULT_ERROR_RATE_MINIMUM,
} from './FunctionAlarms';
export {
  DEFAULT_API_LATENCY_P99_MS,
  DEFAULT_API_SERVER_ERROR_MINIMUM,
  DEFAULT_API_SERVER_ERROR_RATE,
  type HttpApiAlarmOptions,
} from './apiAlarms';
export { PLATFORM_NAMESPACE } from './platformMetrics';
export { TrafficShifting, DEFAULT_DEPLOYMENT_CONFIG, MAX_ROLLBACK_ALARMS } from './TrafficShifting';
export {
  DEPLOYMENT_CONFIGS,
  type AsyncInvocationOptions,
  type DeploymentConfig,
  type FunctionAlarmOptions,
  type FunctionParts,
  type TrafficShiftingOptions,
} from './functionParts';
export {
  SqsConsumer,
  DEFAULT_BATCH_SIZE,
  DEFAULT_MAX_MESSAGE_AGE_S,
  DEFAULT_MAX_RECEIVE_COUNT,
  type SqsConsumerProps,
} from './SqsConsumer';
export { DEFAULT_QUEUE_RETENTION_S, DLQ_RETENTION_S } from './queues';
export { QueuePolicy, TLS_ONLY_SID, tlsOnlyStatement } from './QueuePolicy';
export type { PolicyStatement } from './iam';
export {
  Queue,
  DEFAULT_QUEUE_MAX_MESSAGE_AGE_S,
  DEFAULT_QUEUE_MAX_RECEIVE_COUNT,
  DEFAULT_QUEUE_VISIBILITY_S,
  type QueueProps,
} from './Queue';
export {
  Table,
  TABLE_NAME_LIMIT,
  type KeyType,
  type TableKey,
  type TableProps,
  type TableTarget,
} from './Table';
export {
  IdempotencyTable,
  IDEMPOTENCY_EXPIRY_ATTRIBUTE,
  IDEMPOTENCY_KEY_ATTRIBUTE,
  IDEMPOTENCY_TABLE_ACCESS,
  type IdempotencyTableProps,
} from './IdempotencyTable';
export {
  HttpApi,
  DEFAULT_THROTTLING_BURST,
  DEFAULT_THROTTLING_RATE,
  type HttpApiProps,
  type RouteOptions,
} from './HttpApi';
export {
  Schedule,
  DEFAULT_SCHEDULE_MAX_EVENT_AGE_S,
  DEFAULT_SCHEDULE_RETRY_ATTEMPTS,
  type ScheduleProps,
} from './Schedule';
export { SettingsParameters, type SettingsParametersProps } from './SettingsParameters';
export type { SettingsAccess, TableAccess, TableAction } from './grants';
export {
  DEPLOY_PERMISSIONS,
  type DeployTarget,
  type Grant,
  type ResourceTypePermissions,
} from './deployPermissions';
export {
  collectGuardrailReport,
  Guardrails,
  type GuardrailReportLevel,
  type GuardrailReportLine,
  type GuardrailsOptions,
} from './guardrails/Guardrails';
export { suppress, type SuppressOptions } from './guardrails/suppress';
export { acceptsOnlyAllResources, iamAction, isReadAction, type IamActionReference } from './iamReference';
export { RULES } from './guardrails/rules';
export type { Finding, GuardrailRule, RuleContext } from './guardrails/types';
export { ConstructConfigError, GuardrailViolationError } from './errors';
export {
  LOG_RETENTION_DAYS,
  type LogRetentionDays,
  type SendTarget,
  type AlertSubscription,
  type BootstrapStackConfig,
  type ServiceScope,
  type ConsumedStream,
  type PublishedStream,
  type RouteCall,
  type RouteCaller,
  type ServiceLinks,
  type ServiceStackConfig,
  type SettingsDeclaration,
} from './types';
