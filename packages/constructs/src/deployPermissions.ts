/*
 * What the pipeline's deploy role may do, as one table: each Terraform resource type the constructs
 * emit -> the IAM actions Terraform's AWS provider (hashicorp/aws 5.x) calls to create, read,
 * update, tag and delete it -> what those actions act on. Kept beside the constructs so that a new
 * resource type comes with its row: guardrail PLAT-DEPLOY-1 fails the synth of a service stack
 * holding a type missing here. stacks/bootstrap/src/deployPolicies.ts turns the table into the
 * deploy role's policies, scoped to the account's services; its tests evaluate them against every
 * synthesized resource and check every action and ARN against the IAM reference. Exact action
 * names, no verb wildcards: `lambda:Get*` would also grant reads nobody declared.
 * Remove a row only once no deployed stack holds that type: deleting those resources needs it, and
 * the deploy workflow applies the policies before it deploys.
 */

/**
 * What a grant acts on. Each target has one ARN pattern per service scope (deployPolicies.ts):
 * `function` is `function:<service>-<environment>-*`, `parameter` is `parameter/<environment>/<service>/*`,
 * `topic` is `sns:<region>:<account>:<service>-<environment>-*`, `consumedTopic` exactly the other accounts'
 * topics the service consumes (from the topology), `key` any KMS key of the account (key IDs are random),
 * `account` is `"*"` (only for actions IAM cannot scope, in the account-wide policy).
 */
export type DeployTarget =
  | 'function'
  | 'eventSourceMapping'
  | 'role'
  | 'logGroup'
  | 'queue'
  | 'schedule'
  | 'table'
  | 'alarm'
  | 'dashboard'
  | 'parameter'
  | 'deploymentApplication'
  | 'deploymentGroup'
  | 'deploymentConfig'
  | 'httpApi'
  | 'topic'
  | 'consumedTopic'
  | 'key'
  | 'account';

export interface Grant {
  readonly on: DeployTarget;
  readonly actions: readonly string[];
  /** `iam:PassRole` only to this AWS service (`iam:PassedToService`). */
  readonly passRoleTo?: string;
  /** Only for mappings of the services' own functions (`lambda:FunctionArn`). */
  readonly ofServiceFunctions?: true;
}

export interface ResourceTypePermissions {
  readonly grants: readonly Grant[];
}

const FUNCTION_TAGS = ['lambda:TagResource', 'lambda:UntagResource', 'lambda:ListTags'];
/** API Gateway's HTTP verbs on `/apis/<id>/...` (PUT only reimports an OpenAPI body: unused). */
const HTTP_API_ACTIONS = ['apigateway:GET', 'apigateway:POST', 'apigateway:PATCH', 'apigateway:DELETE'];
const httpApi: ResourceTypePermissions = { grants: [{ on: 'httpApi', actions: HTTP_API_ACTIONS }] };

