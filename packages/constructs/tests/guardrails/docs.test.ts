import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../src/guardrails/rules';

describe('docs/constructs.md', () => {
  const docs = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'constructs.md'), 'utf8');
  const rows = docs
    .split('\n')
    .filter((line) => /^\| PLAT-/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );

  it('documents every rule once, in the order violations are listed, with what, why and fix', () => {
    expect(rows.map(([id]) => id)).toEqual(RULES.map((r) => r.id));
    for (const [id, what, why, fix] of rows) {
      expect([id, what.length > 20, why.length > 20, fix.length > 10]).toEqual([id, true, true, true]);
    }
  });
});
