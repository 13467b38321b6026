module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'test-helpers',
  rootDir: __dirname,
  // Coverage of 2026-12-02 (npx nx run test-helpers:test), floored to whole percent: it may only rise.
  coverageThreshold: { global: { statements: 91, branches: 91, functions: 83, lines: 91 } },
};
