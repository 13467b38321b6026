/**
 * Where the Terraform check gets its providers from, found without any setting on a machine that
 * has them: the first place holding every pinned provider for this OS and architecture wins.
 *
 * 1. `TF_PLUGIN_MIRROR` (a filesystem mirror: the folder holding `registry.terraform.io`);
 * 2. the `filesystem_mirror` paths of Terraform's CLI configuration (`TF_CLI_CONFIG_FILE`, else
 *    `~/.terraformrc` or `%APPDATA%/terraform.rc`);
 * 3. Terraform's implied local mirror directories (developer.hashicorp.com/terraform/cli/config/config-file#implied-local-mirror-directories);
 * 4. well-known install locations of machine images (WELL_KNOWN_MIRRORS);
 * 5. the Terraform registry.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Folders that machine images and CI runners use for a provider mirror, outside Terraform's own list. */
export const WELL_KNOWN_MIRRORS = [
  '/opt/tf-plugins',
  '/opt/terraform/plugins',
  '/usr/local/lib/terraform/plugins',
];

export interface RequiredProvider {
  /** `hashicorp/aws`, or `aws` (registry.terraform.io/hashicorp/aws). */
  readonly source: string;
  /** An exact version (what cdktf pins); a constraint matches any mirrored version. */
  readonly version?: string;
}

export type ProviderSource =
  | { readonly kind: 'mirror'; readonly path: string; readonly origin: string }
  | { readonly kind: 'registry'; readonly searched: readonly string[] };

export interface LocateOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
  readonly platform?: NodeJS.Platform;
  readonly arch?: string;
  readonly wellKnown?: readonly string[];
}

export class ProviderMirrorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderMirrorError';
  }
}

export function locateProviders(
  required: readonly RequiredProvider[],
  options: LocateOptions = {},
): ProviderSource {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const target = `${platform === 'win32' ? 'windows' : platform}_${terraformArch(options.arch ?? process.arch)}`;
  const holdsAll = (dir: string) => required.every((p) => mirrorHolds(dir, p, target));

  const explicit = env.TF_PLUGIN_MIRROR;
  if (explicit) {
    if (holdsAll(explicit)) return { kind: 'mirror', path: explicit, origin: 'TF_PLUGIN_MIRROR' };
    throw new ProviderMirrorError(
      `TF_PLUGIN_MIRROR=${explicit} does not hold ${describe(required, target)}. ` +
        `Point it at the folder that contains registry.terraform.io/, or unset it to let the check search.`,
    );
  }
  const candidates: [string, string][] = [
    ...cliConfigMirrors(env, options.home ?? homedir(), platform).map((p): [string, string] => [
      p,
      'CLI config',
    ]),
    ...impliedMirrors(env, options.home ?? homedir(), platform).map((p): [string, string] => [
      p,
      'implied mirror',
    ]),
    ...(options.wellKnown ?? WELL_KNOWN_MIRRORS).map((p): [string, string] => [p, 'well-known location']),
  ];
  for (const [path, origin] of candidates) {
    if (holdsAll(path)) return { kind: 'mirror', path, origin };
  }
  return { kind: 'registry', searched: candidates.map(([p]) => p) };
}

/** The message when neither a mirror nor the registry could provide the providers. */
export function providersUnavailable(
  required: readonly RequiredProvider[],
  searched: readonly string[],
  cause: string,
): ProviderMirrorError {
  // Terraform's own reason, one line: "could not connect to registry.terraform.io: ..." when offline.
  const lines = cause.split('\n').map((l) => l.replace(/^[│╷╵\s]+/, '').trim());
  const registryLine =
    lines.find((l) => /could not|unable to|no available|does not have/i.test(l)) ??
    lines.find((l) => l.startsWith('Error:'));
  return new ProviderMirrorError(
    `The Terraform check needs ${describe(required)}. No local mirror holds it (searched ${searched.join(', ')}), ` +
      `and the Terraform registry could not provide it${registryLine ? ` (${registryLine})` : ''}. ` +
      'Either allow access to registry.terraform.io, or put the provider in a filesystem mirror ' +
      '(`terraform providers mirror <folder>` on a machine with access) and set TF_PLUGIN_MIRROR=<folder>.',
  );
}

function describe(required: readonly RequiredProvider[], target?: string): string {
  const names = required.map((p) => `${fullSource(p.source)}${p.version ? ` ${p.version}` : ''}`).join(', ');
  return target ? `${names} for ${target}` : names;
}

function terraformArch(arch: string): string {
  return ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[arch] ?? arch;
}

function fullSource(source: string): string {
  const parts = source.split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${source}`;
  return source;
}

/** Both mirror layouts: unpacked `<source>/<version>/<target>/` and packed `<source>/terraform-provider-<type>_<version>_<target>.zip`. */
function mirrorHolds(dir: string, provider: RequiredProvider, target: string): boolean {
  const folder = join(dir, ...fullSource(provider.source).split('/'));
  if (!existsSync(folder)) return false;
  const type = fullSource(provider.source).split('/')[2];
  const exact = provider.version && /^\d[\w.+-]*$/.test(provider.version) ? provider.version : undefined;
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return false;
  }
  return entries.some((entry) => {
    const packed = new RegExp(`^terraform-provider-${type}_(.+)_${target}\\.zip$`).exec(entry);
    if (packed) return !exact || packed[1] === exact;
    return (!exact || entry === exact) && existsSync(join(folder, entry, target));
  });
}

function cliConfigMirrors(env: NodeJS.ProcessEnv, home: string, platform: NodeJS.Platform): string[] {
  const file =
    env.TF_CLI_CONFIG_FILE ||
    (platform === 'win32' ? join(env.APPDATA ?? home, 'terraform.rc') : join(home, '.terraformrc'));
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  // filesystem_mirror { path = "..." }: the only block whose location we need; HCL beyond that is not parsed.
  return [...text.matchAll(/filesystem_mirror\s*\{[^}]*?\bpath\s*=\s*"([^"]+)"/g)].map((m) => m[1]);
}

function impliedMirrors(env: NodeJS.ProcessEnv, home: string, platform: NodeJS.Platform): string[] {
  if (platform === 'win32') return [join(env.APPDATA ?? home, 'HashiCorp', 'Terraform', 'plugins')];
  if (platform === 'darwin') {
    return [
      join(home, '.terraform.d', 'plugins'),
      join(home, 'Library', 'Application Support', 'io.terraform', 'plugins'),
      '/Library/Application Support/io.terraform/plugins',
    ];
  }
  const dataHome = env.XDG_DATA_HOME || join(home, '.local', 'share');
  const dataDirs = (env.XDG_DATA_DIRS || '/usr/local/share/:/usr/share/').split(delimiter).filter(Boolean);
  return [
    join(home, '.terraform.d', 'plugins'),
    join(dataHome, 'terraform', 'plugins'),
    ...dataDirs.map((d) => join(d, 'terraform', 'plugins')),
  ];
}
