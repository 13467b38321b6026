module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'orders-stack',
  rootDir: __dirname,
  setupFilesAfterEnv: [require.resolve('../../jest.cdktf-setup.js')],
};
