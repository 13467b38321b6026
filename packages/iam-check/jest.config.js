module.exports = { ...require('../../jest.preset.js'), displayName: 'iam-check', rootDir: __dirname };
