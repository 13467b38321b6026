/**
 * Runs `build` (constructing and synthesizing stacks) with source maps off. cdktf records a stack trace for
 * every token it creates, and source-mapping each frame of them took a third of the synth's CPU at 300
 * stacks (docs/performance.md, "Scale"). The setting is restored before an error leaves: a stack trace is
 * formatted when first read, so a failed synth still prints TypeScript positions.
 */
export function withoutSourceMaps<T>(build: () => T): T {
  const enabled = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  try {
    return build();
  } finally {
    process.setSourceMapsEnabled(enabled);
  }
}
