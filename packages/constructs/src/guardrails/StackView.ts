import type { StackViewLike, TerraformJson, TfResource } from './types';

const REFERENCE = /^\$\{(data\.)?([a-z0-9_]+)\.([\w-]+)(?:\.[\w.[\]"-]+)?\}$/;

/** Indexed access to a stack's Terraform JSON for the rules. */
export class StackView implements StackViewLike {
  private readonly byType = new Map<string, TfResource[]>();
  private readonly byAddress = new Map<string, TfResource>();

  constructor(readonly json: TerraformJson) {
    for (const [kind, prefix] of [
      [json.resource, ''],
      [json.data, 'data.'],
    ] as const) {
      for (const [type, blocks] of Object.entries(kind ?? {})) {
        for (const [name, config] of Object.entries(blocks)) {
          const resource = { type: `${prefix}${type}`, name, address: `${prefix}${type}.${name}`, config };
          this.byType.set(resource.type, [...(this.byType.get(resource.type) ?? []), resource]);
          this.byAddress.set(resource.address, resource);
        }
      }
    }
  }

  resources(type: string): readonly TfResource[] {
    return this.byType.get(type) ?? [];
  }

  get(address: string): TfResource | undefined {
    return this.byAddress.get(address);
  }

  referenced(value: unknown, types: readonly string[]): TfResource | undefined {
    if (typeof value !== 'string') return undefined;
    const match = REFERENCE.exec(value);
    if (!match) return undefined;
    const type = `${match[1] ?? ''}${match[2]}`;
    return types.includes(type) ? this.get(`${type}.${match[3]}`) : undefined;
  }
}

/** A single nested block is an object in cdktf JSON, a list in hand-written JSON: accept both. */
export function block(value: unknown): Record<string, unknown> | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first && typeof first === 'object' ? (first as Record<string, unknown>) : undefined;
}

/** A whole-value Terraform expression (`${...}`), as opposed to a literal. */
export const isReference = (value: unknown): boolean =>
  typeof value === 'string' && /^\$\{.+\}$/s.test(value);
