import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployWaves } from '../lib/deployOrder';
import { defineTopology, type TopologyInput } from '../lib/topology';
import { validInput } from './fixtures/topology';

const withServices = (services: TopologyInput['services']) => defineTopology({ ...validInput(), services });

describe('deployWaves', () => {
  const topology = withServices({
    alpha: { team: 'alpha', publishes: ['order.accepted'] },
    beta: { team: 'beta', consumes: ['alpha/order.accepted'], publishes: ['sale.recorded'] },
    gamma: { team: 'beta', consumes: ['beta/sale.recorded'] },
    delta: { team: 'alpha' },
  });
  const all = ['alpha-stack', 'beta-stack', 'gamma-stack', 'delta-stack'];

  it('deploys producers before their consumers, a chain in as many waves', () => {
    expect(deployWaves(topology, 'dev', all)).toEqual([
      ['alpha-stack', 'delta-stack'],
      ['beta-stack'],
      ['gamma-stack'],
    ]);
  });

  it('deploys only the affected projects, other projects first; a consumer whose producer is not deployed waits for nothing', () => {
    expect(deployWaves(topology, 'dev', ['gamma-stack', 'beta-stack', 'bootstrap-stack'])).toEqual([
      ['bootstrap-stack'],
      ['beta-stack'],
      ['gamma-stack'],
    ]);
    expect(deployWaves(topology, 'dev', ['gamma-stack', 'alpha-stack'])).toEqual([
      ['alpha-stack', 'gamma-stack'],
    ]);
    expect(deployWaves(topology, 'dev', [])).toEqual([]);
  });

  it('puts services consuming each other in one last wave', () => {
    const cycle = withServices({
      alpha: { team: 'alpha', publishes: ['a'], consumes: ['beta/b'] },
      beta: { team: 'beta', publishes: ['b'], consumes: ['alpha/a'] },
      delta: { team: 'alpha' },
    });
    expect(deployWaves(cycle, 'prod', ['alpha-stack', 'beta-stack', 'delta-stack'])).toEqual([
      ['delta-stack'],
      ['alpha-stack', 'beta-stack'],
    ]);
  });
});

describe('npx tsx stacks/deploy-order.ts <environment>', () => {
  const work = mkdtempSync(join(tmpdir(), 'deploy-order-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  // A recording stand-in for nx: the affected projects, then one line per run-many.
  const nx = join(work, 'nx');
  const log = join(work, 'nx.log');
  writeFileSync(
    nx,
    `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
if (args[0] === 'show') { process.stdout.write(process.env.AFFECTED); process.exit(0); }
fs.appendFileSync(${JSON.stringify(log)}, args.join(' ') + '\\n');
process.exit(process.env.FAIL_ON && args.join(' ').includes(process.env.FAIL_ON) ? 1 : 0);
`,
  );
  chmodSync(nx, 0o755);
  const run = (args: string[], env: Record<string, string>) => {
    rmSync(log, { force: true });
    const result = spawnSync(
      join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx'),
      ['stacks/deploy-order.ts', ...args],
      {
        cwd: join(__dirname, '..', '..'),
        encoding: 'utf8',
        env: { ...process.env, PLATFORM_NX: nx, ...env },
      },
    );
    return {
      ...result,
      runs: readFileSync(log, { encoding: 'utf8', flag: 'a+' }).split('\n').filter(Boolean),
    };
  };

  it('deploys the affected stacks of stacks/topology.ts in order: orders (the producer) before reports', () => {
    const result = run(['dev', '--skipSynth', '--excludeTaskDependencies'], {
      AFFECTED: JSON.stringify(['reports-stack', 'orders-stack']),
    });
    expect(result.status).toBe(0);
    expect(result.runs).toEqual([
      'run-many -t deploy -c dev -p orders-stack --skipSynth --excludeTaskDependencies',
      'run-many -t deploy -c dev -p reports-stack --skipSynth --excludeTaskDependencies',
    ]);
    expect(result.stdout).toContain('deploy-order: dev wave 1/2: orders-stack');
  });

  it('stops when a wave fails, naming what it did not deploy', () => {
    const result = run(['staging'], {
      AFFECTED: JSON.stringify(['reports-stack', 'orders-stack']),
      FAIL_ON: 'orders-stack',
    });
    expect(result.status).toBe(1);
    expect(result.runs).toEqual(['run-many -t deploy -c staging -p orders-stack']);
    expect(result.stderr).toContain(
      'deploy-order: wave 1 failed; the later waves are not deployed: reports-stack.',
    );
  });

  it('refuses an unknown environment, listing the known ones', () => {
    const result = run(['qa'], { AFFECTED: '[]' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Environments in stacks/topology.ts: dev, staging, prod.');
  });
});
