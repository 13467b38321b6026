module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'local-servers',
  rootDir: __dirname,
  // The servers start the way their users start them: in a Jest global setup (fauxqs is ESM-only, hence .mjs).
  globalSetup: '<rootDir>/tests/globalSetup.mjs',
  globalTeardown: '<rootDir>/tests/globalTeardown.mjs',
};
