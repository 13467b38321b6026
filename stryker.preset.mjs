// Shared StrykerJS setup for `nx run <package>:mutation` (see docs/testing.md, "Mutation testing").
// Run from the workspace root: each package's stryker.config.mjs calls mutationConfig('<package>').

/**
 * @param {string} project the package folder under packages/
 * @param {{ mutate?: string[], tests?: string[] }} [options] `mutate`: the source globs, default the whole
 *   of src/; `tests`: the test files that may kill the mutants (Jest testMatch), default the unit tests
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function mutationConfig(
  project,
  // Unit tests only: the integration tests (a real SQS server, esbuild bundles) cover most mutants and
  // would run for each, several seconds apiece on this machine (docs/testing.md).
  { mutate = ['src/**/*.ts'], tests = ['tests/unit/**/*.test.ts'] } = {},
) {
  const root = `packages/${project}`;
  const reports = `reports/mutation/${project}`;
  return {
    testRunner: 'jest',
    // The package's own Jest config (@swc/jest, jest.preset.js). Stryker runs Jest without coverage
    // (collectCoverage: false), so the coverageThreshold of the test target does not apply here.
    jest: {
      projectType: 'custom',
      configFile: `${root}/jest.config.js`,
      config: { testMatch: tests.map((glob) => `<rootDir>/${glob}`) },
      enableFindRelatedTests: false,
    },
    coverageAnalysis: 'perTest',
    checkers: ['typescript'],
    tsconfigFile: `${root}/tsconfig.json`,
    mutate: [
      ...mutate.map((glob) => `${root}/${glob}`),
      // Types only, or re-exports only: nothing to mutate.
      `!${root}/src/**/types.ts`,
      `!${root}/src/index.ts`,
    ],
    // Results of unchanged mutants and tests are reused; git-ignored (reports/), see docs/testing.md.
    incremental: true,
    incrementalFile: `${reports}/stryker-incremental.json`,
    reporters: ['clear-text', 'progress', 'html', 'json'],
    htmlReporter: { fileName: `${reports}/index.html` },
    jsonReporter: { fileName: `${reports}/mutation.json` },
    // A sandbox per package, so two packages can run side by side; Stryker ignores only its own
    // sandbox folder, so the others' (and the reports) are left out of the copy explicitly, as are the
    // git-ignored outputs no test reads (tmp/ holds the Terraform check's roots, whose provider folders
    // are links the sandbox copy cannot follow).
    tempDirName: `.stryker-tmp/${project}`,
    ignorePatterns: ['/.stryker-tmp', '/reports', '/tmp', '/cdktf.out', '/.nx', '/coverage'],
    // The machine is shared by several engineers (2 cores): one test process.
    concurrency: 1,
    // A mutant times out after its tests' time × 1.5 + timeoutMS. With the default 5 s, a load average of 30 on
    // this machine turned ~50 ordinary settings mutants into "timeouts" (counted as killed); real endless
    // loops are rare (3 of 321), so waiting longer for them costs little.
    timeoutMS: 30_000,
    // Static mutants (module-level constants: regexes, lists) each rerun every test of the package, in a
    // fresh Jest: 75 % of the time for 21 % of the mutants in settings (measured). MUTATE_STATIC=1 includes them.
    ignoreStatic: process.env.MUTATE_STATIC !== '1',
    thresholds: { high: 90, low: 80, break: null },
  };
}
