const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'orders',
  rootDir: __dirname,
  setupFiles: [
    require.resolve('../../packages/test-helpers/setup/lambdaEnvironment.js'),
    '<rootDir>/tests/setup.ts',
  ],
  // tests/integration has its own config: it starts local SQS and DynamoDB servers.
  testPathIgnorePatterns: [...preset.testPathIgnorePatterns, '<rootDir>/tests/integration/'],
};
