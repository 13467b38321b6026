import type { Finding, GuardrailRule } from '../types';

export const ProviderPinnedToAccount: GuardrailRule = {
  id: 'PLAT-PROVIDER-1',
  title: 'Every AWS provider is pinned to the stack account',
  why: 'allowed_account_ids makes Terraform refuse credentials of any other account, so a dev stack can never be applied to prod.',
  fix: 'Extend ServiceStack (or PlatformStack), which sets allowed_account_ids to exactly the stack account.',
  check({ view, expected }) {
    const findings: Finding[] = [];
    (view.json.provider?.aws ?? []).forEach((provider, index) => {
      const address = `provider.aws${provider.alias ? `.${String(provider.alias)}` : index > 0 ? `[${index}]` : ''}`;
      const allowed = provider.allowed_account_ids as unknown;
      const ids = Array.isArray(allowed) ? allowed : [];
      if (ids.length === 0) {
        findings.push({
          address,
          problem: 'has no allowed_account_ids',
          fix: `set allowed_account_ids = ["${expected.accountId ?? '<account id>'}"]`,
        });
      } else if (expected.accountId && (ids.length !== 1 || ids[0] !== expected.accountId)) {
        findings.push({
          address,
          problem: `allowed_account_ids ${JSON.stringify(ids)} is not exactly the stack account ${expected.accountId}`,
          fix: `set allowed_account_ids = ["${expected.accountId}"]`,
        });
      }
    });
    return findings;
  },
};
