import { App, Testing } from 'cdktf';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { GuardrailViolationError } from '../../src/errors';
import { collectGuardrailReport } from '../../src/guardrails/Guardrails';
import { suppress } from '../../src/guardrails/suppress';
import { QueuePolicy } from '../../src/QueuePolicy';
import { ServiceStack } from '../../src/ServiceStack';
import { AllConstructsStack, FIXTURE_FUNCTIONS } from '../fixtures/AllConstructsStack';
import { artifactsDir, baseConfig, testFunction, testStack, writeBundles } from '../helpers';

/** An unencrypted queue (PLAT-SQS-3) that refuses plain HTTP (PLAT-SQS-4). */
function legacyQueue(stack: ServiceStack): SqsQueue {
  const queue = new SqsQueue(stack, 'legacy', { name: 'orders-dev-legacy' });
  QueuePolicy.of(queue);
  return queue;
}

describe('Aspect: Guardrails', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('passes a stack built from every construct', () => {
    writeBundles(artifactsDir, ...FIXTURE_FUNCTIONS);
    const stack = new AllConstructsStack(Testing.app(), 'orders-dev', baseConfig);

    expect(() => Testing.synth(stack)).not.toThrow();
    // The public health route by its named opt-out, and the KMS keys of SecureStrings by their pattern.
    expect(warn.mock.calls.map(([line]) => String(line).replace(/_[0-9A-F]{8}\b/g, ''))).toEqual([
      expect.stringMatching(/^\[guardrails\] orders-dev: PLAT-API-1 suppressed on aws_apigatewayv2_route\./),
      '[guardrails] orders-dev: PLAT-IAM-4 suppressed on aws_iam_role_policy.create-order_policy-read-settings ' +
        '(orders-dev/create-order/policy-read-settings) for Resource::arn:aws:kms:eu-west-1:111111111111:key/*: ' +
        "SecureStrings use the account's AWS-managed key (alias/aws/ssm), whose ID is not known offline: any key of " +
        "the account, but only when SSM decrypts one of this service's parameters (kms:ViaService, kms:EncryptionContext:PARAMETER_ARN)",
    ]);
  });

  it('fails synth listing every violation as rule — resource — problem — fix', () => {
    // Prepare
    const stack = testStack();
    const fn = testFunction(stack, 'fn', { environment: { PAYMENT_API_KEY: 'sk_live_1' } });
    new IamRolePolicy(fn, 'admin', {
      role: fn.role.name,
      policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
    });

    // Act
    let error: GuardrailViolationError | undefined;
    try {
      Testing.synth(stack);
    } catch (e) {
      error = e as GuardrailViolationError;
    }

    // Assess
    expect(error).toBeInstanceOf(GuardrailViolationError);
    expect(error!.violations).toEqual([
      expect.stringMatching(
        /^PLAT-IAM-1 — aws_iam_role_policy\.fn_admin_\w+ \(orders-dev\/fn\/admin\) — policy allows the wildcard action\(s\) \* — list the exact actions/,
      ),
      expect.stringMatching(
        /^PLAT-IAM-2 — aws_iam_role_policy\.fn_admin_\w+ \(orders-dev\/fn\/admin\) — policy allows \* on \* — name the exact resource ARNs/,
      ),
      expect.stringMatching(
        /^PLAT-LAMBDA-1 — aws_lambda_function\.fn_function_\w+ \(orders-dev\/fn\/function\) — environment variable PAYMENT_API_KEY looks secret/,
      ),
    ]);
    expect(error!.message).toMatch(/^Stack "orders-dev" breaks 3 guardrail rule\(s\):\n {2}- PLAT-IAM-1/);
    expect(error!.message).not.toContain('sk_live_1');
  });

  it('skips a suppressed rule on the construct and below, and prints the reason', () => {
    const stack = testStack();
    const queue = legacyQueue(stack);
    suppress(queue, 'PLAT-SQS-3', 'holds only public catalogue events, encryption pending migration');

    expect(() => Testing.synth(stack)).not.toThrow();
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^\[guardrails\] orders-dev: PLAT-SQS-3 suppressed on aws_sqs_queue\.legacy \(orders-dev\/legacy\): holds only public catalogue events/,
      ),
    );
  });

  it('suppresses stack-level rules on the stack, and reports suppressions that match nothing', () => {
    const stack = testStack();
    suppress(stack, 'PLAT-API-1', 'no API in this stack, suppression left over');
    Testing.synth(stack);

    expect(warn).toHaveBeenCalledWith(
      '[guardrails] orders-dev: suppression of PLAT-API-1 on orders-dev matches nothing; remove it.',
    );
  });

  it("reports into the app's collector, each line once although cdktf visits a stack on every pass", () => {
    // Prepare
    const app = new App({ outdir: artifactsDir + '-synth' });
    const report = collectGuardrailReport(app);
    const stack = new ServiceStack(app, 'orders-dev', baseConfig);
    suppress(legacyQueue(stack), 'PLAT-SQS-3', 'public catalogue events only');
    suppress(stack, 'PLAT-API-1', 'left over from a removed API');

    // Act
    app.synth();

    // Assess
    expect(report).toEqual([
      {
        stack: 'orders-dev',
        level: 'info',
        line: expect.stringMatching(
          /^\[guardrails\] orders-dev: PLAT-SQS-3 suppressed on aws_sqs_queue\.legacy \(orders-dev\/legacy\): public catalogue events only$/,
        ),
      },
      {
        stack: 'orders-dev',
        level: 'warning',
        line: '[guardrails] orders-dev: suppression of PLAT-API-1 on orders-dev matches nothing; remove it.',
      },
    ]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('catches two stacks of one app on one state key', () => {
    const stack = testStack();
    Testing.synth(stack);
    const other = new ServiceStack(stack.node.root as App, 'orders-dev-copy', baseConfig);

    expect(() => Testing.synth(other)).toThrow(
      /PLAT-STATE-1 — terraform.backend \(orders-dev-copy\) — state acme-tfstate-111111111111-eu-west-1\/orders\/dev\/terraform.tfstate is also used by stack orders-dev/,
    );
  });

  it('reports a suppression once, with its reason trimmed, however often the stack is synthesized', () => {
    const stack = testStack();
    const queue = legacyQueue(stack);
    suppress(queue, 'PLAT-SQS-3', '  public catalogue events only  ');

    Testing.synth(stack);
    Testing.synth(stack);

    expect(warn.mock.calls).toEqual([
      [
        expect.stringMatching(
          /^\[guardrails\] orders-dev: PLAT-SQS-3 suppressed on aws_sqs_queue\.legacy \(orders-dev\/legacy\): public catalogue events only$/,
        ),
      ],
    ]);
  });

  it('does not let a suppression of another rule, or one above the stack, hide a violation', () => {
    const stack = testStack();
    const queue = new SqsQueue(stack, 'legacy', { name: 'orders-dev-legacy' });
    suppress(queue, 'PLAT-LOGS-1', 'the queue has no log group at all');
    suppress(stack.node.root, 'PLAT-SQS-3', 'an app-wide suppression is not a thing');

    expect(() => Testing.synth(stack)).toThrow(/PLAT-SQS-3 — aws_sqs_queue\.legacy \(orders-dev\/legacy\)/);
  });

  it('needs a known rule and a reason to suppress', () => {
    const stack = testStack();
    expect(() => suppress(stack, 'PLAT-NOPE-1', 'a good reason here')).toThrow(
      /suppress\(orders-dev\): unknown guardrail rule "PLAT-NOPE-1". Known rules: PLAT-IAM-1/,
    );
    expect(() => suppress(stack, 'PLAT-IAM-1', 'because')).toThrow(
      /suppress\(orders-dev, 'PLAT-IAM-1'\): a suppression needs a reason/,
    );
    // At least 10 characters, not counting the spaces around them.
    expect(() => suppress(stack, 'PLAT-IAM-1', '    9 letters    ')).toThrow(/a suppression needs a reason/);
    expect(() => suppress(stack, 'PLAT-API-1', 'ten chars!')).not.toThrow();
  });

  describe('suppressions that name the accepted values (appliesTo)', () => {
    const PREFIX = 'arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-*';
    const wildcardPolicy = (stack: ServiceStack) => {
      const fn = testFunction(stack, 'fn');
      return new IamRolePolicy(fn, 'invoke-siblings', {
        role: fn.role.name,
        policy: JSON.stringify({
          Statement: [
            { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: PREFIX },
            { Effect: 'Allow', Action: 'lambda:GetFunction', Resource: [PREFIX, `${PREFIX}:live`] },
          ],
        }),
      });
    };

    it('accepts exactly the listed values, and lists each accepted one once with the reason', () => {
      const stack = testStack();
      suppress(wildcardPolicy(stack), 'PLAT-IAM-4', 'the service calls its own functions by name', {
        appliesTo: [
          `Resource::${PREFIX}`,
          `Resource::${PREFIX}:live`,
          'Resource::arn:aws:sqs:eu-west-1:111111111111:gone-*',
        ],
      });

      Testing.synth(stack);

      expect(warn.mock.calls.map(([line]) => String(line).replace(/_[0-9A-F]{8}\b/g, ''))).toEqual([
        '[guardrails] orders-dev: PLAT-IAM-4 suppressed on aws_iam_role_policy.fn_invoke-siblings (orders-dev/fn/invoke-siblings) ' +
          `for Resource::${PREFIX}, Resource::${PREFIX}:live: the service calls its own functions by name`,
        '[guardrails] orders-dev: suppression of PLAT-IAM-4 on orders-dev/fn/invoke-siblings: appliesTo ' +
          'Resource::arn:aws:sqs:eu-west-1:111111111111:gone-* matches nothing; remove it.',
      ]);
    });

    it('does not accept a value the suppression does not list', () => {
      const stack = testStack();
      suppress(wildcardPolicy(stack), 'PLAT-IAM-4', 'the service calls its own functions by name', {
        appliesTo: [`Resource::${PREFIX}`],
      });

      expect(() => Testing.synth(stack)).toThrow(
        /PLAT-IAM-4 — aws_iam_role_policy\.fn_invoke-siblings_\w+ \(orders-dev\/fn\/invoke-siblings\) — policy allows lambda:GetFunction on the wildcard resource arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-\*:live — .*appliesTo: \['Resource::arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-\*:live'\]/,
      );
    });

    it('needs appliesTo for PLAT-IAM-4, and refuses it for rules whose findings name no value', () => {
      const stack = testStack();
      expect(() => suppress(stack, 'PLAT-IAM-4', 'every wildcard of the stack is fine')).toThrow(
        "suppress(orders-dev, 'PLAT-IAM-4'): this rule accepts only the values a suppression names. Pass { appliesTo: ['Resource::<exact pattern>'] } (or 'Action::<pattern>'), as the violation prints them.",
      );
      expect(() =>
        suppress(stack, 'PLAT-IAM-4', 'every wildcard of the stack', { appliesTo: ['*'] }),
      ).toThrow(/accepts only the values a suppression names/);
      expect(() =>
        suppress(stack, 'PLAT-SQS-3', 'public catalogue events only', { appliesTo: ['Resource::*'] }),
      ).toThrow(/this rule's findings name no value, so appliesTo does not apply/);
    });
  });
});
