import type { StackViewLike, TfResource } from './types';

/** An SQS event source mapping, with the queue and the function it connects where they are in the stack. */
export interface Consumption {
  readonly mapping: TfResource;
  readonly queue?: TfResource;
  readonly fn?: TfResource;
}

export function sqsConsumptions(view: StackViewLike): Consumption[] {
  return view
    .resources('aws_lambda_event_source_mapping')
    .filter((m) => typeof m.config.event_source_arn === 'string' && /sqs/.test(m.config.event_source_arn))
    .map((mapping) => ({
      mapping,
      queue: view.referenced(mapping.config.event_source_arn, ['aws_sqs_queue']),
      fn: functionOf(view, mapping.config.function_name),
    }));
}

/** The aws_lambda_function behind a function name, ARN or alias reference. */
export function functionOf(view: StackViewLike, value: unknown): TfResource | undefined {
  const direct = view.referenced(value, ['aws_lambda_function']);
  if (direct) return direct;
  const alias = view.referenced(value, ['aws_lambda_alias']);
  if (alias) return functionOf(view, alias.config.function_name);
  if (typeof value !== 'string') return undefined;
  const name = value.startsWith('arn:') ? value.split(':')[6] : value;
  return view.resources('aws_lambda_function').find((f) => f.config.function_name === name);
}
