import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStacks } from '../terraform/check';
import { locateProviders, ProviderMirrorError } from '../terraform/providers';

const AWS = { source: 'aws', version: '5.100.0' };
const LINUX = { platform: 'linux' as const, arch: 'x64' };

describe('locateProviders', () => {
  let root: string;
  let home: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tf-providers-'));
    home = join(root, 'home');
    mkdirSync(home);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** An unpacked mirror entry, as `terraform providers mirror` writes with -platform. */
  const unpacked = (mirror: string, version = '5.100.0', target = 'linux_amd64') =>
    mkdirSync(join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', version, target), {
      recursive: true,
    });
  const packed = (mirror: string, version = '5.100.0', target = 'linux_amd64') => {
    mkdirSync(join(mirror, 'registry.terraform.io', 'hashicorp', 'aws'), { recursive: true });
    writeFileSync(
      join(
        mirror,
        'registry.terraform.io',
        'hashicorp',
        'aws',
        `terraform-provider-aws_${version}_${target}.zip`,
      ),
      '',
    );
  };

  it('takes TF_PLUGIN_MIRROR first', () => {
    const mirror = join(root, 'explicit');
    unpacked(mirror);
    unpacked(join(root, 'well-known'));
    expect(
      locateProviders([AWS], {
        ...LINUX,
        home,
        env: { TF_PLUGIN_MIRROR: mirror },
        wellKnown: [join(root, 'well-known')],
      }),
    ).toEqual({ kind: 'mirror', path: mirror, origin: 'TF_PLUGIN_MIRROR' });
  });

  it('refuses a TF_PLUGIN_MIRROR without the pinned version, naming what it lacks', () => {
    const mirror = join(root, 'explicit');
    unpacked(mirror, '5.99.0');
    expect(() =>
      locateProviders([AWS], { ...LINUX, home, env: { TF_PLUGIN_MIRROR: mirror }, wellKnown: [] }),
    ).toThrow(
      new ProviderMirrorError(
        `TF_PLUGIN_MIRROR=${mirror} does not hold registry.terraform.io/hashicorp/aws 5.100.0 for linux_amd64. ` +
          'Point it at the folder that contains registry.terraform.io/, or unset it to let the check search.',
      ),
    );
  });

  it("reads the filesystem_mirror of Terraform's CLI configuration", () => {
    const mirror = join(root, 'from-config');
    packed(mirror);
    const config = join(root, 'terraformrc');
    writeFileSync(
      config,
      `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["*/*"]\n  }\n}\n`,
    );
    expect(
      locateProviders([AWS], { ...LINUX, home, env: { TF_CLI_CONFIG_FILE: config }, wellKnown: [] }),
    ).toEqual({
      kind: 'mirror',
      path: mirror,
      origin: 'CLI config',
    });
  });

  it("uses Terraform's implied local mirror directories (XDG on Linux)", () => {
    const dataDir = join(root, 'share');
    unpacked(join(dataDir, 'terraform', 'plugins'));
    expect(
      locateProviders([AWS], { ...LINUX, home, env: { XDG_DATA_DIRS: dataDir }, wellKnown: [] }),
    ).toEqual({
      kind: 'mirror',
      path: join(dataDir, 'terraform', 'plugins'),
      origin: 'implied mirror',
    });
  });

  it('then the well-known locations, matching the OS and architecture', () => {
    const arm = join(root, 'arm-only');
    unpacked(arm, '5.100.0', 'linux_arm64');
    const amd = join(root, 'amd');
    unpacked(amd);
    expect(locateProviders([AWS], { ...LINUX, home, env: {}, wellKnown: [arm, amd] })).toEqual({
      kind: 'mirror',
      path: amd,
      origin: 'well-known location',
    });
    expect(
      locateProviders([AWS], { platform: 'linux', arch: 'arm64', home, env: {}, wellKnown: [arm, amd] }),
    ).toMatchObject({ path: arm });
  });

  it('falls back to the registry and says where it looked', () => {
    const empty = join(root, 'empty');
    expect(
      locateProviders([AWS], { ...LINUX, home, env: { XDG_DATA_DIRS: root }, wellKnown: [empty] }),
    ).toEqual({
      kind: 'registry',
      searched: [
        join(home, '.terraform.d', 'plugins'),
        join(home, '.local', 'share', 'terraform', 'plugins'),
        join(root, 'terraform', 'plugins'),
        empty,
      ],
    });
  });
});

describe('checkStacks without any provider source', () => {
  it('fails once, before any batch, saying what to install or set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tf-no-provider-'));
    // A stand-in terraform whose registry is unreachable, as on a machine with no network.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const calls = join(dir, 'calls');
    writeFileSync(
      join(bin, 'terraform'),
      [
        '#!/bin/sh',
        `echo "$1" >> ${JSON.stringify(calls)}`,
        'case "$1" in',
        `  version) echo '{"terraform_version":"1.11.4"}' ;;`,
        `  init) printf '%s\\n' 'Error: Failed to query available provider packages' 'could not connect to registry.terraform.io: failed to request discovery document' >&2; exit 1 ;;`,
        'esac',
        '',
      ].join('\n'),
    );
    chmodSync(join(bin, 'terraform'), 0o755);
    for (const name of ['a-dev', 'b-dev']) {
      mkdirSync(join(dir, 'out', 'stacks', name), { recursive: true });
      writeFileSync(
        join(dir, 'out', 'stacks', name, 'cdk.tf.json'),
        JSON.stringify({
          terraform: { required_providers: { aws: { source: 'aws', version: '0.0.1-none' } } },
        }),
      );
    }
    const { PATH: path, TF_PLUGIN_MIRROR: mirror } = process.env;
    process.env.PATH = `${bin}:${path}`;
    delete process.env.TF_PLUGIN_MIRROR;
    try {
      const check = checkStacks({ outdir: join(dir, 'out'), workdir: join(dir, 'work'), batchSize: 1 });
      await expect(check).rejects.toThrow(ProviderMirrorError);
      await expect(check).rejects.toThrow(
        /needs registry\.terraform\.io\/hashicorp\/aws 0\.0\.1-none\. No local mirror holds it .*could not connect to registry\.terraform\.io.*set TF_PLUGIN_MIRROR=<folder>/,
      );
      // version, then the one provider init: no batch was started.
      expect(readFileSync(calls, 'utf8')).toBe('version\ninit\n');
    } finally {
      process.env.PATH = path;
      if (mirror !== undefined) process.env.TF_PLUGIN_MIRROR = mirror;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
