import { block } from '../StackView';
import type { Finding, GuardrailRule } from '../types';

export const FunctionLogGroup: GuardrailRule = {
  id: 'PLAT-LAMBDA-2',
  title: 'Every function has a log group with retention',
  why: 'Without a log group in the stack, Lambda creates one that keeps logs forever (cost, data retention) and is not deleted with the stack.',
  fix: 'Use ServiceFunction, or add an aws_cloudwatch_log_group with retention_in_days and point logging_config.log_group at it.',
  check({ view }) {
    const findings: Finding[] = [];
    const groups = view.resources('aws_cloudwatch_log_group');
    for (const fn of view.resources('aws_lambda_function')) {
      const configured = block(fn.config.logging_config)?.log_group;
      const group =
        view.referenced(configured, ['aws_cloudwatch_log_group']) ??
        groups.find((g) => g.config.name === (configured ?? `/aws/lambda/${fn.config.function_name}`));
      if (!group) {
        findings.push({
          address: fn.address,
          problem: `no log group in the stack for its logs (${String(configured ?? `/aws/lambda/${fn.config.function_name}`)})`,
          fix: 'use ServiceFunction, or add an aws_cloudwatch_log_group and set logging_config.log_group to it',
        });
      } else if (!(Number(group.config.retention_in_days) > 0)) {
        findings.push({
          address: fn.address,
          problem: `its log group ${group.address} keeps logs forever (no retention_in_days)`,
          fix: 'set retention_in_days on the log group (ServiceFunction: logRetentionDays, default 30)',
        });
      }
    }
    return findings;
  },
};
