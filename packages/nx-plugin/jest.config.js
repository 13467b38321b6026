module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'nx-plugin',
  rootDir: __dirname,
  testPathIgnorePatterns: ['/node_modules/', '/files/'],
};
