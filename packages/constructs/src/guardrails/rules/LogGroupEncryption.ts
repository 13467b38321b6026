import { isReference } from '../StackView';
import type { Finding, GuardrailRule } from '../types';

const KEY_ARN = /^arn:aws[\w-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/;

/**
 * CloudWatch Logs always encrypts log data at rest (AES-256, service-managed keys), so a log group
 * without `kms_key_id` is encrypted and passes. When a customer key is set, it must be a key ARN:
 * CloudWatch Logs rejects aliases and key IDs only at apply time, after the rest of the stack changed.
 */
export const LogGroupEncryption: GuardrailRule = {
  id: 'PLAT-LOGS-2',
  title: 'Log groups are encrypted; a customer key is given by key ARN',
  why: 'Logs hold request data. CloudWatch encrypts them by default; a wrongly referenced customer key fails the deploy halfway.',
  fix: 'Remove kms_key_id for CloudWatch-managed encryption, or give the key ARN or a reference to an aws_kms_key.',
  check({ view }) {
    const findings: Finding[] = [];
    for (const group of view.resources('aws_cloudwatch_log_group')) {
      const key = group.config.kms_key_id;
      if (key === undefined || key === null || key === '') continue;
      if (
        view.referenced(key, ['aws_kms_key']) ||
        (typeof key === 'string' && KEY_ARN.test(key)) ||
        isReference(key)
      )
        continue;
      findings.push({
        address: group.address,
        problem: `kms_key_id ${JSON.stringify(key)} is not a KMS key ARN`,
        fix: 'use the key ARN (arn:aws:kms:<region>:<account>:key/<id>) or a reference to an aws_kms_key, or remove kms_key_id for CloudWatch-managed encryption',
      });
    }
    return findings;
  },
};
