import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { copyWorkspace, type WorkspaceCopy } from './support/workspaceCopy';

/*
 * `nx affected` picks exactly the right projects (shared/DESIGN.md "Which way imports go"): run in a
 * temporary git copy of the repository, one commit per change, so the real project graph decides.
 * Two fixture apps with stacks, one using @platform/logging and one not, make the logging case
 * meaningful whatever the real apps import.
 */
let copy: WorkspaceCopy;
let work: string;

interface ProjectNode {
  readonly name: string;
  readonly data: {
    readonly root: string;
    readonly tags?: string[];
    readonly targets?: Record<string, unknown>;
  };
}
let projects: ProjectNode[];
let dependencies: Record<string, { target: string }[]>;

const git = (...args: string[]) => copy.git(...args);
const write = (file: string, text: string) => {
  mkdirSync(dirname(join(work, file)), { recursive: true });
  writeFileSync(join(work, file), text);
};

/** Commits a change to `file` and returns the projects Nx finds affected by that commit alone. */
function affectedBy(
  file: string,
  change = '\n// touched by affected.test.ts\n',
  withTarget?: string,
): string[] {
  if (!existsSync(join(work, file))) throw new Error(`${file} does not exist in the repository copy`);
  appendFileSync(join(work, file), change);
  git('add', '-A');
  git('commit', '-q', '-m', `change ${file}`);
  return affected(withTarget);
}

function affected(withTarget?: string): string[] {
  const args = ['show', 'projects', '--affected', '--base=HEAD~1', '--head=HEAD', '--json'];
  return (
    JSON.parse(copy.nx(...args, ...(withTarget ? ['--withTarget', withTarget] : []))) as string[]
  ).sort();
}

const byTag = (tag: string) =>
  projects
    .filter((p) => p.data.tags?.includes(tag))
    .map((p) => p.name)
    .sort();
/** Every project `name` depends on, directly or through others (the project graph's edges). */
function dependenciesOf(name: string): string[] {
  const found = new Set<string>();
  const pending = [name];
  while (pending.length > 0) {
    for (const { target } of dependencies[pending.pop()!] ?? []) {
      if (found.has(target)) continue;
      found.add(target);
      pending.push(target);
    }
  }
  return [...found].sort();
}
const appsOf = (names: string[]) => names.filter((n) => byTag('type:app').includes(n));
const stacksOf = (names: string[]) => names.filter((n) => byTag('type:stack').includes(n));

/** `@platform/<name>` imports and package.json dependencies of a project, read from its files, not from Nx. */
function platformImports(projectRoot: string): Set<string> {
  const found = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules' || entry === 'dist') continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (/\.(ts|mts|cts|js|mjs)$/.test(entry)) {
        for (const m of readFileSync(path, 'utf8').matchAll(/from\s+['"]@platform\/([a-z-]+)['"]/g))
          found.add(m[1]);
      } else if (entry === 'package.json') {
        const pkg = JSON.parse(readFileSync(path, 'utf8')) as Record<
          string,
          Record<string, string> | undefined
        >;
        for (const deps of [pkg.dependencies, pkg.devDependencies]) {
          for (const name of Object.keys(deps ?? {}))
            if (name.startsWith('@platform/')) found.add(name.slice(10));
        }
      }
    }
  };
  visit(join(work, projectRoot));
  return found;
}

/** The apps that use `library`, directly or through other libraries. */
function appsUsing(library: string): string[] {
  const libraries = projects.filter((p) => p.data.root.startsWith('packages/'));
  const users = new Set([library]);
  for (let grew = true; grew;) {
    grew = false;
    for (const lib of libraries) {
      if (!users.has(lib.name) && [...platformImports(lib.data.root)].some((i) => users.has(i))) {
        users.add(lib.name);
        grew = true;
      }
    }
  }
  return byTag('type:app').filter((app) => {
    const { root: appRoot } = projects.find((p) => p.name === app)!.data;
    return [...platformImports(appRoot)].some((i) => users.has(i));
  });
}

function addFixtureService(name: string, source: string): void {
  write(
    `apps/${name}/project.json`,
    JSON.stringify({
      name,
      sourceRoot: `apps/${name}/src`,
      projectType: 'application',
      tags: ['type:app'],
      targets: {},
    }),
  );
  write(`apps/${name}/src/handler.ts`, source);
  write(
    `stacks/${name}/project.json`,
    JSON.stringify({
      name: `${name}-stack`,
      sourceRoot: `stacks/${name}/src`,
      projectType: 'application',
      tags: ['type:stack'],
      implicitDependencies: [name, 'stacks'],
      targets: { deploy: { command: 'echo deploy' } },
    }),
  );
  write(`stacks/${name}/src/stack.ts`, "export { ServiceStack as default } from '@platform/constructs';\n");
}

