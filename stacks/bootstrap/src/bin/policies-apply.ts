import { join, relative, resolve } from 'node:path';
import { preparePoliciesApply } from '../policiesApply';

// npx tsx stacks/bootstrap/src/bin/policies-apply.ts <environment> [synth outdir, default cdktf.out]
// Writes dist/cdktf/policies/<bootstrap stack>/{cdk.tf.json,targets}: see preparePoliciesApply.
const root = resolve(__dirname, '..', '..', '..', '..');
const [environment, synthDir = join(root, 'cdktf.out')] = process.argv.slice(2);
if (!environment) {
  console.error('Usage: npx tsx stacks/bootstrap/src/bin/policies-apply.ts <environment> [synth outdir]');
  process.exit(2);
}
try {
  const applies = preparePoliciesApply(
    resolve(synthDir),
    environment,
    join(root, 'dist', 'cdktf', 'policies'),
  );
  for (const a of applies) console.log(`${relative(root, a.dir)}\t${a.roleArn}\t${a.targets.length} targets`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
