import { fillMarkers, markdownTable } from '../lib/render';
import type { BenchResult } from '../lib/results';

const result: BenchResult = {
  name: 'synth',
  command: 'npm run bench',
  measured: '2026-12-02 on 2 × CPU, 8 GiB, Node v20.0.0, load average 1.0',
  tables: {
    cases: {
      columns: ['case', 'stacks', 'ms | median'],
      rows: [
        ['one', 1, '260 (217–319)'],
        ['thirty', 30, '1229 (1004–1373)'],
      ],
    },
  },
};
const results = new Map([['synth', result]]);

describe('markdownTable', () => {
  it('right-aligns the columns that hold numbers, left-aligns the others, escapes pipes', () => {
    expect(markdownTable(result.tables.cases!)).toBe(
      [
        '| case | stacks | ms \\| median |',
        '| --- | ---: | --- |',
        '| one | 1 | 260 (217–319) |',
        '| thirty | 30 | 1229 (1004–1373) |',
      ].join('\n'),
    );
  });

  it('follows the alignment a table gives', () => {
    expect(markdownTable({ columns: ['a', 'b'], align: ['right', 'left'], rows: [['x', 2]] })).toBe(
      '| a | b |\n| ---: | --- |\n| x | 2 |',
    );
  });

  it('rejects a row whose width is not the number of columns, naming the row', () => {
    expect(() => markdownTable({ columns: ['a', 'b'], rows: [['x', 1], ['y']] })).toThrow(
      'Row 2 has 1 cells but the table has 2 columns (a, b).',
    );
  });
});

describe('fillMarkers', () => {
  it('replaces what is between the markers and leaves the text around them as it is', () => {
    const text = [
      '# Performance',
      '<!-- bench:synth -->',
      'old line',
      '<!-- /bench:synth -->',
      'Written by people.',
      '<!-- bench:synth:cases -->',
      '| old | table |',
      '<!-- /bench:synth:cases -->',
      'More text.',
    ].join('\n');
    expect(fillMarkers(text, results)).toBe(
      [
        '# Performance',
        '<!-- bench:synth -->',
        '',
        'Measured 2026-12-02 on 2 × CPU, 8 GiB, Node v20.0.0, load average 1.0; `npm run bench`.',
        '',
        '<!-- /bench:synth -->',
        'Written by people.',
        '<!-- bench:synth:cases -->',
        '',
        '| case | stacks | ms \\| median |',
        '| --- | ---: | --- |',
        '| one | 1 | 260 (217–319) |',
        '| thirty | 30 | 1229 (1004–1373) |',
        '',
        '<!-- /bench:synth:cases -->',
        'More text.',
      ].join('\n'),
    );
  });

  it('fails on a marker without a results file, with the fix', () => {
    expect(() => fillMarkers('<!-- bench:dev -->\n<!-- /bench:dev -->', results)).toThrow(
      'Marker bench:dev: there is no results file dev.json. Run the benchmark that writes it, or remove the marker.',
    );
  });

  it('says so in the block of a table the run did not make, listing the tables it has', () => {
    expect(
      fillMarkers(
        '<!-- bench:synth:cases --><!-- /bench:synth:cases -->\n<!-- bench:synth:sizes --><!-- /bench:synth:sizes -->',
        results,
      )
        .split('\n')
        .slice(-5),
    ).toEqual([
      '<!-- bench:synth:sizes -->',
      '',
      '_Not in the results of this run (synth.json has cases)._',
      '',
      '<!-- /bench:synth:sizes -->',
    ]);
  });

  it('fails when a table of the results is shown nowhere, so that no table vanishes silently', () => {
    expect(() => fillMarkers('<!-- bench:synth -->\n<!-- /bench:synth -->', results)).toThrow(
      'Table "cases" of synth.json is shown nowhere: add <!-- bench:synth:cases --> <!-- /bench:synth:cases --> to the docs where it belongs.',
    );
  });
});
