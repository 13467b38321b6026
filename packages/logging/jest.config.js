module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'logging',
  rootDir: __dirname,
  setupFiles: ['<rootDir>/../test-helpers/setup/lambdaEnvironment.js'],
};
