import { block } from '../StackView';
import type { Finding, GuardrailRule } from '../types';

export const FunctionTracing: GuardrailRule = {
  id: 'PLAT-LAMBDA-4',
  title: 'Every function has active X-Ray tracing',
  why: 'Without traces a slow or failing call across queues and APIs cannot be followed from one service to the next.',
  fix: 'Set tracing_config { mode = "Active" } and allow xray:PutTraceSegments and xray:PutTelemetryRecords (ServiceFunction does both).',
  check({ view }) {
    const findings: Finding[] = [];
    for (const fn of view.resources('aws_lambda_function')) {
      const mode = block(fn.config.tracing_config)?.mode;
      if (mode !== 'Active') {
        findings.push({
          address: fn.address,
          problem: `tracing_config.mode is ${mode === undefined ? 'not set (PassThrough)' : JSON.stringify(mode)}`,
          fix: 'set tracing_config { mode = "Active" } and allow xray:PutTraceSegments/PutTelemetryRecords (ServiceFunction does both)',
        });
      }
    }
    return findings;
  },
};
