import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const workspaceRoot = join(__dirname, '..', '..', '..');
/** The nx CLI itself, run with node: npx would cost a resolution per call. */
export const nxBin = realpathSync(join(workspaceRoot, 'node_modules', '.bin', 'nx'));

// A copy's nx is a top-level invocation of its own: when Nx runs these tests, its task environment
// carries NX_INVOCATION_ROOT_PID of the outer run, which Nx would inherit (`??`) and the cdktf executor
// would read the outer command line from.
const { NX_INVOCATION_ROOT_PID: _outerInvocation, ...outerEnv } = process.env;

export const nxEnv = {
  ...outerEnv,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  NX_BASE: '',
  NX_HEAD: '',
  // Plain output to match on, also when Nx runs these tests (it forces colour for its tasks).
  FORCE_COLOR: '0',
  NO_COLOR: '1',
};

export interface WorkspaceCopy {
  readonly dir: string;
  run(command: string, args: string[], env?: Record<string, string>): string;
  git(...args: string[]): string;
  nx(...args: string[]): string;
  remove(): void;
}

/**
 * A temporary git repository holding the workspace's tracked and untracked (not ignored) files,
 * with node_modules linked: the real project graph and tools decide, and the repository is untouched.
 */
export function copyWorkspace(prefix: string): WorkspaceCopy {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const files = String(
    execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: workspaceRoot,
    }),
  )
    .split('\0')
    .filter((f) => f && existsSync(join(workspaceRoot, f)) && statSync(join(workspaceRoot, f)).isFile());
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(workspaceRoot, file), join(dir, file));
  }
  symlinkSync(join(workspaceRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const run = (command: string, args: string[], env: Record<string, string> = {}) =>
    String(
      execFileSync(command, args, {
        cwd: dir,
        env: { ...nxEnv, ...env },
        stdio: 'pipe',
        maxBuffer: 64 * 1024 * 1024,
      }),
    );
  const git = (...args: string[]) =>
    run('git', [
      '-c',
      'user.name=test',
      '-c',
      'user.email=test@example.com',
      '-c',
      'commit.gpgsign=false',
      ...args,
    ]);
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'repository copy');
  return {
    dir,
    run,
    git,
    nx: (...args: string[]) => run('node', [nxBin, ...args]),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
