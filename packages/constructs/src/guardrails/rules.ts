import { AuthorizedRoutes } from './rules/AuthorizedRoutes';
import { ConsumedQueueDeadLetter } from './rules/ConsumedQueueDeadLetter';
import { ConsumedQueueVisibility } from './rules/ConsumedQueueVisibility';
import { DeployableResourceTypes } from './rules/DeployableResourceTypes';
import { EncryptedUniqueBackend } from './rules/EncryptedUniqueBackend';
import { FunctionLogGroup } from './rules/FunctionLogGroup';
import { FunctionOwnRole } from './rules/FunctionOwnRole';
import { FunctionTracing } from './rules/FunctionTracing';
import { JustifiedWildcards } from './rules/JustifiedWildcards';
import { LogGroupEncryption } from './rules/LogGroupEncryption';
import { LogGroupRetention } from './rules/LogGroupRetention';
import { NoAwsManagedPolicies } from './rules/NoAwsManagedPolicies';
import { NoSecretsInEnvironment } from './rules/NoSecretsInEnvironment';
import { NoWildcardActions } from './rules/NoWildcardActions';
import { NoWildcardResources } from './rules/NoWildcardResources';
import { ProviderPinnedToAccount } from './rules/ProviderPinnedToAccount';
import { QueueEncryption } from './rules/QueueEncryption';
import { QueueTlsOnly } from './rules/QueueTlsOnly';
import type { GuardrailRule } from './types';

/** Every platform rule, in the order violations are listed. */
export const RULES: readonly GuardrailRule[] = [
  NoWildcardActions,
  NoWildcardResources,
  NoAwsManagedPolicies,
  JustifiedWildcards,
  NoSecretsInEnvironment,
  FunctionLogGroup,
  FunctionOwnRole,
  FunctionTracing,
  ConsumedQueueDeadLetter,
  ConsumedQueueVisibility,
  QueueEncryption,
  QueueTlsOnly,
  LogGroupRetention,
  LogGroupEncryption,
  EncryptedUniqueBackend,
  ProviderPinnedToAccount,
  AuthorizedRoutes,
  DeployableResourceTypes,
];
