module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'logging',
  rootDir: __dirname,
  setupFiles: ['<rootDir>/../test-helpers/setup/lambdaEnvironment.js'],
  // Coverage of 2026-12-02 (npx nx run logging:test), floored to whole percent: it may only rise.
  coverageThreshold: { global: { statements: 95, branches: 96, functions: 96, lines: 95 } },
};
