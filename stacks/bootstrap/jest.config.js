module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'bootstrap-stack',
  rootDir: __dirname,
  setupFilesAfterEnv: [require.resolve('../../jest.cdktf-setup.js')],
};
