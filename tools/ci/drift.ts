import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Drift: plans every service stack of a synthesized app (synthesized with PLATFORM_ROLE=plan, so
 * each stack reads with its account's read-only plan role) and keeps one GitHub issue per drifted
 * stack. Library of tools/ci/bin/drift-check.ts; README "What CI runs".
 */
export const DRIFT_LABEL = 'drift';
export const issueTitle = (stack: string) => `Drift: ${stack}`;

export type PlanOutcome = 'clean' | 'drift' | 'error';

export interface StackPlan {
  readonly stack: string;
  readonly dir: string;
  readonly outcome: PlanOutcome;
  /** What Terraform printed (init's output too when init failed). */
  readonly output: string;
}

export class DriftError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DriftError';
  }
}

/**
 * The service stacks of a cdktf output folder, by name. Bootstrap stacks are left out: an
 * administrator applies them, and their provider assumes no pipeline role (tools/ci/credentials.ts).
 */
export function serviceStacks(synthDir: string): { stack: string; dir: string }[] {
  const file = join(synthDir, 'manifest.json');
  if (!existsSync(file)) {
    throw new DriftError(
      `${file} does not exist. Synthesize first, with the plan role: PLATFORM_ROLE=plan npm run synth`,
    );
  }
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
    stacks: Record<string, { workingDirectory: string }>;
  };
  return Object.entries(manifest.stacks)
    .filter(([stack]) => !stack.startsWith('bootstrap-'))
    .map(([stack, s]) => ({ stack, dir: join(synthDir, s.workingDirectory) }))
    .sort((a, b) => a.stack.localeCompare(b.stack));
}

/**
 * `terraform plan -detailed-exitcode`: 0 no changes, 2 changes (drift), anything else an error.
 * `-lock=false`: a read-only role cannot take the state lock, and a check must not block a deploy.
 */
export function planStack(stack: string, dir: string, terraform = 'terraform'): StackPlan {
  const run = (args: string[]) => {
    const r = spawnSync(terraform, args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return {
      status: r.status ?? 1,
      output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`,
    };
  };
  const init = run(['init', '-input=false', '-no-color']);
  if (init.status !== 0) return { stack, dir, outcome: 'error', output: init.output };
  const plan = run(['plan', '-detailed-exitcode', '-lock=false', '-input=false', '-no-color']);
  const outcome: PlanOutcome = plan.status === 0 ? 'clean' : plan.status === 2 ? 'drift' : 'error';
  return { stack, dir, outcome, output: plan.output };
}

/** The GitHub CLI (`gh`, preinstalled on GitHub's runners; GH_TOKEN authenticates it). */
export type Gh = (args: string[], input?: string) => string;
export const gh: Gh = (args, input) =>
  execFileSync('gh', args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'inherit'] });

export interface IssueChange {
  readonly stack: string;
  readonly action: 'opened' | 'updated' | 'closed' | 'none';
  readonly issue?: number;
}

const MAX_PLAN_CHARS = 60_000; // an issue body holds 65,536 characters

export function issueBody(plan: StackPlan, runUrl: string | undefined): string {
  const output = plan.output.length > MAX_PLAN_CHARS ? `…${plan.output.slice(-MAX_PLAN_CHARS)}` : plan.output;
  return [
    `\`terraform plan\` of **${plan.stack}** with the read-only plan role shows changes: what is deployed`,
    `no longer matches main. Deploy main again (or change the code to match), then this issue closes at`,
    `the next clean check.`,
    '',
    `Last check: ${runUrl ?? 'local run'}`,
    '',
    '<details><summary>Plan</summary>',
    '',
    '```',
    output.trimEnd(),
    '```',
    '</details>',
    '',
  ].join('\n');
}

/** Opens or updates the issue of each drifted stack, closes the issue of each clean one; errors leave it alone. */
export function syncIssues(plans: readonly StackPlan[], ghCli: Gh, runUrl?: string): IssueChange[] {
  ghCli([
    'label',
    'create',
    DRIFT_LABEL,
    '--force',
    '--color',
    'D93F0B',
    '--description',
    'A deployed stack differs from main',
  ]);
  const open = JSON.parse(
    ghCli([
      'issue',
      'list',
      '--label',
      DRIFT_LABEL,
      '--state',
      'open',
      '--limit',
      '1000',
      '--json',
      'number,title',
    ]),
  ) as { number: number; title: string }[];
  const issueOf = (stack: string) => open.find((i) => i.title === issueTitle(stack))?.number;
  return plans.map((plan): IssueChange => {
    const issue = issueOf(plan.stack);
    if (plan.outcome === 'drift') {
      const body = issueBody(plan, runUrl);
      if (issue !== undefined) {
        ghCli(['issue', 'edit', String(issue), '--body-file', '-'], body);
        return { stack: plan.stack, action: 'updated', issue };
      }
      const url = ghCli(
        ['issue', 'create', '--title', issueTitle(plan.stack), '--label', DRIFT_LABEL, '--body-file', '-'],
        body,
      );
      return { stack: plan.stack, action: 'opened', issue: Number(/\/issues\/(\d+)/.exec(url)?.[1]) };
    }
    if (plan.outcome === 'clean' && issue !== undefined) {
      ghCli(['issue', 'close', String(issue), '--comment', `No drift any more (${runUrl ?? 'local run'}).`]);
      return { stack: plan.stack, action: 'closed', issue };
    }
    return { stack: plan.stack, action: 'none', ...(issue !== undefined ? { issue } : {}) };
  });
}
