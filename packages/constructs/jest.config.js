module.exports = { ...require('../../jest.preset.js'), displayName: 'constructs', rootDir: __dirname };
