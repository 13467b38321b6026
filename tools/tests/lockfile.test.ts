import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * `npm ci` installs exactly what package-lock.json lists and fails when a package it needs is missing.
 * Native tools (esbuild, @swc/core, nx, ...) reach their binaries through optional dependencies, one per
 * OS and CPU: a lock written on Linux by a registry mirror without the macOS/Windows packages passes
 * here and fails `npm ci` on a Mac. This checks that every optional dependency of every locked package
 * resolves to a locked entry, whatever this machine's platform.
 */
interface LockEntry {
  readonly optionalDependencies?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly link?: boolean;
}
interface Lock {
  readonly packages: Record<string, LockEntry>;
}

/** Where npm resolves `name` from the package at `path`: its own node_modules, then each parent's. */
function resolves(lock: Lock, path: string, name: string): boolean {
  let dir = path;
  for (;;) {
    if (lock.packages[`${dir ? `${dir}/` : ''}node_modules/${name}`]) return true;
    if (!dir) return false;
    const at = dir.lastIndexOf('node_modules/');
    dir = at <= 0 ? '' : dir.slice(0, at - 1);
  }
}

export function missingEntries(lock: Lock): string[] {
  const missing: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      if (!resolves(lock, path, name)) missing.push(`${path || '(root)'} -> ${name}`);
    }
  }
  return missing;
}

describe('package-lock.json', () => {
  it('locks every optional (per-platform) dependency, so npm ci works on every OS', () => {
    const lock = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package-lock.json'), 'utf8')) as Lock;
    expect(missingEntries(lock)).toEqual([]);
  });

  it('catches a lock that lacks another platform’s binary', () => {
    const lock: Lock = {
      packages: {
        '': { dependencies: { esbuild: '0.28.2' } },
        'node_modules/esbuild': {
          optionalDependencies: { '@esbuild/linux-x64': '0.28.2', '@esbuild/darwin-arm64': '0.28.2' },
        },
        'node_modules/@esbuild/linux-x64': {},
        'node_modules/nx/node_modules/tool': {
          optionalDependencies: { '@tool/win32-x64': '1.0.0', shared: '1.0.0' },
        },
        'node_modules/shared': {},
      },
    };
    expect(missingEntries(lock)).toEqual([
      'node_modules/esbuild -> @esbuild/darwin-arm64',
      'node_modules/nx/node_modules/tool -> @tool/win32-x64',
    ]);
  });
});
