import type { Finding, GuardrailRule } from '../types';

export const LogGroupRetention: GuardrailRule = {
  id: 'PLAT-LOGS-1',
  title: 'Every log group has a retention period',
  why: 'Log groups keep data forever by default: growing cost, and personal data kept longer than allowed.',
  fix: 'Set retention_in_days (ServiceFunction: logRetentionDays, default 30).',
  check({ view }) {
    const findings: Finding[] = [];
    for (const group of view.resources('aws_cloudwatch_log_group')) {
      if (Number(group.config.retention_in_days) > 0) continue;
      findings.push({
        address: group.address,
        problem: `retention_in_days is ${group.config.retention_in_days === undefined ? 'not set' : String(group.config.retention_in_days)} (logs kept forever)`,
        fix: 'set retention_in_days (the platform default is 30)',
      });
    }
    return findings;
  },
};
