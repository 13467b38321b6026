// Shared Jest setup: @swc/jest transpiles (~10x faster than ts-jest); types are checked by `typecheck`.
const { join } = require('node:path');
const root = __dirname;

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleNameMapper: {
    '^@platform/([a-z-]+)$': join(root, 'packages/$1/src/index.ts'),
  },
  clearMocks: true,
};
