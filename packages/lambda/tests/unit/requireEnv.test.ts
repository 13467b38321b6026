import { requireEnvFor } from '../../src';

describe('Function: requireEnvFor', () => {
  const saved = process.env.TABLE_NAME;
  afterEach(() => {
    if (saved === undefined) delete process.env.TABLE_NAME;
    else process.env.TABLE_NAME = saved;
  });

  it('returns the variable when it is set', () => {
    process.env.TABLE_NAME = 'reports-dev-sales';

    expect(requireEnvFor('reports')('TABLE_NAME')).toBe('reports-dev-sales');
  });

  it.each([undefined, ''])('names the stack and the local file when the variable is %p', (value) => {
    if (value === undefined) delete process.env.TABLE_NAME;
    else process.env.TABLE_NAME = value;

    expect(() => requireEnvFor('reports')('TABLE_NAME')).toThrow(
      'Environment variable TABLE_NAME is not set. The stack sets it (stacks/reports/src/stack.ts); ' +
        'for local runs, apps/reports/local.json.',
    );
  });

  it('reads the variable at each call, not when the reader is made', () => {
    delete process.env.TABLE_NAME;
    const requireEnv = requireEnvFor('reports');
    process.env.TABLE_NAME = 'later';

    expect(requireEnv('TABLE_NAME')).toBe('later');
  });
});
