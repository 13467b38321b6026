import type { Construct } from 'constructs';
import {
  ServiceStack,
  SettingsParameters,
  type ServiceStackConfig,
  ServiceFunction,
  Schedule,
  SqsConsumer,
  Queue,
  Table,
} from '@platform/constructs';
import { SALES_TABLE_KEYS, settings } from '@apps/reports';

/** The reports service (team insights) in one environment: one stack per environment, in the team's account. */
export default class ReportsStack extends ServiceStack {
  constructor(scope: Construct, id: string, config: ServiceStackConfig) {
    super(scope, id, config);
    // The parameters that have a default; each function gets read access with grantSettings.
    new SettingsParameters(this, 'settings', { declaration: settings.declaration });

    // Per-day sales counters and the day's report (apps/reports/src/adapters/salesTable.ts).
    const sales = new Table(this, 'sales', {
      partitionKey: { name: SALES_TABLE_KEYS.partitionKey },
      sortKey: { name: SALES_TABLE_KEYS.sortKey },
      timeToLiveAttribute: SALES_TABLE_KEYS.timeToLiveAttribute,
    });
    // Read by other teams' consumers. FIFO: in day order, and a copy of a day's report sent
    // within 5 minutes (a retried run) is dropped by its deduplication ID, the date.
    const dailyReports = new Queue(this, 'daily-reports', { fifo: true });

    const publishDailyReportFn = new ServiceFunction(this, 'publish-daily-report', {
      memorySize: 512,
      timeout: 60,
    });
    publishDailyReportFn.grantSettings(settings.declaration);
    // Reads the day's counters, saves the report once (conditional put) and marks it published.
    publishDailyReportFn.grantTable(sales, ['Query', 'GetItem', 'PutItem', 'UpdateItem']);
    publishDailyReportFn.grantSend(dailyReports);
    publishDailyReportFn.addEnvironment('TABLE_NAME', sales.tableName);
    publishDailyReportFn.addEnvironment('DAILY_REPORTS_QUEUE_URL', dailyReports.queueUrl);
    // Retries, then a DLQ for failed runs; alarms on the function. 00:15 UTC: the previous day is
    // over, and sales still queued at midnight have had 15 minutes to be counted.
    new Schedule(this, 'publish-daily-report-schedule', {
      target: publishDailyReportFn,
      expression: 'cron(15 0 * * ? *)',
    });

    const recordSaleFn = new ServiceFunction(this, 'record-sale', { memorySize: 256, timeout: 30 });
    recordSaleFn.grantSettings(settings.declaration);
    // One conditional UpdateItem per sale: the counters and the event ID that makes it count once.
    recordSaleFn.grantTable(sales, ['UpdateItem']);
    recordSaleFn.addEnvironment('TABLE_NAME', sales.tableName);
    // A queue with a DLQ (after 5 receives), alarms, and a visibility timeout of 6 x the function's.
    const recordSaleQueue = new SqsConsumer(this, 'record-sale-queue', {
      consumer: recordSaleFn,
      batchSize: 10,
    });
    // Orders' order.accepted events, from the commerce account's topic (stacks/topology.ts consumes).
    recordSaleQueue.subscribe('orders/order.accepted');
  }
}
