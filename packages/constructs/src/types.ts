/** Where and as what a service stack is deployed: one entry of the resolved topology. */
export interface ServiceStackConfig {
  readonly organization: string;
  /** `owner/name` of the Git repository, written into the `repository` tag. */
  readonly repository: string;
  readonly service: string;
  readonly environment: string;
  readonly team: string;
  /** The 12-digit AWS account this stack may be applied to, and only that one. */
  readonly accountId: string;
  readonly region: string;
  /** Role that the deploying principal assumes in `accountId`. */
  readonly deployRoleArn: string;
  readonly stateBucket: string;
  /** Unique across all stacks: `<service>/<environment>/terraform.tfstate`. */
  readonly stateKey: string;
  /** The account's SNS topic for alarms (created by the bootstrap stack of the account and region). */
  readonly alarmTopicArn: string;
  /** Folder holding the service's built function zips (`<function>.zip`). */
  readonly artifactsDir: string;
}
