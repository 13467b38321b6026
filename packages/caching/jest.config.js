module.exports = { ...require('../../jest.preset.js'), displayName: 'caching', rootDir: __dirname };
