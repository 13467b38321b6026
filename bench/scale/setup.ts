// The fixed cost of a CI job before its first task, measured on this machine: `npm ci` into a fresh folder
// that holds only the package manifests and the lockfile (the npm cache warm, as actions/setup-node's
// `cache: npm` keeps it), and Nx's start-up with no project graph cached (`nx show projects`, daemon off).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMeasured } from '../lib/procTree';
import { type Copy, nx } from './workspace';

/** `npm ci` of the workspace's manifests in a fresh folder; returns its wall ms. */
export async function measureNpmCi(root: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-npm-ci-'));
  try {
    const manifests = ['package.json', 'package-lock.json'];
    for (const group of ['apps', 'packages', 'stacks']) {
      if (!existsSync(join(root, group))) continue;
      for (const name of readdirSync(join(root, group))) {
        if (existsSync(join(root, group, name, 'package.json')))
          manifests.push(join(group, name, 'package.json'));
      }
    }
    for (const file of manifests) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      copyFileSync(join(root, file), join(dir, file));
    }
    const run = await runMeasured('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, env: process.env });
    return run.wallMs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Nx's start-up and project graph in the copy, nothing cached (what every job's first nx command pays). */
export async function measureNxStart(copy: Copy): Promise<number> {
  rmSync(join(copy.dir, '.nx', 'workspace-data'), { recursive: true, force: true });
  return (await nx(copy, ['show', 'projects'])).wallMs;
}
