import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';

/*
 * The GitHub workflows, checked for what this repository requires of them (triggers, least privilege,
 * full history, pinned actions, promotion order, OIDC only) and the README's "What CI runs" commands.
 * Validity against GitHub's workflow schema and actionlint: workflows-schema.test.ts.
 */
const root = join(__dirname, '..', '..');

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly if?: string;
}
interface Job {
  readonly needs?: string | string[];
  readonly 'timeout-minutes'?: number;
  readonly if?: string;
  readonly environment?: string | { name: string };
  readonly concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  readonly permissions?: Record<string, string>;
  readonly env?: Record<string, string>;
  readonly steps: Step[];
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  readonly permissions?: Record<string, string>;
  readonly env?: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

const read = (name: string) =>
  YAML.parse(readFileSync(join(root, '.github', 'workflows', name), 'utf8')) as Workflow;
const ci = read('ci.yml');
const deploy = read('deploy.yml');
const nodeVersions = read('node-versions.yml');
const drift = read('drift.yml');
const workflows = {
  'ci.yml': ci,
  'deploy.yml': deploy,
  'node-versions.yml': nodeVersions,
  'drift.yml': drift,
};
const allJobs = Object.values(workflows).flatMap((w) => Object.entries(w.jobs));
const steps = (job: Job, action: string) => job.steps.filter((s) => s.uses?.split('@')[0] === action);
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');
const needs = (job: Job) =>
  job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];

// The topology's environments in promotion order, read by running it (stacks is another project: no import).
const environments = JSON.parse(
  String(
    execFileSync(
      join(root, 'node_modules', '.bin', 'tsx'),
      [
        '-e',
        "import { topology } from './stacks/topology'; console.log(JSON.stringify(topology.environments));",
      ],
      { cwd: root },
    ),
  ),
) as string[];

/** `npm …` and `npx …` commands in a script or code block, with deploy environments made `<environment>`. */
function commands(text: string): string[] {
  const deployTo = new RegExp(
    `(-t deploy -c|traffic-shift\\.ts --environment|policies-apply\\.ts|deploy-order\\.ts) (${environments.join('|')})(?= |$)`,
  );
  return (text.match(/\bnp[mx] [^\n]*/g) ?? []).map((line) => {
    const ends = [' 2>', ' >', ' |', ')', '"', ' #'].map((end) => line.indexOf(end)).filter((i) => i >= 0);
    return line
      .slice(0, Math.min(line.length, ...ends))
      .trim()
      .replace(deployTo, '$1 <environment>');
  });
}

function readmeSection(title: string): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${title}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe('workflow triggers', () => {
  it('ci.yml runs on pull requests only, deploy.yml on pushes to main only, drift.yml daily and by hand', () => {
    expect(Object.keys(ci.on)).toEqual(['pull_request']);
    expect(deploy.on).toEqual({ push: { branches: ['main'] } });
    expect(drift.on).toEqual({ schedule: [{ cron: '43 4 * * *' }], workflow_dispatch: null });
  });
});

