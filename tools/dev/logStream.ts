import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * The one log stream of npm run dev: every line starts with its source, `[orders/create-order]`,
 * followed by the line exactly as written (JSON log lines stay intact, parseable after the tag).
 */
export class LogStream {
  constructor(private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {}

  line(tag: string, text: string): void {
    this.write(`[${tag}] ${text}`);
  }

  /** npm run dev's own messages. */
  info(text: string): void {
    this.line('dev', text);
  }

  /** Each line of a child's stdout or stderr, tagged. */
  pipe(tag: string, stream: Readable): void {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      if (line.trim() !== '') this.line(tag, line);
    });
  }
}
