import { z } from 'zod';

/*
 * The CloudWatch Embedded Metric Format specification, as a validator for the lines the wrappers write
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * the `_aws` metadata object with a millisecond Timestamp and the CloudWatchMetrics directives; each
 * directive's Namespace, Dimensions (sets of at most 30 keys) and Metrics (at most 100 definitions, each a
 * Name and a CloudWatch Unit); and the root members they reference: a string per dimension key, a number
 * (or up to 100 numbers) per metric name.
 */

const UNITS = [
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
] as const;

const MetricDefinition = z.strictObject({
  Name: z.string().min(1).max(1024),
  Unit: z.enum(UNITS).optional(),
  StorageResolution: z.union([z.literal(1), z.literal(60)]).optional(),
});

const MetricDirective = z.strictObject({
  Namespace: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[^:].*$/),
  Dimensions: z.array(z.array(z.string().min(1)).max(30)),
  Metrics: z.array(MetricDefinition).max(100),
});

const Metadata = z.object({
  Timestamp: z.number().int().nonnegative(),
  CloudWatchMetrics: z.array(MetricDirective).min(1),
});

/** The problems of `line` against the specification; empty when it is a valid EMF event. */
export function emfProblems(line: Record<string, unknown>): string[] {
  const metadata = Metadata.safeParse(line._aws);
  if (!metadata.success) {
    return metadata.error.issues.map((issue) => `_aws.${issue.path.join('.')}: ${issue.message}`);
  }
  const problems: string[] = [];
  for (const directive of metadata.data.CloudWatchMetrics) {
    for (const key of directive.Dimensions.flat()) {
      const value = line[key];
      if (typeof value !== 'string' || value.length === 0 || value.length > 1024) {
        problems.push(
          `dimension "${key}" is not a string of 1-1024 characters at the root: ${String(value)}`,
        );
      }
    }
    for (const { Name } of directive.Metrics) {
      const value = line[Name];
      const valid =
        (typeof value === 'number' && Number.isFinite(value)) ||
        (Array.isArray(value) &&
          value.length <= 100 &&
          value.every((v) => typeof v === 'number' && Number.isFinite(v)));
      if (!valid)
        problems.push(`metric "${Name}" has no numeric value at the root: ${JSON.stringify(value)}`);
    }
  }
  return problems;
}