beforeAll(() => {
  copy = copyWorkspace('nx-affected-');
  work = copy.dir;
  addFixtureService(
    'fixture-logs',
    "import * as logging from '@platform/logging';\nexport const log = logging;\n",
  );
  addFixtureService('fixture-quiet', 'export const handler = async () => ({ statusCode: 204 });\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'fixture services');
  copy.nx('graph', `--file=${join(work, 'graph.json')}`);
  const graph = JSON.parse(readFileSync(join(work, 'graph.json'), 'utf8')) as {
    graph: { nodes: Record<string, ProjectNode>; dependencies: typeof dependencies };
  };
  projects = Object.values(graph.graph.nodes);
  dependencies = graph.graph.dependencies;
}, 180_000);

afterAll(() => copy?.remove());

describe('nx affected', () => {
  it('the copy has the apps, stacks and libraries the cases need', () => {
    expect(byTag('type:app')).toEqual(expect.arrayContaining(['orders', 'fixture-logs', 'fixture-quiet']));
    expect(byTag('type:stack')).toEqual(
      expect.arrayContaining(['stacks', 'orders-stack', 'bootstrap-stack', 'fixture-logs-stack']),
    );
    expect(projects.map((p) => p.name)).toEqual(expect.arrayContaining(['logging', 'constructs']));
  });

  it('a change in apps/orders affects orders and orders-stack only', () => {
    const file = readdirSync(join(work, 'apps', 'orders', 'src'), { recursive: true })
      .map(String)
      .find((f) => f.endsWith('.ts'))!;
    expect(affectedBy(`apps/orders/src/${file}`)).toEqual(['orders', 'orders-stack']);
  }, 60_000);

  it('a change in packages/logging affects every app using it and their stacks, and no other app or stack', () => {
    const users = appsUsing('logging');
    expect(users).toContain('fixture-logs');
    expect(users).not.toContain('fixture-quiet');
    const names = affectedBy('packages/logging/src/index.ts');
    expect(appsOf(names)).toEqual(users.sort());
    expect(stacksOf(names)).toEqual(users.map((app) => `${app}-stack`).sort());
  }, 60_000);

  it('a change in packages/constructs affects every stack project and no app', () => {
    const names = affectedBy('packages/constructs/src/index.ts');
    expect(stacksOf(names)).toEqual(byTag('type:stack'));
    expect(appsOf(names)).toEqual([]);
  }, 60_000);

  it('a change in stacks/topology.ts affects every stack project and no app', () => {
    const names = affectedBy('stacks/topology.ts');
    expect(stacksOf(names)).toEqual(byTag('type:stack'));
    expect(appsOf(names)).toEqual([]);
  }, 60_000);

  it("a change in a service's stack affects that stack project only", () => {
    expect(affectedBy('stacks/orders/src/stack.ts')).toEqual(['orders-stack']);
  }, 60_000);

  it('a change in the bootstrap stack affects only bootstrap-stack, which nothing deploys', () => {
    expect(affectedBy('stacks/bootstrap/src/stack.ts')).toEqual(['bootstrap-stack']);
    expect(affected('deploy')).toEqual([]);
  }, 60_000);

  it('a change in the README or the workflows affects no deployable project', () => {
    expect(affectedBy('README.md', '\nA line of documentation.\n', 'deploy')).toEqual([]);
    expect(affected()).toEqual([]);
    expect(affectedBy('.github/workflows/deploy.yml', '\n# a comment\n', 'deploy')).toEqual([]);
  }, 60_000);

  it('no runtime package, app or stack depends on tools; the tests that start local servers depend on their package', () => {
    const deployed = [
      ...byTag('type:runtime'),
      ...byTag('type:app'),
      ...byTag('type:stack'),
      ...byTag('type:infra'),
    ];
    expect(deployed).toEqual(
      expect.arrayContaining(['lambda', 'queue', 'orders', 'reports', 'orders-stack']),
    );
    expect(deployed.filter((name) => dependenciesOf(name).includes('tools'))).toEqual([]);
    for (const name of ['lambda', 'queue', 'orders', 'reports'])
      expect(dependenciesOf(name)).toContain('local-servers');
  });

  it('a change to a CI script affects tooling only: no package, service or stack', () => {
    const names = affectedBy('tools/ci/credentials.ts');
    expect(names).toContain('tools');
    expect(names.filter((name) => !byTag('type:tooling').includes(name))).toEqual([]);
  }, 60_000);

  it('a change to the local servers affects the projects whose tests start them, and no other package, app or stack', () => {
    const names = affectedBy('packages/local-servers/src/sqs.mjs');
    expect(names.filter((name) => !byTag('type:tooling').includes(name))).toEqual([
      'lambda',
      'local-servers',
      'orders',
      'orders-stack',
      'queue',
      'reports',
      'reports-stack',
    ]);
  }, 60_000);
});
