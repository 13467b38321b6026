module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'tools',
  rootDir: __dirname,
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  // These tests start real processes (tsx, nx, terraform); on a loaded 2-core runner one start alone
  // can take several seconds, so Jest's 5 s default fails tests that are not slow by design.
  testTimeout: 60_000,
};
