module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'reports-stack',
  rootDir: __dirname,
  setupFilesAfterEnv: [require.resolve('../../jest.cdktf-setup.js')],
};
