#!/usr/bin/env tsx
// Task time per generated service (issue 19, item 3), old configuration against new in one run: for each
// configuration, a temporary copy of the repository at that revision (node_modules linked from this one),
// N services from its own generators (as bench/scale.ts makes them), then
// `nx run-many -t lint typecheck test --skip-nx-cache -p svc-*` under NX_PROFILE: what each task of a
// generated service cost, and what the run needed besides (tasks of shared projects it depended on).
//
//   npx tsx bench/task-cost.ts --old=main --new=HEAD      N = 10, one round (old, then new)
//   options: --services=10 --rounds=2 (old, new, old, new, ...) --keep --json=<file>
//   a revision may be WORKTREE (this checkout's tracked and untracked files as they are now) or none (skipped).
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { machine } from './lib/stats';
import { type Copy, commitAll, generateInProcess, nx, serviceSpec } from './scale/workspace';

const root = resolve(__dirname, '..');
const option = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const SERVICES = Number(option('services', '10'));
const ROUNDS = Number(option('rounds', '1'));
const CONFIGS = { old: option('old', 'main'), new: option('new', 'HEAD') };
const TARGETS = ['lint', 'typecheck', 'test'];

function copyAt(revision: string): Copy {
  const dir = mkdtempSync(join(tmpdir(), `task-cost-${revision.replace(/\W/g, '')}-`));
  if (revision === 'WORKTREE') {
    const files = String(
      execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root }),
    )
      .split('\0')
      .filter((f) => f && existsSync(join(root, f)) && statSync(join(root, f)).isFile());
    for (const file of files) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      copyFileSync(join(root, file), join(dir, file));
    }
  } else {
    const archive = execFileSync('git', ['archive', '--format=tar', revision], {
      cwd: root,
      maxBuffer: 1 << 30,
    });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const git = (...args: string[]) =>
    String(
      execFileSync(
        'git',
        [
          '-c',
          'user.name=bench',
          '-c',
          'user.email=bench@example.com',
          '-c',
          'commit.gpgsign=false',
          ...args,
        ],
        { cwd: dir, stdio: 'pipe' },
      ),
    );
  const copy: Copy = {
    dir,
    existingServices: [],
    git,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  git('init', '-q', '-b', 'main');
  commitAll(copy, 'repository copy');
  return copy;
}

interface ProfileEvent {
  ph: string;
  dur: number;
  args: { target: { project: string; target: string }; status: string };
}

async function measure(label: string, revision: string) {
  const commit =
    revision === 'WORKTREE'
      ? 'worktree'
      : String(execFileSync('git', ['rev-parse', '--short', revision], { cwd: root })).trim();
  const copy = copyAt(revision);
  await generateInProcess(
    copy,
    Array.from({ length: SERVICES }, (_, i) => serviceSpec(i)),
  );
  commitAll(copy, `${SERVICES} generated services`);
  const profileFile = 'tmp/task-cost-profile.json';
  const loadBefore = loadavg()[0]!;
  const run = await nx(copy, ['run-many', '-t', ...TARGETS, '--skip-nx-cache', '-p', 'svc-*'], {
    env: { NX_PROFILE: profileFile },
    allowFailure: true,
  });
  const profile = (JSON.parse(readFileSync(join(copy.dir, profileFile), 'utf8')) as ProfileEvent[]).filter(
    (e) => e.ph === 'X',
  );
  const tasks = profile.map((e) => ({
    project: e.args.target.project,
    target: e.args.target.target,
    seconds: e.dur / 1e6,
    status: e.args.status,
  }));
  const generated = (t: { project: string }) => /^svc-\d{3}(-stack)?$/.test(t.project);
  const byKind: Record<string, number> = {};
  for (const t of tasks.filter(generated)) {
    const kind = `${t.project.endsWith('-stack') ? 'stack' : 'app'}:${t.target}`;
    byKind[kind] = (byKind[kind] ?? 0) + t.seconds / SERVICES;
  }
  const perService = Object.values(byKind).reduce((a, b) => a + b, 0);
  const shared = tasks.filter((t) => !generated(t));
  const result = {
    label,
    revision,
    commit,
    dir: copy.dir,
    wallMs: run.wallMs,
    code: run.code,
    loadBefore,
    loadAfter: loadavg()[0]!,
    perService,
    byKind,
    shared,
    failed: tasks.filter((t) => t.status === 'failure').map((t) => `${t.project}:${t.target}`),
    outputTail: run.code === 0 ? undefined : run.stdout.slice(-6000),
  };
  if (!process.argv.includes('--keep')) copy.remove();
  console.log(
    `${label} (${commit}): ${perService.toFixed(1)} s of tasks per service, wall ${(run.wallMs / 1000).toFixed(0)} s, ` +
      `load ${loadBefore.toFixed(1)}→${result.loadAfter.toFixed(1)}, failed ${result.failed.length}`,
  );
  for (const [kind, s] of Object.entries(byKind).sort())
    console.log(`  ${kind.padEnd(16)} ${s.toFixed(2)} s`);
  for (const t of shared) console.log(`  (shared) ${t.project}:${t.target} ${t.seconds.toFixed(1)} s`);
  if (result.failed.length) console.log(result.outputTail);
  return result;
}

async function main() {
  const results = {
    machine: machine(),
    services: SERVICES,
    date: new Date().toISOString(),
    runs: [] as unknown[],
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [label, revision] of Object.entries(CONFIGS).filter(([, r]) => r !== 'none')) {
      results.runs.push(await measure(label, revision));
    }
  }
  const out = option('json', join(root, 'tmp', 'task-cost-results.json'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(results, null, 1));
  console.log(`results in ${out}`);
}

void main();
