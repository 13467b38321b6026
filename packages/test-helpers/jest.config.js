module.exports = { ...require('../../jest.preset.js'), displayName: 'test-helpers', rootDir: __dirname };
