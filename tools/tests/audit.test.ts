import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { advisories, checkAllowlist, evaluate, formatResult, type NpmAuditReport } from '../ci/audit';

const root = join(__dirname, '..', '..');

// The shape of `npm audit --json` (report v2): advisories under the package they hit, paths as strings.
const report: NpmAuditReport = {
  vulnerabilities: {
    'fast-xml-parser': {
      name: 'fast-xml-parser',
      severity: 'high',
      via: [
        {
          source: 1101,
          name: 'fast-xml-parser',
          title: 'prototype pollution',
          url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc',
          severity: 'high',
        },
      ],
    },
    '@aws-sdk/core': { name: '@aws-sdk/core', severity: 'high', via: ['fast-xml-parser'] },
    cookie: {
      name: 'cookie',
      severity: 'low',
      via: [
        {
          source: 1102,
          name: 'cookie',
          title: 'out of bounds characters',
          url: 'https://github.com/advisories/GHSA-dddd-eeee-ffff',
          severity: 'low',
        },
      ],
    },
    lodash: {
      name: 'lodash',
      severity: 'critical',
      via: [
        {
          source: 1103,
          name: 'lodash',
          title: 'command injection',
          url: 'https://github.com/advisories/GHSA-gggg-hhhh-iiii',
          severity: 'critical',
        },
      ],
    },
  },
};

describe('the dependency audit', () => {
  it('reads each advisory once, with its GHSA id, from npm audit --json', () => {
    expect(advisories(report)).toEqual([
      {
        id: 'GHSA-aaaa-bbbb-cccc',
        package: 'fast-xml-parser',
        severity: 'high',
        title: 'prototype pollution',
        url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc',
      },
      {
        id: 'GHSA-dddd-eeee-ffff',
        package: 'cookie',
        severity: 'low',
        title: 'out of bounds characters',
        url: 'https://github.com/advisories/GHSA-dddd-eeee-ffff',
      },
      {
        id: 'GHSA-gggg-hhhh-iiii',
        package: 'lodash',
        severity: 'critical',
        title: 'command injection',
        url: 'https://github.com/advisories/GHSA-gggg-hhhh-iiii',
      },
    ]);
  });

  it('fails high and critical advisories unless allowlisted; an expired entry fails, an unused one is reported', () => {
    const allowlist = checkAllowlist([
      {
        id: 'GHSA-aaaa-bbbb-cccc',
        reason: 'only reachable through XML input we never parse',
        until: '2027-01-31',
      },
      {
        id: 'GHSA-zzzz-zzzz-zzzz',
        reason: 'fixed upstream, entry left over from last month',
        until: '2027-01-31',
      },
      {
        id: 'GHSA-gggg-hhhh-iiii',
        reason: 'accepted until the upgrade of the scheduler package',
        until: '2026-11-30',
      },
    ]);
    const result = evaluate(advisories(report), allowlist, '2026-12-02');

    expect(result.failing.map((a) => a.id)).toEqual(['GHSA-gggg-hhhh-iiii']);
    expect(result.allowed.map((a) => a.id)).toEqual(['GHSA-aaaa-bbbb-cccc']);
    expect(result.reported.map((a) => a.id)).toEqual(['GHSA-dddd-eeee-ffff']);
    expect(result.expired.map((e) => e.id)).toEqual(['GHSA-gggg-hhhh-iiii']);
    expect(result.unused.map((e) => e.id)).toEqual(['GHSA-zzzz-zzzz-zzzz']);
    const { lines, ok } = formatResult(result);
    expect(ok).toBe(false);
    expect(lines.at(-1)).toBe(
      'npm audit (production dependencies): 1 failing, 1 allowed, 1 below high, 1 expired allowlist entries',
    );
    expect(lines).toContain(
      'FAIL     allowlist entry GHSA-gggg-hhhh-iiii expired on 2026-11-30: look at it again, then renew or remove it.',
    );
  });

  it('passes when only low and moderate advisories remain', () => {
    const { ok } = formatResult(
      evaluate(
        advisories(report).filter((a) => a.severity === 'low'),
        [],
        '2026-12-02',
      ),
    );
    expect(ok).toBe(true);
  });

  it('refuses an allowlist entry without a GHSA id, a reason or a date, naming it', () => {
    expect(() => checkAllowlist([{ id: 'CVE-2026-1', reason: 'x'.repeat(30), until: '2027-01-01' }])).toThrow(
      'audit allowlist entry 0: id "CVE-2026-1" is not a GHSA id (GHSA-xxxx-xxxx-xxxx).',
    );
    expect(() =>
      checkAllowlist([{ id: 'GHSA-aaaa-bbbb-cccc', reason: 'because', until: '2027-01-01' }]),
    ).toThrow(/GHSA-aaaa-bbbb-cccc: give a reason of at least 20 characters/);
    expect(() =>
      checkAllowlist([{ id: 'GHSA-aaaa-bbbb-cccc', reason: 'x'.repeat(30), until: 'next month' }]),
    ).toThrow('audit allowlist entry GHSA-aaaa-bbbb-cccc: until "next month" must be a date YYYY-MM-DD.');
  });

  it('runs as the workflow runs it, and the committed allowlist is valid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    writeFileSync(join(dir, 'report.json'), JSON.stringify(report));
    let status = 0;
    let stdout = '';
    try {
      execFileSync(
        join(root, 'node_modules', '.bin', 'tsx'),
        ['tools/ci/audit.ts', '--report', join(dir, 'report.json')],
        {
          cwd: root,
          encoding: 'utf8',
        },
      );
    } catch (error) {
      ({ status, stdout } = error as { status: number; stdout: string });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(status).toBe(1);
    expect(stdout).toContain('FAIL     high     GHSA-aaaa-bbbb-cccc fast-xml-parser: prototype pollution');
  }, 30_000);
});
