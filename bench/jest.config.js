module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'bench',
  rootDir: __dirname,
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  // The smoke tests run each benchmark's real entry point (nx, tsx, esbuild, a workspace copy); on a loaded
  // 2-core runner that takes minutes, not Jest's 5 s default.
  testTimeout: 900_000,
};
