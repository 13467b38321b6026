import type { Finding, GuardrailRule } from '../types';

export const EncryptedUniqueBackend: GuardrailRule = {
  id: 'PLAT-STATE-1',
  title: 'Every stack has an encrypted, locked S3 backend with a key of its own',
  why: 'State holds every attribute of every resource; two stacks on one key overwrite each other and destroy resources.',
  fix: "Extend ServiceStack (or PlatformStack): it configures the encrypted, locked S3 backend with the stack's own key.",
  check({ stack, view, expected, stateKeys }) {
    const address = 'terraform.backend';
    const s3 = view.json.terraform?.backend?.s3 as Record<string, unknown> | undefined;
    if (!s3) {
      return [
        {
          address,
          problem: 'has no S3 backend (state would be local)',
          fix: 'extend ServiceStack, which configures the S3 backend of the account',
        },
      ];
    }
    const findings: Finding[] = [];
    if (s3.encrypt !== true)
      findings.push({ address, problem: 'S3 backend has encrypt != true', fix: 'set encrypt = true' });
    if (s3.use_lockfile !== true && !s3.dynamodb_table) {
      findings.push({
        address,
        problem: 'S3 backend has no locking',
        fix: 'set use_lockfile = true (S3-native locking)',
      });
    }
    if (expected.stateKey && s3.key !== expected.stateKey) {
      findings.push({
        address,
        problem: `state key ${JSON.stringify(s3.key)} is not the stack's key ${expected.stateKey}`,
        fix: `use "${expected.stateKey}"`,
      });
    }
    const id = `${String(s3.bucket)}/${String(s3.key)}`;
    const other = stateKeys.get(id);
    if (other && other !== stack) {
      findings.push({
        address,
        problem: `state ${id} is also used by stack ${other}`,
        fix: 'give every stack its own key: <service>/<environment>/terraform.tfstate',
      });
    } else {
      stateKeys.set(id, stack);
    }
    return findings;
  },
};
