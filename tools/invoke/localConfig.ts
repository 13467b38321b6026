import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { LocalConfig } from './localServices';

const SHAPE =
  'local.json holds { "settings": { "<name>": "<value>" }, "environment": { "<VARIABLE>": "<value>" } }';

/**
 * apps/<service>/local.json, checked: a mistake names the file, where in it, and the fix, instead
 * of surfacing later as a function that cannot find its settings. Missing file: `{}`.
 */
export function readLocalConfig(file: string): LocalConfig {
  if (!existsSync(file)) return {};
  const name = relative(process.cwd(), file) || file;
  const text = readFileSync(file, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const where = at ? ` (${lineAndColumn(text, Number(at[1]))})` : '';
    throw new LocalConfigError(
      `${name} is not valid JSON${where}: ${message}. Fix the syntax (double-quoted names and values, ` +
        `no trailing comma); ${SHAPE}.`,
    );
  }
  checkLocalConfig(name, value);
  return value;
}

export class LocalConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalConfigError';
  }
}

function checkLocalConfig(name: string, value: unknown): asserts value is LocalConfig {
  const fail = (path: string, problem: string, fix: string) =>
    new LocalConfigError(`${name}: ${path} ${problem}. ${fix}`);
  if (!isObject(value)) throw fail('the top level', `is ${describe(value)}, not an object`, `${SHAPE}.`);
  for (const key of Object.keys(value)) {
    if (key !== 'settings' && key !== 'environment')
      throw fail(`"${key}"`, 'is not a known key', `Remove it or move it under "environment"; ${SHAPE}.`);
  }
  for (const section of ['settings', 'environment'] as const) {
    const entries = value[section];
    if (entries === undefined) continue;
    if (!isObject(entries))
      throw fail(
        section,
        `is ${describe(entries)}, not an object`,
        `Write ${section}: { "<name>": "<value>" }.`,
      );
    for (const [key, entry] of Object.entries(entries)) {
      const path = `${section}.${key}`;
      // Settings take numbers, booleans and objects too (the settings package turns them into text).
      if (section === 'settings' && entry !== null) continue;
      if (typeof entry !== 'string') {
        throw fail(
          path,
          `is ${describe(entry)}`,
          section === 'settings'
            ? 'Give the setting a value, e.g. "20", or remove it.'
            : `Lambda environment values are strings: write ${JSON.stringify(
                typeof entry === 'object' ? JSON.stringify(entry) : String(entry),
              )}.`,
        );
      }
      checkStandIn(path, entry, fail);
    }
  }
}

function checkStandIn(
  path: string,
  entry: string,
  fail: (path: string, problem: string, fix: string) => Error,
): void {
  const [, kind, target] = /^(sqs|sns|dynamodb|http-stub):(.*)$/.exec(entry) ?? [];
  if (!kind) return;
  const parts = target!.split(':');
  const valid =
    kind === 'dynamodb'
      ? parts.length <= 3 && parts.every((part) => part.trim() !== '')
      : target!.trim() !== '';
  if (!valid) {
    const forms = {
      sqs: '"sqs:<queue name>"',
      sns: '"sns:<topic name>"',
      dynamodb: '"dynamodb:<table>[:<partition key>[:<sort key>]]"',
      'http-stub': '"http-stub:<file relative to the app>"',
    } as const;
    throw fail(path, `is "${entry}"`, `Write ${forms[kind as keyof typeof forms]}.`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `${JSON.stringify(value)} (a ${typeof value})`;
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`;
}
