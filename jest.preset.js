// Shared Jest setup: @swc/jest transpiles (~10x faster than ts-jest); types are checked by `typecheck`.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const root = __dirname;

/** The `@platform/*` paths of tsconfig.base.json (packages, and the apps' public entry points). */
function platformPaths() {
  const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
  return Object.fromEntries(
    Object.entries(compilerOptions.paths).map(([name, [target]]) => [
      `^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`,
      join(root, target),
    ]),
  );
}

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
  moduleNameMapper: platformPaths(),
  clearMocks: true,
};
