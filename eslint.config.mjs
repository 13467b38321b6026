import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import jest from 'eslint-plugin-jest';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'cdktf.out/**', 'tmp/**', '**/files/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    plugins: { 'import-x': importX },
    settings: {
      // Without this the rule reads only .js files and would not follow a .ts import.
      'import-x/extensions': ['.ts', '.js', '.mjs', '.cjs'],
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] }),
      ],
    },
    rules: {
      // An import cycle makes load order decide what a module sees (undefined at first use).
      // Type-only imports are ignored by the rule: they vanish at runtime. ignoreExternal keeps it fast.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@cdktf/provider-aws',
              message:
                'Import by deep path (e.g. @cdktf/provider-aws/lib/lambda-function): the barrel makes synth ~5x slower and heavier.',
            },
          ],
        },
      ],
      // The import directions of shared/DESIGN.md, enforced.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          // A stack reads its app's public entry (the settings declaration): see the rule below.
          allow: ['@apps/*'],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:runtime'] },
            { sourceTag: 'type:runtime', onlyDependOnLibsWithTags: ['type:runtime'] },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra'] },
            { sourceTag: 'type:stack', onlyDependOnLibsWithTags: ['type:infra', 'type:app', 'type:runtime'] },
            // The generators check routes and schedules with the constructs' own checks (below: that leaf only).
            { sourceTag: 'type:plugin', onlyDependOnLibsWithTags: ['type:infra'] },
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:infra', 'type:runtime'] },
          ],
        },
      ],
    },
  },
  {
    // `@apps/<service>` exists for `stacks/<service>` only: apps and packages never import an app.
    files: ['apps/**/*.ts', 'packages/**/*.ts', 'tools/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@cdktf/provider-aws',
              message:
                'Import by deep path (e.g. @cdktf/provider-aws/lib/lambda-function): the barrel makes synth ~5x slower and heavier.',
            },
          ],
          patterns: [
            {
              group: ['@apps/*'],
              message:
                "An app's public entry is for its own stack (stacks/<service>); share code through packages/ instead.",
            },
          ],
        },
      ],
    },
  },
  {
    // The generators take from @platform/constructs its cdktf-free leaf only: loading cdktf and the
    // provider would make every `nx g` slower, and the plugin has no use for constructs.
    files: ['packages/nx-plugin/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@platform/constructs',
              message: 'Import the checks from @platform/constructs/syntax: the barrel loads cdktf.',
            },
          ],
          patterns: [
            {
              group: ['@apps/*'],
              message:
                "An app's public entry is for its own stack (stacks/<service>); share code through packages/ instead.",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests: none focused or disabled, and every test asserts.
    files: ['**/tests/**/*.ts', '**/*.test.ts', '**/*.spec.ts'],
    plugins: { jest },
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      // expectNxSuccess (tools/tests/generator.e2e.test.ts) throws when the nx command fails.
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expectNxSuccess'] }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