export const DEPLOY_PERMISSIONS: Readonly<Record<string, ResourceTypePermissions>> = {
  aws_lambda_function: {
    grants: [
      {
        on: 'function',
        actions: [
          'lambda:CreateFunction',
          'lambda:GetFunction',
          'lambda:GetFunctionConfiguration',
          'lambda:GetFunctionCodeSigningConfig',
          'lambda:ListVersionsByFunction',
          'lambda:UpdateFunctionCode',
          'lambda:UpdateFunctionConfiguration',
          'lambda:PublishVersion',
          'lambda:PutFunctionConcurrency',
          'lambda:DeleteFunctionConcurrency',
          'lambda:DeleteFunction',
          ...FUNCTION_TAGS,
        ],
      },
      { on: 'role', actions: ['iam:PassRole'], passRoleTo: 'lambda.amazonaws.com' },
    ],
  },
  aws_lambda_alias: {
    grants: [
      {
        on: 'function',
        actions: ['lambda:CreateAlias', 'lambda:GetAlias', 'lambda:UpdateAlias', 'lambda:DeleteAlias'],
      },
    ],
  },
  aws_lambda_permission: {
    grants: [
      { on: 'function', actions: ['lambda:AddPermission', 'lambda:RemovePermission', 'lambda:GetPolicy'] },
    ],
  },
  aws_lambda_function_event_invoke_config: {
    grants: [
      {
        on: 'function',
        actions: [
          'lambda:PutFunctionEventInvokeConfig',
          'lambda:GetFunctionEventInvokeConfig',
          'lambda:UpdateFunctionEventInvokeConfig',
          'lambda:DeleteFunctionEventInvokeConfig',
        ],
      },
    ],
  },
  aws_lambda_provisioned_concurrency_config: {
    grants: [
      {
        on: 'function',
        actions: [
          'lambda:PutProvisionedConcurrencyConfig',
          'lambda:GetProvisionedConcurrencyConfig',
          'lambda:DeleteProvisionedConcurrencyConfig',
        ],
      },
    ],
  },
  aws_lambda_event_source_mapping: {
    grants: [
      // A new mapping has no ARN yet: IAM takes only "*", limited to the services' functions.
      { on: 'account', actions: ['lambda:CreateEventSourceMapping'], ofServiceFunctions: true },
      {
        on: 'eventSourceMapping',
        actions: ['lambda:UpdateEventSourceMapping', 'lambda:DeleteEventSourceMapping'],
        ofServiceFunctions: true,
      },
      // Mapping IDs are random and reads carry no function: any mapping of the account and region.
      { on: 'eventSourceMapping', actions: ['lambda:GetEventSourceMapping', ...FUNCTION_TAGS] },
    ],
  },
  aws_iam_role: {
    grants: [
      {
        on: 'role',
        actions: [
          'iam:CreateRole',
          'iam:GetRole',
          'iam:UpdateRole',
          'iam:UpdateRoleDescription',
          'iam:UpdateAssumeRolePolicy',
          'iam:TagRole',
          'iam:UntagRole',
          // Read: the provider reads inline and attached policies into the role's state.
          'iam:ListRolePolicies',
          'iam:GetRolePolicy',
          'iam:ListAttachedRolePolicies',
          // Delete: the provider removes inline policies and checks instance profiles first.
          'iam:DeleteRolePolicy',
          'iam:ListInstanceProfilesForRole',
          'iam:DeleteRole',
        ],
      },
    ],
  },
  aws_iam_role_policy: {
    grants: [{ on: 'role', actions: ['iam:PutRolePolicy', 'iam:GetRolePolicy', 'iam:DeleteRolePolicy'] }],
  },
  aws_cloudwatch_log_group: {
    grants: [
      {
        on: 'logGroup',
        actions: [
          'logs:CreateLogGroup',
          'logs:PutRetentionPolicy',
          'logs:DeleteRetentionPolicy',
          'logs:TagResource',
          'logs:UntagResource',
          'logs:ListTagsForResource',
          'logs:DeleteLogGroup',
        ],
      },
      // Read: DescribeLogGroups takes only "*".
      { on: 'account', actions: ['logs:DescribeLogGroups'] },
    ],
  },
  aws_cloudwatch_metric_alarm: {
    grants: [
      {
        on: 'alarm',
        actions: [
          'cloudwatch:PutMetricAlarm',
          'cloudwatch:DescribeAlarms',
          'cloudwatch:DeleteAlarms',
          'cloudwatch:TagResource',
          'cloudwatch:UntagResource',
          'cloudwatch:ListTagsForResource',
        ],
      },
    ],
  },
  aws_cloudwatch_dashboard: {
    // No tags on dashboards; Terraform reads the body back with GetDashboard.
    grants: [
      {
        on: 'dashboard',
        actions: ['cloudwatch:PutDashboard', 'cloudwatch:GetDashboard', 'cloudwatch:DeleteDashboards'],
      },
    ],
  },
  aws_sqs_queue: {
    grants: [
      {
        on: 'queue',
        actions: [
          'sqs:CreateQueue',
          'sqs:GetQueueAttributes',
          'sqs:SetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:TagQueue',
          'sqs:UntagQueue',
          'sqs:ListQueueTags',
          'sqs:DeleteQueue',
        ],
      },
    ],
  },
  // The queue's one resource policy (TLS-only deny, cross-account allows): the Policy attribute.
  aws_sqs_queue_policy: {
    grants: [{ on: 'queue', actions: ['sqs:SetQueueAttributes', 'sqs:GetQueueAttributes'] }],
  },
  aws_sqs_queue_redrive_allow_policy: {
    grants: [{ on: 'queue', actions: ['sqs:SetQueueAttributes', 'sqs:GetQueueAttributes'] }],
  },
  aws_sns_topic: {
    grants: [
      {
        on: 'topic',
        actions: [
          'sns:CreateTopic',
          'sns:GetTopicAttributes',
          'sns:SetTopicAttributes',
          'sns:TagResource',
          'sns:UntagResource',
          'sns:ListTagsForResource',
          'sns:DeleteTopic',
        ],
      },
    ],
  },
  aws_sns_topic_policy: {
    grants: [{ on: 'topic', actions: ['sns:SetTopicAttributes', 'sns:GetTopicAttributes'] }],
  },
  // In the consumer's account, on the producer's topic (whose policy must let this account subscribe).
  aws_sns_topic_subscription: {
    grants: [
      {
        on: 'consumedTopic',
        actions: [
          'sns:Subscribe',
          'sns:GetSubscriptionAttributes',
          'sns:SetSubscriptionAttributes',
          'sns:Unsubscribe',
        ],
      },
    ],
  },
  aws_kms_key: {
    grants: [
      // A new key has no ARN yet: IAM takes only "*" for CreateKey.
      { on: 'account', actions: ['kms:CreateKey'] },
      {
        on: 'key',
        actions: [
          'kms:DescribeKey',
          'kms:GetKeyPolicy',
          'kms:PutKeyPolicy',
          'kms:GetKeyRotationStatus',
          'kms:EnableKeyRotation',
          'kms:DisableKeyRotation',
          'kms:UpdateKeyDescription',
          'kms:ListResourceTags',
          'kms:TagResource',
          'kms:UntagResource',
          'kms:ScheduleKeyDeletion',
        ],
      },
    ],
  },
  aws_dynamodb_table: {
    grants: [
      {
        on: 'table',
        actions: [
          'dynamodb:CreateTable',
          'dynamodb:DescribeTable',
          'dynamodb:UpdateTable',
          'dynamodb:DeleteTable',
          // point_in_time_recovery and ttl are separate APIs.
          'dynamodb:DescribeContinuousBackups',
          'dynamodb:UpdateContinuousBackups',
          'dynamodb:DescribeTimeToLive',
          'dynamodb:UpdateTimeToLive',
          'dynamodb:TagResource',
          'dynamodb:UntagResource',
          'dynamodb:ListTagsOfResource',
        ],
      },
    ],
  },
  aws_scheduler_schedule: {
    grants: [
      {
        on: 'schedule',
        actions: [
          'scheduler:CreateSchedule',
          'scheduler:GetSchedule',
          'scheduler:UpdateSchedule',
          'scheduler:DeleteSchedule',
        ],
      },
      { on: 'role', actions: ['iam:PassRole'], passRoleTo: 'scheduler.amazonaws.com' },
    ],
  },
  aws_ssm_parameter: {
    grants: [
      {
        on: 'parameter',
        actions: [
          'ssm:PutParameter',
          'ssm:GetParameter',
          'ssm:DeleteParameter',
          'ssm:AddTagsToResource',
          'ssm:RemoveTagsFromResource',
          'ssm:ListTagsForResource',
        ],
      },
      // Read: the provider reads description and tier with DescribeParameters, which takes only "*".
      { on: 'account', actions: ['ssm:DescribeParameters'] },
    ],
  },
  aws_apigatewayv2_api: httpApi,
  aws_apigatewayv2_integration: httpApi,
  aws_apigatewayv2_route: httpApi,
  aws_apigatewayv2_stage: {
    grants: [
      { on: 'httpApi', actions: HTTP_API_ACTIONS },
      // Access logs are a CloudWatch Logs delivery, which IAM grants only on "*".
      {
        on: 'account',
        actions: [
          'logs:CreateLogDelivery',
          'logs:GetLogDelivery',
          'logs:UpdateLogDelivery',
          'logs:DeleteLogDelivery',
          'logs:ListLogDeliveries',
          'logs:PutResourcePolicy',
          'logs:DescribeResourcePolicies',
        ],
      },
    ],
  },
  aws_codedeploy_app: {
    grants: [
      {
        on: 'deploymentApplication',
        actions: [
          'codedeploy:CreateApplication',
          'codedeploy:GetApplication',
          'codedeploy:UpdateApplication',
          'codedeploy:DeleteApplication',
          'codedeploy:TagResource',
          'codedeploy:UntagResource',
          'codedeploy:ListTagsForResource',
        ],
      },
    ],
  },
  aws_codedeploy_deployment_group: {
    grants: [
      {
        on: 'deploymentGroup',
        actions: [
          'codedeploy:CreateDeploymentGroup',
          'codedeploy:GetDeploymentGroup',
          'codedeploy:UpdateDeploymentGroup',
          'codedeploy:DeleteDeploymentGroup',
          'codedeploy:TagResource',
          'codedeploy:UntagResource',
          'codedeploy:ListTagsForResource',
          // The deploy job's traffic shift (tools/ci/trafficShiftAws.ts) deploys into the group.
          'codedeploy:CreateDeployment',
          'codedeploy:GetDeployment',
          'codedeploy:ListDeployments',
        ],
      },
      { on: 'role', actions: ['iam:PassRole'], passRoleTo: 'codedeploy.amazonaws.com' },
      // The traffic shift's deployment registers its AppSpec as a revision of the application.
      {
        on: 'deploymentApplication',
        actions: ['codedeploy:RegisterApplicationRevision', 'codedeploy:GetApplicationRevision'],
      },
      { on: 'deploymentConfig', actions: ['codedeploy:GetDeploymentConfig'] },
      // Stopping a failed shift: StopDeployment takes only "*".
      { on: 'account', actions: ['codedeploy:StopDeployment'] },
    ],
  },
};
