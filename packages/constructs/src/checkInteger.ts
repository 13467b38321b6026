import { invalidRange, notAnInteger } from './errors';

/** An optional whole number within [min, max]. */
export function checkInteger(
  construct: string,
  field: string,
  value: number | undefined,
  min: number,
  max: number,
  unit: string,
): void {
  if (value === undefined) return;
  if (!Number.isInteger(value)) throw notAnInteger(construct, field, value);
  if (value < min || value > max) throw invalidRange(construct, field, value, min, max, unit);
}