describe('permissions', () => {
  it.each(Object.entries(workflows))('%s defaults to reading the repository only', (_name, workflow) => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('grants id-token, pull-requests, issues and actions only to the jobs that need them', () => {
    const allowed: Record<string, Record<string, string>> = {
      'ci.yml/plan': {},
      'ci.yml/shard': {},
      'ci.yml/checks': {},
      'ci.yml/audit': {},
      'node-versions.yml/test': {},
      'ci.yml/diff': { contents: 'read', 'id-token': 'write', 'pull-requests': 'write' },
      'deploy.yml/verify': { contents: 'read', actions: 'read' },
      ...Object.fromEntries(
        environments.map((e) => [`deploy.yml/deploy-${e}`, { contents: 'read', 'id-token': 'write' }]),
      ),
      'drift.yml/drift': { contents: 'read', 'id-token': 'write', issues: 'write' },
    };
    const actual = Object.fromEntries(
      Object.entries(workflows).flatMap(([name, w]) =>
        Object.entries(w.jobs).map(([id, job]) => [`${name}/${id}`, job.permissions ?? {}]),
      ),
    );
    expect(actual).toEqual(allowed);
    for (const [, job] of allJobs) expect(Object.values(job.permissions ?? {})).not.toContain('write-all');
  });

  it('never uses long-lived AWS keys', () => {
    for (const name of Object.keys(workflows)) {
      expect(readFileSync(join(root, '.github', 'workflows', name), 'utf8')).not.toMatch(
        /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id|secrets\.AWS/i,
      );
    }
  });

  it('assumes AWS roles only in jobs allowed an OIDC token', () => {
    for (const [id, job] of allJobs) {
      if (/aws-credentials\.ts configure/.test(runs(job)))
        expect([id, job.permissions?.['id-token']]).toEqual([id, 'write']);
    }
  });
});

describe('every job', () => {
  // Node 22: the functions' runtime major (nodejs22.x); node-versions.yml adds the next LTS.
  it.each(allJobs)(
    '%s sets up Node 22 (or the matrix) with the npm cache, and installs with npm ci',
    (_id, job) => {
      expect(steps(job, 'actions/setup-node')[0].with).toMatchObject({ cache: 'npm' });
      expect([22, '${{ matrix.node }}']).toContain(
        steps(job, 'actions/setup-node')[0].with?.['node-version'],
      );
      expect(runs(job)).toMatch(/^npm ci$/m);
      expect(runs(job)).not.toMatch(/\bnpm install\b/);
    },
  );

  // stacks/deploy-order.ts runs Nx too (one `nx run-many -t deploy` per wave).
  const nxJobs = allJobs.filter(([, job]) =>
    /\bnpx nx |\bnpm (test|run synth)\b|stacks\/deploy-order\.ts/.test(runs(job)),
  );
  it.each(nxJobs)('%s runs Nx with the full history and Terraform without its wrapper', (id, job) => {
    expect(steps(job, 'actions/checkout')[0].with).toMatchObject({ 'fetch-depth': 0 });
    // ci.yml's plan job only asks Nx for the task graph: it runs no task.
    if (id !== 'plan')
      expect(steps(job, 'hashicorp/setup-terraform')[0].with).toMatchObject({ terraform_wrapper: false });
  });

  it('has the jobs that run Nx', () => {
    expect(nxJobs.map(([id]) => id).sort()).toEqual(
      ['plan', 'shard', 'diff', 'verify', 'test', 'drift', ...environments.map((e) => `deploy-${e}`)].sort(),
    );
  });

  it('pins every action to a full commit SHA, with its release tag in a comment', () => {
    const lines = Object.keys(workflows).flatMap((name) =>
      readFileSync(join(root, '.github', 'workflows', name), 'utf8')
        .split('\n')
        .filter((line) => /^\s*(- )?uses:/.test(line))
        .map((line) => [name, line.trim().replace(/^- /, '')]),
    );
    expect(lines.length).toBeGreaterThan(10);
    for (const [name, line] of lines)
      expect([name, line]).toEqual([
        name,
        expect.stringMatching(/^uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}$/),
      ]);
  });

  it('rejects a tag or a SHA without its tag (the rule above, on broken lines)', () => {
    const rule = /^uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}$/;
    expect(rule.test('uses: actions/checkout@v4')).toBe(false);
    expect(rule.test('uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683')).toBe(false);
    expect(rule.test('uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2')).toBe(true);
  });

  it.each(Object.entries(workflows))('%s runs Nx without daemon, cloud or TUI', (_name, workflow) => {
    expect(workflow.env).toMatchObject({ NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' });
  });
});

describe('ci.yml', () => {
  const { plan, shard, checks, diff, audit } = ci.jobs as Record<
    string,
    Job & { strategy?: Record<string, unknown> }
  >;

  it('audits the production dependencies against the allowlist', () => {
    expect(runs(audit)).toContain('npx tsx tools/ci/audit.ts');
    expect(audit.permissions).toBeUndefined();
  });

  it('plans: derives the base with nx-set-shas, reads the affected task graph and splits it into shards', () => {
    expect(steps(plan, 'nrwl/nx-set-shas')).toHaveLength(1);
    expect(runs(plan)).toContain(
      'npx nx affected -t lint typecheck test build synth validate --graph=tmp/tasks.json',
    );
    expect(runs(plan)).toContain(
      'npx tsx tools/ci/shards.ts plan --graph tmp/tasks.json --durations .nx/durations.json --max 8',
    );
    expect(steps(plan, 'actions/cache/restore')[0].with).toMatchObject({
      path: '.nx/durations.json',
      'restore-keys': 'nx-durations-',
    });
  });

  it('runs every task of its projects in each shard, with the Nx cache kept between runs', () => {
    expect(needs(shard)).toEqual(['plan']);
    expect(shard.strategy).toEqual({
      'fail-fast': false,
      matrix: '${{ fromJSON(needs.plan.outputs.matrix) }}',
    });
    expect(shard.if).toBe(`needs.plan.outputs.matrix != '{"include":[]}'`);
    expect(runs(shard)).toContain(
      'npx nx run-many -t lint typecheck test build synth validate -p ${{ matrix.projects }}',
    );
    expect(ci.env).toMatchObject({ NX_CACHE_DIRECTORY: '.nx/cache' });
    expect(steps(shard, 'actions/cache')[0].with).toMatchObject({
      path: '.nx/cache',
      key: "nx-cache-${{ hashFiles('package-lock.json') }}-${{ matrix.shard }}-${{ github.sha }}",
    });
    const uploads = steps(shard, 'actions/upload-artifact').map((u) => [
      u.with?.name,
      String(u.with?.path).trim(),
    ]);
    expect(uploads).toEqual([
      ['durations-${{ matrix.shard }}', '.nx/cache/run.json'],
      ['synthesized-stacks-${{ matrix.shard }}', 'dist/cdktf\ncdktf.out'],
    ]);
  });

  it('gathers the shards into one status check that fails when any shard failed, and keeps the durations', () => {
    expect(needs(checks)).toEqual(['plan', 'shard']);
    expect(checks.if).toBe('always()');
    expect(runs(checks)).toContain(
      'npx tsx tools/ci/shards.ts durations .nx/durations.json durations/*/run.json',
    );
    expect(runs(checks)).toContain(
      'test "${{ needs.shard.result }}" = success -o "${{ needs.shard.result }}" = skipped',
    );
    expect(steps(checks, 'actions/cache/save')[0].with).toMatchObject({
      key: 'nx-durations-${{ github.run_id }}',
    });
  });

  it('diffs the affected stacks in dev with the read-only plan role, only when stacks are affected and checks pass, and comments', () => {
    expect(needs(diff)).toEqual(['plan', 'checks']);
    expect(diff.if).toContain("needs.plan.outputs.stacks != '[]'");
    expect(diff.if).toContain("needs.checks.result == 'success'");
    expect(diff.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    expect(diff.env).toMatchObject({ PLATFORM_ROLE: 'plan', NX_BASE: '${{ needs.plan.outputs.base }}' });
    expect(runs(diff)).toContain('npx nx affected -t diff -c dev');
    expect(steps(diff, 'marocchino/sticky-pull-request-comment')[0].with).toMatchObject({ path: 'diff.md' });
  });
});

describe('deploy.yml', () => {
  const deployJobs = Object.entries(deploy.jobs).filter(([id]) => id.startsWith('deploy-'));

  it('has one job per environment, in promotion order, each needing the previous one', () => {
    expect(deployJobs.map(([id]) => id)).toEqual(environments.map((e) => `deploy-${e}`));
    deployJobs.forEach(([, job], i) => {
      expect(needs(job)).toEqual(i === 0 ? ['verify'] : ['verify', `deploy-${environments[i - 1]}`]);
      expect(job.if).toBe("needs.verify.outputs.stacks != '[]'");
    });
    expect(runs(deploy.jobs.verify)).toContain('npx nx affected -t lint typecheck test build synth validate');
    expect(steps(deploy.jobs.verify, 'nrwl/nx-set-shas')).toHaveLength(1);
  });

  it.each(environments)(
    'deploys exactly the affected stacks of %s, in its GitHub environment, never two at once',
    (env) => {
      const job = deploy.jobs[`deploy-${env}`];
      expect(job.environment).toBe(env);
      expect(job.concurrency).toEqual({ group: `deploy-${env}`, 'cancel-in-progress': false });
      expect(job.env).toEqual({
        NX_BASE: '${{ needs.verify.outputs.base }}',
        NX_HEAD: '${{ needs.verify.outputs.head }}',
      });
      const script = runs(job);
      expect(script.indexOf('npx tsx tools/ci/bin/aws-credentials.ts configure')).toBeGreaterThan(-1);
      expect(script.indexOf(`npx tsx stacks/deploy-order.ts ${env}`)).toBeGreaterThan(
        script.indexOf('aws-credentials.ts configure'),
      );
    },
  );

  it.each(environments)(
    'shifts traffic in %s after the deploy, as the last step, with time for the slowest CodeDeploy config',
    (env) => {
      const job = deploy.jobs[`deploy-${env}`];
      const last = job.steps[job.steps.length - 1];
      expect(last.run).toBe(`npx tsx tools/ci/bin/traffic-shift.ts --environment ${env}`);
      expect(last.if).toBeUndefined(); // only after a successful deploy
      expect(job.steps[job.steps.length - 2].run).toBe(
        `npx tsx stacks/deploy-order.ts ${env} --skipSynth --excludeTaskDependencies`,
      );
      // LambdaLinear10PercentEvery10Minutes takes 100 minutes, the step waits 20 more, plus the deploy itself.
      expect(job['timeout-minutes']).toBeGreaterThanOrEqual(150);
    },
  );
});

describe('node-versions.yml', () => {
  it("runs the README's commands on Node 22 and 24 when dependencies change, and weekly", () => {
    const { test } = nodeVersions.jobs as Record<string, Job & { strategy: { matrix: { node: number[] } } }>;
    expect(test.strategy.matrix.node).toEqual([22, 24]);
    expect(runs(test).split('\n').filter(Boolean)).toEqual(['npm ci', 'npm run synth', 'npm test']);
    expect(nodeVersions.on).toMatchObject({
      pull_request: { paths: ['package.json', 'package-lock.json', '.github/workflows/node-versions.yml'] },
      schedule: [{ cron: '17 5 * * 1' }],
    });
  });
});

describe('deploy.yml: build once, deploy the same bytes everywhere', () => {
  const deployJobs = Object.entries(deploy.jobs).filter(([id]) => id.startsWith('deploy-'));

  it('verify publishes the function zips and the synthesized stacks after building and validating them', () => {
    const { verify } = deploy.jobs;
    const [upload] = steps(verify, 'actions/upload-artifact');
    expect(upload.with).toEqual({
      name: 'deploy-build',
      path: 'dist/apps\ndist/cdktf\n',
      'if-no-files-found': 'error',
      'retention-days': 30,
    });
    expect(upload.if).toBe("steps.affected.outputs.stacks != '[]'");
    const uploadAt = verify.steps.indexOf(upload);
    const buildAt = verify.steps.findIndex((s) =>
      s.run?.includes('-t lint typecheck test build synth validate'),
    );
    expect(buildAt).toBeGreaterThan(-1);
    expect(uploadAt).toBeGreaterThan(buildAt);
  });

  it.each(deployJobs.map(([id]) => id))(
    '%s downloads that build into dist and deploys it without building or synthesizing',
    (id) => {
      const job = deploy.jobs[id];
      const [download] = steps(job, 'actions/download-artifact');
      expect(download.with).toEqual({ name: 'deploy-build', path: 'dist' });
      const deployAt = job.steps.findIndex((s) => s.run?.includes('stacks/deploy-order.ts'));
      expect(job.steps.indexOf(download)).toBeLessThan(deployAt);
      expect(job.steps[deployAt].run).toMatch(/ --skipSynth --excludeTaskDependencies$/);
      expect(runs(job)).not.toMatch(/-t [^\n]*\b(build|synth)\b|npm run synth/);
    },
  );
});

describe('drift.yml', () => {
  const job = drift.jobs.drift;

  it('plans every stack with the read-only plan role, then keeps the drift issues, with the job token', () => {
    expect(job.env).toEqual({ PLATFORM_ROLE: 'plan' });
    const commands = job.steps.map((s) => s.run).filter(Boolean);
    expect(commands).toEqual([
      'npm ci',
      'npx tsx tools/ci/bin/aws-credentials.ts configure',
      'npm run synth',
      'npx tsx tools/ci/bin/drift-check.ts cdktf.out',
    ]);
    const last = job.steps[job.steps.length - 1] as Step & { env?: Record<string, string> };
    expect(last.env).toEqual({ GH_TOKEN: '${{ github.token }}' });
    expect(drift.concurrency).toEqual({ group: 'drift', 'cancel-in-progress': false });
  });
});

describe('README "What CI runs"', () => {
  it('lists exactly the commands the workflows run', () => {
    const documented = new Set(
      commands(
        readmeSection('What CI runs')
          .match(/```bash\n[\s\S]*?```/g)!
          .join('\n'),
      ),
    );
    const run = new Set(allJobs.flatMap(([, job]) => commands(runs(job))));
    expect([...run].sort()).toEqual([...documented].sort());
  });
});
