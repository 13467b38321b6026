/** A stack's synthesized Terraform JSON (references resolved to `${type.name.attr}` strings). */
export interface TerraformJson {
  readonly terraform?: { readonly backend?: Record<string, Record<string, unknown>> };
  readonly provider?: Record<string, readonly Record<string, unknown>[]>;
  readonly resource?: Record<string, Record<string, TfBlock>>;
  readonly data?: Record<string, Record<string, TfBlock>>;
}

// Terraform JSON is untyped: rules read attributes defensively.
export type TfBlock = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- see above

export interface TfResource {
  readonly type: string;
  readonly name: string;
  /** `aws_sqs_queue.orders_queue_ABC123`, or `data.<type>.<name>` for data sources. */
  readonly address: string;
  readonly config: TfBlock;
}

/** What the stack is expected to be: from its ServiceStackConfig. */
export interface StackExpectations {
  /** The only account the provider may be applied to. */
  readonly accountId?: string;
  /** The stack's state key. */
  readonly stateKey?: string;
  /** Applied by the pipeline's deploy role: every resource type must be in DEPLOY_PERMISSIONS. @default false */
  readonly deployedByPipeline?: boolean;
  /** `/<environment>/<service>/`: the service's own settings path, a wildcard PLAT-IAM-4 accepts. */
  readonly settingsPath?: string;
}

/** One problem with one resource (or `provider.<name>`, `terraform.backend`). */
export interface Finding {
  readonly address: string;
  /** What is wrong, with the offending value where it is not secret. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
  /**
   * The exact value the finding is about, for rules whose suppressions must name it (cdk-nag's
   * `appliesTo`): `Resource::<pattern>` or `Action::<pattern>`.
   */
  readonly appliesTo?: string;
}

export interface RuleContext {
  readonly stack: string;
  readonly view: StackViewLike;
  readonly expected: StackExpectations;
  /** `<bucket>/<key>` -> the stack using it, across the app: for state-key uniqueness. */
  readonly stateKeys: Map<string, string>;
}

/** The read-only queries rules use (implemented by StackView). */
export interface StackViewLike {
  readonly json: TerraformJson;
  resources(type: string): readonly TfResource[];
  get(address: string): TfResource | undefined;
  /** The resource a `${type.name.attr}` reference points to, when it is one of `types`. */
  referenced(value: unknown, types: readonly string[]): TfResource | undefined;
}

/** A guardrail: one rule per file under rules/, with a compliant and a non-compliant test. */
export interface GuardrailRule {
  /** e.g. `PLAT-IAM-1`: what suppressions name. */
  readonly id: string;
  readonly title: string;
  /** Why it matters (docs/constructs.md repeats it). */
  readonly why: string;
  /** How to fix a violation, in general (each finding says it for its resource; docs/constructs.md repeats it). */
  readonly fix: string;
  /** Findings name their exact value (`appliesTo`), and a suppression must list the values it accepts. */
  readonly granular?: true;
  check(ctx: RuleContext): readonly Finding[];
}
