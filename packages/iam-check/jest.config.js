module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'iam-check',
  rootDir: __dirname,
  // Coverage of 2026-12-02 (npx nx run iam-check:test), floored to whole percent: it may only rise.
  coverageThreshold: { global: { statements: 94, branches: 95, functions: 97, lines: 94 } },
};
