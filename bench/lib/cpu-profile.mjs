// Where a V8 CPU profile (node --cpu-prof) spends its time, by category. A sample belongs to the first rule
// (in the order given) that matches: `self` tests the sampled frame, `under` the frame or any caller.
import { readFileSync } from 'node:fs';

/**
 * rules: [{ label, self?: (frame) => boolean, under?: (frame) => boolean }], frame = V8 callFrame
 * ({ functionName, url }). Returns { totalMs, byLabel: { [label]: ms, other: ms } }.
 */
export function profileByCategory(file, rules) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const labels = new Map();
  const classify = (id) => {
    if (!labels.has(id)) {
      const frames = [];
      for (let up = id; up !== undefined; up = parent.get(up)) frames.push(nodes.get(up).callFrame);
      const rule = rules.find((r) => r.self?.(frames[0]) || (r.under && frames.some(r.under)));
      labels.set(id, rule?.label ?? 'other');
    }
    return labels.get(id);
  };
  const byLabel = Object.fromEntries([...rules.map((r) => [r.label, 0]), ['other', 0]]);
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    byLabel[classify(id)] += us;
  });
  for (const label of Object.keys(byLabel)) byLabel[label] /= 1000;
  return { totalMs: total / 1000, byLabel };
}
