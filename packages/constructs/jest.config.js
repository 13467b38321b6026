module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'constructs',
  rootDir: __dirname,
  setupFilesAfterEnv: [require.resolve('../../jest.cdktf-setup.js')],
  // Coverage of 2026-12-02 (npx nx run constructs:test), floored to whole percent: it may only rise.
  coverageThreshold: { global: { statements: 95, branches: 94, functions: 97, lines: 95 } },
};
