import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import * as ts from 'typescript';

export const workspaceRoot = join(__dirname, '..', '..', '..', '..');

export const TOPOLOGY = `import { defineTopology } from './lib/topology';

export const topology = defineTopology({
  organization: 'acme',
  repository: 'acme/platform',
  environments: ['dev', 'staging', 'prod'],
  defaultRegion: 'eu-west-1',
  accounts: {
    'commerce-dev': { id: '111111111111' },
    'insights-dev': { id: '444444444444' },
  },
  teams: {
    commerce: { accounts: { dev: 'commerce-dev' } },
    insights: { accounts: { dev: 'insights-dev' } },
  },
  services: {
    orders: { team: 'commerce' },
  },
});
`;

/** An empty Nx workspace with the platform's topology and the real AWS sample events the generators read. */
export function platformTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.write('stacks/topology.ts', TOPOLOGY);
  const events = join(workspaceRoot, 'packages', 'test-helpers', 'events');
  for (const file of readdirSync(events).filter((f) => f.endsWith('.json'))) {
    tree.write(`packages/test-helpers/events/${file}`, readFileSync(join(events, file)));
  }
  baselines.set(tree, new Map(tree.listChanges().map((c) => [c.path, c.content?.toString()])));
  return tree;
}

const baselines = new WeakMap<Tree, Map<string, string | undefined>>();

/** The files created or changed since `platformTree()` made the workspace, by path. */
export function changedFiles(tree: Tree): string[] {
  const baseline = baselines.get(tree) ?? new Map<string, string | undefined>();
  return tree
    .listChanges()
    .filter((c) => c.type !== 'DELETE' && baseline.get(c.path) !== c.content?.toString())
    .map((c) => c.path)
    .sort();
}

/**
 * Type-checks the generated TypeScript against the real platform packages: the files
 * are written to tmp/ inside the workspace (so node_modules and the packages resolve), with
 * `@apps/<service>` pointing at the generated apps.
 */
export function typeCheck(tree: Tree): string[] {
  const dir = mkdtempSync(join(workspaceRoot, 'tmp', 'generated-'));
  try {
    const files: string[] = [];
    for (const change of tree.listChanges()) {
      if (change.type === 'DELETE' || !/^(apps|stacks)\//.test(change.path) || !change.path.endsWith('.ts'))
        continue;
      if (change.path === 'stacks/topology.ts') continue;
      const target = join(dir, change.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, change.content!);
      files.push(target);
    }
    const base = ts.readConfigFile(join(workspaceRoot, 'tsconfig.base.json'), ts.sys.readFile).config as {
      compilerOptions: Record<string, unknown> & { paths: Record<string, string[]> };
    };
    const paths = Object.fromEntries(
      Object.entries(base.compilerOptions.paths).map(([name, [target]]) => [
        name,
        [name === '@apps/*' ? join(dir, target) : join(workspaceRoot, target)],
      ]),
    );
    // A plain check of the files: without the emit settings of the composite projects (outDir, declarations).
    const {
      composite: _c,
      declaration: _d,
      emitDeclarationOnly: _e,
      outDir: _o,
      ...checked
    } = base.compilerOptions;
    const { options, errors } = ts.convertCompilerOptionsFromJson(
      { ...checked, paths, types: ['node', 'jest'], noEmit: true },
      workspaceRoot,
    );
    if (errors.length > 0) throw new Error(ts.flattenDiagnosticMessageText(errors[0].messageText, '\n'));
    const program = ts.createProgram([...files, join(workspaceRoot, 'types', 'cdktf-jest.d.ts')], options);
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file
        ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

mkdirSync(join(workspaceRoot, 'tmp'), { recursive: true });
