import type { Construct } from 'constructs';
import {
  ServiceStack,
  SettingsParameters,
  type ServiceStackConfig,
  ServiceFunction,
  Schedule,
  SqsConsumer,
} from '@platform/constructs';
import { settings } from '@apps/reports';

/** The reports service (team insights) in one environment: one stack per environment, in the team's account. */
export default class ReportsStack extends ServiceStack {
  constructor(scope: Construct, id: string, config: ServiceStackConfig) {
    super(scope, id, config);
    // The parameters that have a default; each function gets read access with grantSettings.
    new SettingsParameters(this, 'settings', { declaration: settings.declaration });

    const publishDailyReportFn = new ServiceFunction(this, 'publish-daily-report', {
      memorySize: 512,
      timeout: 60,
    });
    publishDailyReportFn.grantSettings(settings.declaration);
    // Retries, then a DLQ for failed runs; alarms on the function.
    new Schedule(this, 'publish-daily-report-schedule', {
      target: publishDailyReportFn,
      expression: 'cron(15 0 * * ? *)',
    });

    const recordSaleFn = new ServiceFunction(this, 'record-sale', { memorySize: 256, timeout: 30 });
    recordSaleFn.grantSettings(settings.declaration);
    // A queue with a DLQ (after 5 receives), alarms, and a visibility timeout of 6 x the function's.
    new SqsConsumer(this, 'record-sale-queue', { consumer: recordSaleFn, batchSize: 10 });
  }
}
