const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'reports',
  rootDir: __dirname,
  // tests/integration has its own config: it starts local SQS and DynamoDB servers.
  testPathIgnorePatterns: [...preset.testPathIgnorePatterns, '<rootDir>/tests/integration/'],
  setupFiles: [
    require.resolve('../../packages/test-helpers/setup/lambdaEnvironment.js'),
    '<rootDir>/tests/setup.ts',
  ],
};
