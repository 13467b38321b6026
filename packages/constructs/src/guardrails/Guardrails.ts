import {
  type IAspect,
  TerraformDataSource,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
} from 'cdktf';
import type { IConstruct } from 'constructs';
import { GuardrailViolationError } from '../errors';
import { RULES } from './rules';
import { StackView } from './StackView';
import { type Suppression, suppressionsOn } from './suppress';
import type { Finding, GuardrailRule, StackExpectations, TerraformJson } from './types';

export interface GuardrailsOptions extends StackExpectations {
  /** @default every platform rule (RULES) */
  readonly rules?: readonly GuardrailRule[];
  /**
   * Where accepted suppressions (`info`) and suppressions that match nothing (`warning`) are reported.
   * @default the app's collector (collectGuardrailReport), else console.warn
   */
  readonly log?: (line: string, level: GuardrailReportLevel) => void;
}

export type GuardrailReportLevel = 'info' | 'warning';
export interface GuardrailReportLine {
  readonly stack: string;
  readonly level: GuardrailReportLevel;
  readonly line: string;
}

// Collectors per app: an app that registers one prints the report itself, once, after synth.
const collectors = new WeakMap<IConstruct, GuardrailReportLine[]>();

/**
 * Collects what the guardrails of every stack of `app` report, instead of printing it as it happens:
 * cdktf visits a stack's aspects several times per synth, and a CLI wants the report after the synth.
 * Each line is collected once per stack.
 */
export function collectGuardrailReport(app: IConstruct): readonly GuardrailReportLine[] {
  const lines: GuardrailReportLine[] = [];
  collectors.set(app.node.root, lines);
  return lines;
}

// State keys per app, so two stacks of one app sharing a state file are caught.
const stateKeysByApp = new WeakMap<IConstruct, Map<string, string>>();

/**
 * The platform's policy checks (the cdk-nag idea, for cdktf): when a stack is synthesized, every
 * rule checks the stack's Terraform JSON; any violation not suppressed fails the synth with one
 * line per violation: `rule id — resource — what is wrong — how to fix`.
 */
export class Guardrails implements IAspect {
  private readonly rules: readonly GuardrailRule[];
  // cdktf invokes aspects on every synthesis pass: say each thing once.
  private readonly reported = new Set<string>();

  constructor(private readonly options: GuardrailsOptions = {}) {
    this.rules = options.rules ?? RULES;
  }

  private report(stack: TerraformStack, line: string, level: GuardrailReportLevel): void {
    if (this.reported.has(line)) return;
    this.reported.add(line);
    if (this.options.log) return this.options.log(line, level);
    const collector = collectors.get(stack.node.root);
    if (collector) collector.push({ stack: stack.node.id, level, line });
    else console.warn(line);
  }

  visit(node: IConstruct): void {
    // Aspects visit parents first: at the stack every construct exists; check the stack once, as a whole.
    if (!TerraformStack.isStack(node)) return;
    const stack = node;
    const view = new StackView(stack.toTerraform() as TerraformJson);
    const root = stack.node.root;
    const stateKeys = stateKeysByApp.get(root) ?? new Map<string, string>();
    stateKeysByApp.set(root, stateKeys);
    const ctx = { stack: stack.node.id, view, expected: this.options, stateKeys };

    const constructs = constructsByAddress(stack);
    const used = new Map<Suppression, Set<string>>();
    // Accepted values per suppression and resource: one report line lists each accepted value once.
    const accepted = new Map<string, { where: string; reason: string; values: Set<string> }>();
    const violations: string[] = [];
    for (const rule of this.rules) {
      for (const finding of rule.check(ctx)) {
        const construct = constructs.get(finding.address) ?? stack;
        const suppression = findSuppression(construct, stack, rule.id, finding.appliesTo);
        if (!suppression) {
          violations.push(
            `${rule.id} — ${describe(finding, construct)} — ${finding.problem} — ${finding.fix}`,
          );
          continue;
        }
        const values = used.get(suppression) ?? new Set<string>();
        used.set(suppression, values);
        const where = `${rule.id} suppressed on ${describe(finding, construct)}`;
        if (finding.appliesTo === undefined) {
          this.report(stack, `[guardrails] ${stack.node.id}: ${where}: ${suppression.reason}`, 'info');
          continue;
        }
        values.add(finding.appliesTo);
        const key = `${where}\n${suppression.reason}`;
        const group = accepted.get(key) ?? { where, reason: suppression.reason, values: new Set<string>() };
        group.values.add(finding.appliesTo);
        accepted.set(key, group);
      }
    }
    for (const { where, reason, values } of accepted.values()) {
      this.report(
        stack,
        `[guardrails] ${stack.node.id}: ${where} for ${[...values].join(', ')}: ${reason}`,
        'info',
      );
    }
    this.reportStale(stack, used);
    if (violations.length > 0) throw new GuardrailViolationError(stack.node.id, violations);
  }

  /** Suppressions, and appliesTo values, that matched no finding: they should be removed. */
  private reportStale(stack: TerraformStack, used: ReadonlyMap<Suppression, ReadonlySet<string>>): void {
    for (const c of stack.node.findAll()) {
      for (const s of suppressionsOn(c)) {
        const values = used.get(s);
        if (!values) {
          this.report(
            stack,
            `[guardrails] ${stack.node.id}: suppression of ${s.ruleId} on ${c.node.path} matches nothing; remove it.`,
            'warning',
          );
          continue;
        }
        for (const value of (s.appliesTo ?? []).filter((v) => !values.has(v))) {
          this.report(
            stack,
            `[guardrails] ${stack.node.id}: suppression of ${s.ruleId} on ${c.node.path}: appliesTo ${value} matches nothing; remove it.`,
            'warning',
          );
        }
      }
    }
  }
}

function describe(finding: Finding, construct: IConstruct): string {
  return `${finding.address} (${construct.node.path})`;
}

function constructsByAddress(stack: TerraformStack): Map<string, IConstruct> {
  const map = new Map<string, IConstruct>();
  for (const c of stack.node.findAll()) {
    if (TerraformResource.isTerraformResource(c))
      map.set(`${c.terraformResourceType}.${c.friendlyUniqueId}`, c);
    else if (c instanceof TerraformDataSource)
      map.set(`data.${c.terraformResourceType}.${c.friendlyUniqueId}`, c);
    else if (c instanceof TerraformProvider) map.set(`provider.${c.terraformResourceType}`, c);
  }
  return map;
}

/** The nearest suppression of the rule (listing the finding's value, if it names one) on the construct or any scope up to the stack. */
function findSuppression(
  construct: IConstruct,
  stack: TerraformStack,
  ruleId: string,
  value: string | undefined,
): Suppression | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    const hit = suppressionsOn(scope).find(
      (s) => s.ruleId === ruleId && (!s.appliesTo || (value !== undefined && s.appliesTo.includes(value))),
    );
    if (hit) return hit;
    if (scope === stack) break;
  }
  return undefined;
}
