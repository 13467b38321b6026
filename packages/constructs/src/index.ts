export { ServiceStack } from './ServiceStack';
export { ServiceFunction, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, DEFAULT_LOG_RETENTION_DAYS } from './ServiceFunction';
export type { ServiceFunctionProps } from './ServiceFunction';
export type { ServiceStackConfig } from './types';
export { ConstructConfigError } from './errors';
