module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'constructs',
  rootDir: __dirname,
  setupFilesAfterEnv: [require.resolve('../../jest.cdktf-setup.js')],
};
