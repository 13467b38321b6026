import { join } from 'node:path';
import { withoutSourceMaps } from '../lib/sourceMaps';
import { formatSynthError, formatSynthSummary } from '../lib/synthReport';

const root = join(__dirname, '..', '..');

describe('formatSynthSummary', () => {
  const report = [
    { stack: 'a-dev', level: 'info' as const, line: '[guardrails] a-dev: PLAT-IAM-2 suppressed on x: why' },
    {
      stack: 'a-dev',
      level: 'warning' as const,
      line: '[guardrails] a-dev: suppression of PLAT-API-1 on a-dev matches nothing; remove it.',
    },
    { stack: 'b-dev', level: 'info' as const, line: '[guardrails] b-dev: PLAT-IAM-2 suppressed on y: why' },
  ];

  it('lists the suppressions, then the closing line; warnings apart, to be printed last', () => {
    expect(
      formatSynthSummary({
        stacks: 2,
        outdir: join(root, 'cdktf.out'),
        seconds: 1.234,
        report,
        quiet: false,
        cwd: root,
      }),
    ).toEqual({
      out: [
        '[guardrails] a-dev: PLAT-IAM-2 suppressed on x: why',
        '[guardrails] b-dev: PLAT-IAM-2 suppressed on y: why',
        '2 stacks written to cdktf.out/stacks in 1.2 s',
      ],
      warnings: ['[guardrails] a-dev: suppression of PLAT-API-1 on a-dev matches nothing; remove it.'],
    });
  });

  it('keeps only the warnings when quiet, and says "1 stack"', () => {
    expect(
      formatSynthSummary({ stacks: 1, outdir: '/o', seconds: 1, report, quiet: true, cwd: root }),
    ).toEqual({
      out: [],
      warnings: ['[guardrails] a-dev: suppression of PLAT-API-1 on a-dev matches nothing; remove it.'],
    });
    expect(
      formatSynthSummary({ stacks: 1, outdir: '/o', seconds: 0.05, report: [], quiet: false, cwd: '/o' }).out,
    ).toEqual(['1 stack written to stacks in 0.1 s']);
  });
});

describe('formatSynthError', () => {
  it("gives a platform error's message alone", () => {
    class TopologyError extends Error {
      override name = 'TopologyError';
    }
    expect(formatSynthError(new TopologyError('account "x": fix it like this'), root)).toBe(
      'account "x": fix it like this',
    );
  });

  it('gives a bug its TypeScript position, also when thrown with source maps off', () => {
    let error: unknown;
    try {
      withoutSourceMaps(() => {
        (undefined as unknown as { name: string }).name.toString();
      });
    } catch (e) {
      error = e;
    }
    const text = formatSynthError(error, root);
    expect(text.split('\n')[0]).toMatch(/^TypeError: Cannot read properties of undefined/);
    expect(text).toMatch(/at .*stacks\/tests\/synthReport\.test\.ts:\d+:\d+/);
    expect(text).not.toContain('node_modules');
  });
});
