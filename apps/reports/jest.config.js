module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'reports',
  rootDir: __dirname,
  setupFiles: [
    require.resolve('../../packages/test-helpers/setup/lambdaEnvironment.js'),
    '<rootDir>/tests/setup.ts',
  ],
};
