const { join } = require('node:path');
const preset = require('../../../../jest.preset.js');

// Real servers on 127.0.0.1 (started once by globalSetup): SQS (fauxqs) and DynamoDB (dynalite).
module.exports = {
  ...preset,
  displayName: 'orders-integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.test.ts'],
  setupFiles: [
    join(__dirname, '../../../../packages/test-helpers/setup/lambdaEnvironment.js'),
    '<rootDir>/setup.ts',
  ],
  // fauxqs is ESM-only, hence .mjs hooks.
  globalSetup: '<rootDir>/globalSetup.mjs',
  globalTeardown: '<rootDir>/globalTeardown.mjs',
};
