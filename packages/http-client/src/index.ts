export { serviceClient, type ServiceClient } from './serviceClient';
export { ServiceCallError, ServiceClientConfigError, UnexpectedResponseError } from './errors';
export type {
  CallRequest,
  Credentials,
  ServiceClientOptions,
  ServiceResponse,
  SsmLike,
  StsLike,
} from './types';
