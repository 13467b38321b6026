// Where a V8 CPU profile (node --cpu-prof) spends its time, by category. A sample belongs to the first rule
// (in the order given) that matches: `self` tests the sampled frame, `under` the frame or any caller.
import { readFileSync } from 'node:fs';

export interface CallFrame {
  readonly functionName: string;
  readonly url: string;
}

export interface ProfileRule {
  readonly label: string;
  readonly self?: (frame: CallFrame) => boolean;
  readonly under?: (frame: CallFrame) => boolean;
}

export interface ProfileSummary {
  readonly totalMs: number;
  /** ms per rule label, and `other`. */
  readonly byLabel: Record<string, number>;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export function profileByCategory(file: string, rules: readonly ProfileRule[]): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const labels = new Map<number, string>();
  const classify = (id: number): string => {
    let label = labels.get(id);
    if (label === undefined) {
      const frames: CallFrame[] = [];
      for (let up: number | undefined = id; up !== undefined; up = parent.get(up))
        frames.push(nodes.get(up)!.callFrame);
      const rule = rules.find((r) => r.self?.(frames[0]!) || (r.under && frames.some(r.under)));
      label = rule?.label ?? 'other';
      labels.set(id, label);
    }
    return label;
  };
  const byLabel: Record<string, number> = Object.fromEntries([
    ...rules.map((r) => [r.label, 0]),
    ['other', 0],
  ]);
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    byLabel[classify(id)]! += us;
  });
  for (const label of Object.keys(byLabel)) byLabel[label]! /= 1000;
  return { totalMs: total / 1000, byLabel };
}
