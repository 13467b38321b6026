import type { Construct } from 'constructs';
import {
  HttpApi,
  IDEMPOTENCY_TABLE_ACCESS,
  IdempotencyTable,
  Queue,
  ServiceFunction,
  ServiceStack,
  SettingsParameters,
  SqsConsumer,
  type ServiceStackConfig,
} from '@platform/constructs';
import { settings } from '@apps/orders';

/** The pricing team's API per environment; its key is the `orders/pricing-api-key` secret. */
const PRICING_API_URLS = {
  dev: 'https://pricing.dev.acme.example/v1',
  staging: 'https://pricing.staging.acme.example/v1',
  prod: 'https://pricing.acme.example/v1',
};

/** The orders service (team commerce) in one environment: one stack per environment, in the team's account. */
export default class OrdersStack extends ServiceStack {
  constructor(scope: Construct, id: string, config: ServiceStackConfig) {
    super(scope, id, config);
    // The parameters that have a default; each function gets read access with grantSettings.
    new SettingsParameters(this, 'settings', { declaration: settings.declaration });

    const createOrderFn = new ServiceFunction(this, 'create-order', { memorySize: 256, timeout: 10 });
    createOrderFn.grantSettings(settings.declaration);
    // AWS_IAM on every route: callers sign their requests (zero trust).
    const api = new HttpApi(this, 'api');
    api.addRoute('POST /orders', { function: createOrderFn });

    const processOrdersFn = new ServiceFunction(this, 'process-orders', { memorySize: 256, timeout: 30 });
    processOrdersFn.grantSettings(settings.declaration);
    // A queue with a DLQ (after 5 receives), alarms, and a visibility timeout of 6 x the function's.
    // At most 5 batches at once: the pricing API and the downstream consumers set the pace.
    const orders = new SqsConsumer(this, 'orders', {
      consumer: processOrdersFn,
      batchSize: 10,
      maxConcurrency: 5,
    });
    createOrderFn.grantSend(orders);
    createOrderFn.addEnvironment('ORDERS_QUEUE_URL', orders.queueUrl);

    // Where order.accepted / order.rejected go for consumers outside the platform's stacks (workers, exports).
    const orderEvents = new Queue(this, 'order-events');
    processOrdersFn.grantSend(orderEvents);
    processOrdersFn.addEnvironment('ORDER_EVENTS_QUEUE_URL', orderEvents.queueUrl);
    // The order.accepted stream (stacks/topology.ts): an encrypted topic that the consuming services'
    // accounts subscribe their queues to (reports' record-sale); only process-orders may publish.
    processOrdersFn.grantPublish(this.eventTopic('order.accepted'));

    // Powertools idempotency records: process-orders does an order's work once per order ID.
    const idempotency = new IdempotencyTable(this, 'idempotency');
    processOrdersFn.grantTable(idempotency, IDEMPOTENCY_TABLE_ACCESS);
    processOrdersFn.addEnvironment('IDEMPOTENCY_TABLE_NAME', idempotency.tableName);
    // No fallback: a new environment must name its pricing API here.
    processOrdersFn.addEnvironment('PRICING_API_URL', this.byEnvironment(PRICING_API_URLS));
  }
}
