module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'stacks',
  rootDir: __dirname,
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
};
