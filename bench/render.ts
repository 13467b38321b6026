// `nx run bench:render`: fills docs/performance.md from the committed results (bench/results/*.json)
// without measuring anything, e.g. after editing the text around the tables. The benchmarks call the
// same renderer after writing their results.
import { renderDocs } from './lib/render';
import { docsFile, resultsDir } from './lib/results';

renderDocs(docsFile(), resultsDir()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
