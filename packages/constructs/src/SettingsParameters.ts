import { Construct } from 'constructs';
// Deep import: the provider barrel costs ~5x synth time and memory.
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { validateDeclaration } from './grants';
import { checkedId } from './names';
import type { ServiceStack } from './ServiceStack';
import type { SettingsDeclaration } from './types';

export interface SettingsParametersProps {
  /** The service's settings declaration (`defineSettings(...).declaration`). */
  readonly declaration: SettingsDeclaration;
  /**
   * Who owns the values after creation: `terraform` (every deploy sets the declared default) or
   * `operators` (the default only seeds the parameter; changes made in AWS are kept). Parameters the
   * declaration marks `tunable` are always left to operators.
   * @default 'terraform'
   */
  readonly valuesOwnedBy?: 'terraform' | 'operators';
}

/**
 * Creates the service's non-secret parameters that have a default, as `String` parameters under
 * `/<environment>/<service>/`. Secure parameters and secrets are never created here: their values
 * would be in Terraform code and state. Set those out of band; grant reads with `fn.grantSettings`.
 */
export class SettingsParameters extends Construct {
  /** Created parameters by their relative name. */
  readonly parameters: ReadonlyMap<string, SsmParameter>;

  constructor(stack: ServiceStack, id: string, props: SettingsParametersProps) {
    super(stack, checkedId(stack, id, `SettingsParameters "${id}"`));
    validateDeclaration(`SettingsParameters "${id}"`, props.declaration);
    const parameters = new Map<string, SsmParameter>();
    for (const p of props.declaration.parameters) {
      if (p.secure || p.default === undefined) continue;
      parameters.set(
        p.name,
        new SsmParameter(this, `parameter-${p.name.replace(/[^\w-]+/g, '-')}`, {
          name: `${stack.settingsPath}${p.name}`,
          type: 'String',
          value: p.default,
          description: `${stack.config.service} setting "${p.name}" (default from the settings declaration)`,
          // Tunable (log level, sample rate): an operator's change in SSM must survive the next deploy.
          ...(props.valuesOwnedBy === 'operators' || p.tunable
            ? { lifecycle: { ignoreChanges: ['value'] } }
            : {}),
        }),
      );
    }
    this.parameters = parameters;
  }
}
