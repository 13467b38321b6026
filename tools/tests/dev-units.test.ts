import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHttpResponse } from '../dev/httpEvent';
import { routeMatcher } from '../dev/routeMatcher';
import { nextFireTime, toCronParser } from '../dev/scheduleExpression';
import { readLocalConfig } from '../invoke/localConfig';

/* The parts of npm run dev that decide without running anything: matching routes, mapping
 * responses, schedule times, checking local.json. The end-to-end tests cover the rest. */
const dir = mkdtempSync(join(tmpdir(), 'dev-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Function: routeMatcher', () => {
  const match = routeMatcher([
    { routeKey: '$default', authorization: 'NONE', functionId: 'fallback' },
    { routeKey: 'ANY /{proxy+}', authorization: 'NONE', functionId: 'proxy' },
    { routeKey: 'GET /orders/{id}', authorization: 'AWS_IAM', functionId: 'get-order' },
    { routeKey: 'GET /orders/latest', authorization: 'AWS_IAM', functionId: 'latest' },
    { routeKey: 'POST /orders', authorization: 'AWS_IAM', functionId: 'create' },
  ]);

  it('prefers a literal path, then a parameter, then a greedy one, then $default', () => {
    expect(match('GET', '/orders/latest')?.route.functionId).toBe('latest');
    expect(match('GET', '/orders/o-1')).toMatchObject({
      routeKey: 'GET /orders/{id}',
      pathParameters: { id: 'o-1' },
    });
    expect(match('DELETE', '/orders/o-1')).toMatchObject({
      routeKey: 'ANY /{proxy+}',
      pathParameters: { proxy: 'orders/o-1' },
    });
    expect(match('POST', '/orders')?.route.functionId).toBe('create');
    expect(match('GET', '/')?.route.functionId).toBe('fallback');
  });

  it('matches no route when there is no $default', () => {
    expect(
      routeMatcher([{ routeKey: 'POST /orders', authorization: 'NONE', functionId: 'create' }])(
        'GET',
        '/orders',
      ),
    ).toBeUndefined();
  });
});

describe('Function: toHttpResponse', () => {
  it('passes a full response through, decoding a base64 body', () => {
    const result = toHttpResponse({
      statusCode: 201,
      headers: { 'Content-Type': 'text/plain' },
      cookies: ['a=1'],
      body: Buffer.from('made').toString('base64'),
      isBase64Encoded: true,
    });
    expect(result).toEqual({
      status: 201,
      headers: { 'content-type': 'text/plain', 'set-cookie': ['a=1'] },
      body: Buffer.from('made'),
    });
  });

  it('answers 200 with the JSON of a result that has no statusCode, as API Gateway does', () => {
    expect(toHttpResponse({ ok: true })).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{"ok":true}'),
    });
  });
});

describe('Function: nextFireTime', () => {
  const now = new Date('2026-12-02T07:50:00Z');

  it('reads AWS cron: six fields, ? for any day, Sunday = 1', () => {
    expect(toCronParser('15 0 * * ? *')).toBe('15 0 * * *');
    expect(toCronParser('0 10 ? * 2-6 *')).toBe('0 10 * * 1-5');
    expect(toCronParser('0 10 ? * 2#3 *')).toBe('0 10 * * 1#3');
    expect(nextFireTime('cron(15 0 * * ? *)', 'UTC', now, now)).toEqual(new Date('2026-12-03T00:15:00Z'));
    expect(nextFireTime('cron(0 2 * * ? *)', 'Europe/Paris', now, now)).toEqual(
      new Date('2026-12-03T01:00:00Z'),
    );
  });

  it('counts rate() from the start, and fires at() once', () => {
    expect(nextFireTime('rate(5 minutes)', 'UTC', new Date('2026-12-02T07:57:00Z'), now)).toEqual(
      new Date('2026-12-02T08:00:00Z'),
    );
    expect(nextFireTime('rate(1 day)', 'UTC', now, now)).toEqual(new Date('2026-12-03T07:50:00Z'));
    expect(nextFireTime('at(2026-12-24T18:00:00)', 'Europe/Paris', now, now)).toEqual(
      new Date('2026-12-24T17:00:00Z'),
    );
    expect(nextFireTime('at(2020-01-01T00:00:00)', 'UTC', now, now)).toBeUndefined();
  });
});

describe('Function: readLocalConfig', () => {
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('takes settings of any JSON type and string environment values', () => {
    const file = write('ok.json', '{"settings":{"rate":20,"on":true},"environment":{"A":"sqs:q","B":"x"}}');
    expect(readLocalConfig(file)).toEqual({
      settings: { rate: 20, on: true },
      environment: { A: 'sqs:q', B: 'x' },
    });
  });

  it.each([
    ['[]', /the top level is an array, not an object/],
    ['{"env":{}}', /"env" is not a known key\. Remove it or move it under "environment"/],
    [
      '{"environment":{"T":"dynamodb:t::x"}}',
      /environment\.T is "dynamodb:t::x"\. Write "dynamodb:<table>\[:<partition key>\[:<sort key>\]\]"/,
    ],
    [
      '{"environment":{"S":"http-stub:"}}',
      /environment\.S is "http-stub:"\. Write "http-stub:<file relative to the app>"/,
    ],
    ['{"settings":{"k":null}}', /settings\.k is null\. Give the setting a value/],
  ])('refuses %s with the path and the fix', (text, message) => {
    expect(() => readLocalConfig(write('bad.json', text))).toThrow(message);
  });
});
