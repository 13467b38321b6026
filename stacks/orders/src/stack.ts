import type { Construct } from 'constructs';
import { ServiceFunction, ServiceStack, type ServiceStackConfig } from '@platform/constructs';

/** The orders service in one environment. */
export default class OrdersStack extends ServiceStack {
  constructor(scope: Construct, id: string, config: ServiceStackConfig) {
    super(scope, id, config);
    new ServiceFunction(this, 'create-order', { memorySize: 256, timeout: 10 });
  }
}
