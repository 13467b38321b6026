import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { copyWorkspace, nxBin, type WorkspaceCopy } from './support/workspaceCopy';

/*
 * Build once, deploy the same bytes: deploy.yml deploys the zips its verify job built, and an unchanged
 * function must keep its hash (Terraform redeploys on a new source_code_hash). So two builds of one
 * commit, from scratch, here in two time zones (zip entries hold local time), give identical zips.
 */
let copy: WorkspaceCopy;

beforeAll(() => {
  copy = copyWorkspace('nx-bundle-');
}, 120_000);

afterAll(() => copy?.remove());

/** `nx run-many -t build` from an empty dist, then the sha256 of every zip by path. */
function build(env: Record<string, string>): Record<string, string> {
  rmSync(join(copy.dir, 'dist'), { recursive: true, force: true });
  copy.run(
    'node',
    [nxBin, 'run-many', '-t', 'build', '-p', 'orders', 'reports', '--skip-nx-cache', '--outputStyle=static'],
    env,
  );
  const hashes: Record<string, string> = {};
  for (const service of ['orders', 'reports']) {
    const dir = join(copy.dir, 'dist', 'apps', service);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.zip'))) {
      hashes[`${service}/${file}`] = createHash('sha256')
        .update(readFileSync(join(dir, file)))
        .digest('hex');
    }
  }
  return hashes;
}

describe('function zips', () => {
  it('are byte-identical when the same commit is built twice', () => {
    const first = build({ TZ: 'UTC' });
    const second = build({ TZ: 'America/New_York' });
    expect(Object.keys(first).sort()).toEqual([
      'orders/create-order.zip',
      'orders/process-orders.zip',
      'reports/publish-daily-report.zip',
      'reports/record-sale.zip',
    ]);
    expect(second).toEqual(first);
  }, 300_000);
});
