export type { BootstrapStackConfig, ServiceScope } from '@platform/constructs';
