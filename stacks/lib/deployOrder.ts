import type { Topology } from './topology';

/** `<service>-stack`: the Nx project of a service's stacks. */
const projectOf = (service: string) => `${service}-stack`;

/**
 * The given stack projects in deploy waves for one environment: a service that consumes a stream
 * deploys after its producer (the producer's topic, and its policy letting the consumer's account
 * subscribe, must exist before the subscription is created). Within a wave, projects deploy in
 * any order. Services consuming each other (a cycle) share the last wave: on a first deploy one of
 * them fails once and the next run succeeds. Projects that are not service stacks come first.
 */
export function deployWaves(
  topology: Topology,
  environment: string,
  projects: readonly string[],
): string[][] {
  const services = Object.entries(topology.services)
    .filter(([name, s]) => s.environments.includes(environment) && projects.includes(projectOf(name)))
    .map(([name]) => name);
  const others = projects.filter((p) => !services.some((s) => projectOf(s) === p));
  const pending = new Set(services);
  const waves: string[][] = others.length > 0 ? [[...others].sort()] : [];
  while (pending.size > 0) {
    const ready = [...pending].filter((name) =>
      topology.services[name]!.consumes.every((c) => !pending.has(c.service) || c.service === name),
    );
    const wave = ready.length > 0 ? ready : [...pending];
    for (const name of wave) pending.delete(name);
    waves.push(wave.sort().map(projectOf));
  }
  return waves;
}
