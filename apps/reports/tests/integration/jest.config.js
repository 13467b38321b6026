const { join } = require('node:path');
const preset = require('../../../../jest.preset.js');

// The handlers against real servers on 127.0.0.1 (started once by globalSetup): SQS and DynamoDB.
module.exports = {
  ...preset,
  displayName: 'reports-integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.test.ts'],
  setupFiles: [
    join(__dirname, '../../../../packages/test-helpers/setup/lambdaEnvironment.js'),
    join(__dirname, '../setup.ts'),
    '<rootDir>/setup.ts',
  ],
  // fauxqs is ESM-only, hence .mjs hooks.
  globalSetup: '<rootDir>/globalSetup.mjs',
  globalTeardown: '<rootDir>/globalTeardown.mjs',
};
