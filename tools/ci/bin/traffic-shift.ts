import { resolve } from 'node:path';
import { deployedStacks, shiftStacks, TrafficShiftError } from '../trafficShift';
import { awsShiftApi, stackCredentials } from '../trafficShiftAws';
import { stackRole } from '../credentials';

/*
 * Moves the `live` alias of every function with traffic shifting to the version the deploy published,
 * through CodeDeploy (docs/constructs.md "Traffic shifting"). Runs after the deploy target:
 *   tsx tools/ci/bin/traffic-shift.ts --environment <env>   the stacks the deploy target wrote to dist/cdktf/deploy
 *   tsx tools/ci/bin/traffic-shift.ts <stack dir>...        given stack folders (dist/cdktf/deploy/<stack>/stacks/<stack>)
 * In GitHub Actions each stack's calls use its own account role through OIDC; locally, your credentials.
 */
const root = resolve(__dirname, '..', '..', '..');
const USAGE = 'usage: tsx tools/ci/bin/traffic-shift.ts --environment <environment> | <stack dir>...';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let dirs: string[];
  if (args[0] === '--environment') {
    const environment = args[1];
    if (!environment || !/^[a-z][a-z0-9-]*$/.test(environment) || args.length > 2) {
      throw new TrafficShiftError(
        `--environment needs one environment name (e.g. dev), got ${JSON.stringify(args.slice(1))}. ${USAGE}`,
      );
    }
    dirs = deployedStacks(root, environment);
    if (dirs.length === 0) {
      throw new TrafficShiftError(
        `No stack of environment "${environment}" under dist/cdktf/deploy: run the deploy first ` +
          `(npx nx affected -t deploy -c ${environment}); its targets write each stack there with --output.`,
      );
    }
  } else if (args.length > 0 && !args[0].startsWith('-')) {
    dirs = args.map((a) => resolve(a));
  } else {
    throw new TrafficShiftError(USAGE);
  }
  const context = process.env.GITHUB_RUN_ID
    ? `run ${process.env.GITHUB_RUN_ID}, ${process.env.GITHUB_SHA?.slice(0, 12) ?? ''}`.trim()
    : 'local';
  const results = await shiftStacks(dirs, {
    context,
    apiFor: (dir) => awsShiftApi({ region: stackRole(dir).region, credentials: stackCredentials(dir) }),
  });
  const shifted = results.filter((r) => r.deploymentId);
  console.log(
    `Traffic shifting: ${shifted.length} shifted, ${results.length - shifted.length} already live, in ${dirs.length} stack(s).`,
  );
}

main().catch((error: Error) => {
  console.error(error instanceof TrafficShiftError ? error.message : error);
  process.exit(1);
});
