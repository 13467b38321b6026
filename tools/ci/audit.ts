/**
 * npx tsx tools/ci/audit.ts [--report <npm audit --json output>]: the dependency audit of CI.
 *
 * Runs `npm audit --omit=dev --json` (what the Lambda bundles and the tools ship, not the dev tooling)
 * and fails on any high or critical advisory that `.github/audit-allowlist.json` does not accept. An
 * allowlist entry names the advisory (GHSA id), why it does not apply, and a date after which it must be
 * looked at again: an expired entry fails the audit, an entry matching nothing is reported for removal.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

export type Severity = 'info' | 'low' | 'moderate' | 'high' | 'critical';
const FAILING: ReadonlySet<Severity> = new Set(['high', 'critical']);

export interface AllowlistEntry {
  /** The advisory, e.g. GHSA-xxxx-xxxx-xxxx. */
  readonly id: string;
  /** Why it does not affect us (at least a sentence). */
  readonly reason: string;
  /** YYYY-MM-DD: after this day the entry fails the audit until renewed or removed. */
  readonly until: string;
}

export interface Advisory {
  readonly id: string;
  readonly package: string;
  readonly severity: Severity;
  readonly title: string;
  readonly url: string;
}

export interface AuditResult {
  readonly failing: readonly Advisory[];
  readonly allowed: readonly Advisory[];
  readonly reported: readonly Advisory[];
  readonly expired: readonly AllowlistEntry[];
  readonly unused: readonly AllowlistEntry[];
}

export interface NpmAuditReport {
  readonly auditReportVersion?: number;
  readonly vulnerabilities?: Record<
    string,
    {
      readonly name: string;
      readonly severity: Severity;
      readonly via: readonly (
        string | { source: number; name: string; title: string; url: string; severity: Severity }
      )[];
    }
  >;
}

/** The advisories of an `npm audit --json` report (v2), once each, by GHSA id. */
export function advisories(report: NpmAuditReport): Advisory[] {
  const byId = new Map<string, Advisory>();
  for (const vulnerability of Object.values(report.vulnerabilities ?? {})) {
    for (const via of vulnerability.via) {
      if (typeof via === 'string') continue; // a dependency path; its advisory is listed under that package
      const id = /GHSA(-[\w]{4}){3}/.exec(via.url)?.[0] ?? `npm-${via.source}`;
      byId.set(id, { id, package: via.name, severity: via.severity, title: via.title, url: via.url });
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export function checkAllowlist(entries: unknown): AllowlistEntry[] {
  if (!Array.isArray(entries))
    throw new Error('audit allowlist: expected an array of { id, reason, until } entries.');
  return entries.map((e: Partial<AllowlistEntry>, i) => {
    if (!e || typeof e.id !== 'string' || !/^GHSA(-[\w]{4}){3}$/.test(e.id))
      throw new Error(
        `audit allowlist entry ${i}: id ${JSON.stringify(e?.id)} is not a GHSA id (GHSA-xxxx-xxxx-xxxx).`,
      );
    if (typeof e.reason !== 'string' || e.reason.trim().length < 20)
      throw new Error(
        `audit allowlist entry ${e.id}: give a reason of at least 20 characters why it does not apply.`,
      );
    if (
      typeof e.until !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}$/.test(e.until) ||
      Number.isNaN(Date.parse(e.until))
    )
      throw new Error(
        `audit allowlist entry ${e.id}: until ${JSON.stringify(e.until)} must be a date YYYY-MM-DD.`,
      );
    return { id: e.id, reason: e.reason, until: e.until };
  });
}

export function evaluate(
  found: readonly Advisory[],
  allowlist: readonly AllowlistEntry[],
  today: string,
): AuditResult {
  const valid = allowlist.filter((e) => e.until >= today);
  const accepted = new Set(valid.map((e) => e.id));
  const serious = found.filter((a) => FAILING.has(a.severity));
  return {
    failing: serious.filter((a) => !accepted.has(a.id)),
    allowed: serious.filter((a) => accepted.has(a.id)),
    reported: found.filter((a) => !FAILING.has(a.severity)),
    expired: allowlist.filter((e) => e.until < today),
    unused: valid.filter((e) => !found.some((a) => a.id === e.id)),
  };
}

export function formatResult(result: AuditResult): { lines: string[]; ok: boolean } {
  const line = (a: Advisory) => `${a.severity.padEnd(8)} ${a.id} ${a.package}: ${a.title} (${a.url})`;
  const lines = [
    ...result.failing.map((a) => `FAIL     ${line(a)}`),
    ...result.expired.map(
      (e) =>
        `FAIL     allowlist entry ${e.id} expired on ${e.until}: look at it again, then renew or remove it.`,
    ),
    ...result.allowed.map((a) => `allowed  ${line(a)}`),
    ...result.reported.map((a) => `reported ${line(a)}`),
    ...result.unused.map((e) => `unused   allowlist entry ${e.id} matches no advisory any more: remove it.`),
  ];
  const ok = result.failing.length === 0 && result.expired.length === 0;
  lines.push(
    `npm audit (production dependencies): ${result.failing.length} failing, ${result.allowed.length} allowed, ` +
      `${result.reported.length} below high, ${result.expired.length} expired allowlist entries`,
  );
  return { lines, ok };
}

async function npmAudit(cwd: string): Promise<NpmAuditReport> {
  try {
    const { stdout } = await promisify(execFile)('npm', ['audit', '--omit=dev', '--json'], {
      cwd,
      maxBuffer: 64 << 20,
    });
    return JSON.parse(stdout) as NpmAuditReport;
  } catch (error) {
    // npm audit exits 1 when it finds anything; its JSON report is still on stdout.
    const stdout = (error as { stdout?: string }).stdout;
    if (stdout) {
      const report = JSON.parse(stdout) as NpmAuditReport & { error?: { summary?: string } };
      if (!report.error) return report;
      throw new Error(`npm audit failed: ${report.error.summary || stdout.slice(0, 300)}`);
    }
    throw error;
  }
}

async function main() {
  const root = join(__dirname, '..', '..');
  const at = process.argv.indexOf('--report');
  const report =
    at > 0
      ? (JSON.parse(readFileSync(process.argv[at + 1], 'utf8')) as NpmAuditReport)
      : await npmAudit(root);
  const allowlist = checkAllowlist(
    JSON.parse(readFileSync(join(root, '.github', 'audit-allowlist.json'), 'utf8')),
  );
  const { lines, ok } = formatResult(
    evaluate(advisories(report), allowlist, new Date().toISOString().slice(0, 10)),
  );
  for (const l of lines) console.log(l);
  if (!ok) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
}
