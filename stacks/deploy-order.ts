import { spawnSync } from 'node:child_process';
import { deployWaves } from './lib/deployOrder';
import { topology } from './topology';

// npx tsx stacks/deploy-order.ts <environment> [nx options, e.g. --skipSynth --excludeTaskDependencies]
// Deploys the affected stack projects of one environment in the topology's order: producers of event
// streams before their consumers, one `nx run-many -t deploy` per wave; a failed wave stops the rest.
// PLATFORM_NX names the nx binary (tests put a recording stand-in there). @default npx nx
const [environment, ...nxOptions] = process.argv.slice(2);
if (!environment || !topology.environments.includes(environment)) {
  console.error(
    `Usage: npx tsx stacks/deploy-order.ts <environment> [nx options]. Environments in stacks/topology.ts: ${topology.environments.join(', ')}.`,
  );
  process.exit(2);
}
const [command, ...prefix] = process.env.PLATFORM_NX ? [process.env.PLATFORM_NX] : ['npx', 'nx'];
const nx = (args: string[], capture = false) =>
  spawnSync(command!, [...prefix, ...args], { encoding: 'utf8', stdio: capture ? 'pipe' : 'inherit' });

const affected = nx(['show', 'projects', '--affected', '--withTarget', 'deploy', '--json'], true);
if (affected.status !== 0) {
  console.error(affected.stderr);
  process.exit(affected.status ?? 1);
}
const waves = deployWaves(topology, environment, JSON.parse(affected.stdout) as string[]);
if (waves.length === 0) console.log(`deploy-order: nothing affected to deploy to ${environment}.`);
for (const [i, wave] of waves.entries()) {
  console.log(`deploy-order: ${environment} wave ${i + 1}/${waves.length}: ${wave.join(', ')}`);
  const run = nx(['run-many', '-t', 'deploy', '-c', environment, '-p', wave.join(','), ...nxOptions]);
  if (run.status !== 0) {
    const rest = waves.slice(i + 1).flat();
    console.error(
      `deploy-order: wave ${i + 1} failed; the later waves are not deployed: ${rest.join(', ') || 'none'}.`,
    );
    process.exit(run.status ?? 1);
  }
}
