import { join, relative, resolve } from 'node:path';
import { checkStacks } from './check';

// npm run validate [outdir]: the Terraform check of every synthesized stack in outdir (default cdktf.out).
async function main() {
  const root = resolve(__dirname, '..', '..');
  const outdir = resolve(process.argv[2] ?? join(root, 'cdktf.out'));
  const started = Date.now();
  const results = await checkStacks({
    outdir,
    // One scratch folder per output folder: checks of different projects may run in parallel.
    workdir: join(root, 'tmp', 'terraform-check', relative(root, outdir).replace(/[^\w.-]+/g, '_')),
    log: (line) => console.log(line),
  });
  const failed = results.filter((r) => !r.ok);
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `\nTerraform check: ${results.length - failed.length} passed, ${failed.length} failed (${seconds.toFixed(1)} s)`,
  );
  if (failed.length > 0) process.exit(1);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
