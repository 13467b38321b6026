// Shared Jest setup: @swc/jest transpiles (~10x faster than ts-jest); types are checked by `typecheck`.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const root = __dirname;

/**
 * The paths of tsconfig.base.json: the packages (`@platform/<name>`), and `@apps/<service>`, the public
 * entry of an app (`apps/<service>/src/index.ts`) that only its stack imports.
 */
function platformPaths() {
  const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
  const entries = Object.entries(compilerOptions.paths).sort(([a], [b]) => a.includes('*') - b.includes('*'));
  return Object.fromEntries(
    entries.map(([name, [target]]) => [
      `^${name.replace(/[.+?^${}()|[\]\\/]/g, '\\$&').replace('*', '([a-z0-9-]+)')}$`,
      join(root, target.replace('*', '$1')),
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
  // Coverage when a test target asks for it (`--coverage`): of the project's source, measured by V8
  // (works through the @swc/jest transform); each project's jest.config.js sets its thresholds.
  coverageProvider: 'v8',
  collectCoverageFrom: ['<rootDir>/src/**/*.ts'],
  coverageReporters: ['text-summary', 'json-summary'],
};
