// ejs 5 ships no types; the one call the generators make (the engine generateFiles uses for files/).
declare module 'ejs' {
  export function render(
    template: string,
    data: Record<string, unknown>,
    options?: { filename?: string },
  ): string;
}
