import { resolve } from 'node:path';
import { DriftError, gh, planStack, serviceStacks, syncIssues } from '../drift';

/*
 * The scheduled drift check (.github/workflows/drift.yml):
 *   PLATFORM_ROLE=plan npm run synth
 *   tsx tools/ci/bin/drift-check.ts [cdktf.out]
 * plans every service stack (terraform plan -detailed-exitcode: exit 2 is drift) and opens or updates
 * the issue "Drift: <stack>" of each drifted stack, closes it when the stack is clean again. Fails
 * (exit 1) when a plan fails, after handling the others. Needs GH_TOKEN with issues: write.
 */
function main(): void {
  const dir = resolve(process.argv[2] ?? 'cdktf.out');
  const plans = serviceStacks(dir).map(({ stack, dir: stackDir }) => {
    const plan = planStack(stack, stackDir);
    console.log(`${stack}: ${plan.outcome}`);
    return plan;
  });
  const runUrl = process.env.GITHUB_RUN_ID
    ? `${process.env.GITHUB_SERVER_URL}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}`
    : undefined;
  for (const change of syncIssues(plans, gh, runUrl)) {
    if (change.action !== 'none') console.log(`${change.stack}: issue #${change.issue} ${change.action}`);
  }
  const failed = plans.filter((p) => p.outcome === 'error');
  for (const p of failed) console.error(`${p.stack}: terraform failed in ${p.dir}:\n${p.output}`);
  if (failed.length > 0) {
    throw new DriftError(
      `The plan of ${failed.map((p) => p.stack).join(', ')} failed (output above); their issues are unchanged.`,
    );
  }
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
