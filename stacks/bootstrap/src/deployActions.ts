/*
 * The IAM actions of the deploy role, by resource type: what Terraform's AWS provider calls to
 * create, read, update, tag and delete the resources of packages/constructs. Verb wildcards
 * (`lambda:Get*`) keep provider upgrades from breaking deploys; no `service:*` (guardrail PLAT-IAM-1).
 */

export const FUNCTION_ACTIONS = [
  'lambda:Create*',
  'lambda:Delete*',
  'lambda:Get*',
  'lambda:List*',
  'lambda:Put*',
  'lambda:Update*',
  'lambda:PublishVersion',
  'lambda:AddPermission',
  'lambda:RemovePermission',
  'lambda:TagResource',
  'lambda:UntagResource',
];

/** Changing a mapping is limited, by condition, to mappings of the services' functions. */
export const EVENT_SOURCE_MAPPING_WRITE_ACTIONS = [
  'lambda:UpdateEventSourceMapping',
  'lambda:DeleteEventSourceMapping',
];
export const EVENT_SOURCE_MAPPING_READ_ACTIONS = [
  'lambda:GetEventSourceMapping',
  'lambda:TagResource',
  'lambda:UntagResource',
  'lambda:ListTags',
];

export const ROLE_ACTIONS = [
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:GetRole',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
  'iam:UpdateAssumeRolePolicy',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:ListRoleTags',
  'iam:PutRolePolicy',
  'iam:GetRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:ListRolePolicies',
  'iam:ListAttachedRolePolicies',
  'iam:ListInstanceProfilesForRole',
];

/** Service roles may be passed only to the AWS services that run them. */
export const PASS_ROLE_TO = [
  'lambda.amazonaws.com',
  'scheduler.amazonaws.com',
  'codedeploy.amazonaws.com',
  'events.amazonaws.com',
];

export const LOG_GROUP_ACTIONS = [
  'logs:CreateLogGroup',
  'logs:DeleteLogGroup',
  'logs:PutRetentionPolicy',
  'logs:DeleteRetentionPolicy',
  'logs:AssociateKmsKey',
  'logs:DisassociateKmsKey',
  'logs:TagResource',
  'logs:UntagResource',
  'logs:ListTagsForResource',
  'logs:TagLogGroup',
  'logs:UntagLogGroup',
  'logs:ListTagsLogGroup',
];

export const QUEUE_ACTIONS = [
  'sqs:CreateQueue',
  'sqs:DeleteQueue',
  'sqs:GetQueueAttributes',
  'sqs:SetQueueAttributes',
  'sqs:GetQueueUrl',
  'sqs:TagQueue',
  'sqs:UntagQueue',
  'sqs:ListQueueTags',
  'sqs:ListDeadLetterSourceQueues',
];

export const SCHEDULE_ACTIONS = [
  'scheduler:CreateSchedule',
  'scheduler:GetSchedule',
  'scheduler:UpdateSchedule',
  'scheduler:DeleteSchedule',
];

export const RULE_ACTIONS = [
  'events:PutRule',
  'events:DeleteRule',
  'events:DescribeRule',
  'events:EnableRule',
  'events:DisableRule',
  'events:PutTargets',
  'events:RemoveTargets',
  'events:ListTargetsByRule',
  'events:TagResource',
  'events:UntagResource',
  'events:ListTagsForResource',
];

export const ALARM_ACTIONS = [
  'cloudwatch:PutMetricAlarm',
  'cloudwatch:DeleteAlarms',
  'cloudwatch:DescribeAlarms',
  'cloudwatch:TagResource',
  'cloudwatch:UntagResource',
  'cloudwatch:ListTagsForResource',
];

export const PARAMETER_ACTIONS = [
  'ssm:PutParameter',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:DeleteParameter',
  'ssm:DeleteParameters',
  'ssm:AddTagsToResource',
  'ssm:RemoveTagsFromResource',
  'ssm:ListTagsForResource',
];

export const TRAFFIC_SHIFTING_ACTIONS = [
  'codedeploy:CreateApplication',
  'codedeploy:GetApplication',
  'codedeploy:UpdateApplication',
  'codedeploy:DeleteApplication',
  'codedeploy:CreateDeploymentGroup',
  'codedeploy:GetDeploymentGroup',
  'codedeploy:UpdateDeploymentGroup',
  'codedeploy:DeleteDeploymentGroup',
  // The deploy step's traffic shift (tools/ci/traffic-shift.ts): start, follow, list and stop deployments.
  'codedeploy:CreateDeployment',
  'codedeploy:GetDeployment',
  'codedeploy:ListDeployments',
  'codedeploy:StopDeployment',
  'codedeploy:RegisterApplicationRevision',
  'codedeploy:GetApplicationRevision',
  'codedeploy:TagResource',
  'codedeploy:UntagResource',
  'codedeploy:ListTagsForResource',
];

/** Metadata reads IAM grants only on "*". */
export const ACCOUNT_READ_ACTIONS = ['ssm:DescribeParameters', 'logs:DescribeLogGroups'];

/** API Gateway access logs are CloudWatch Logs deliveries, which have no resource-level permissions. */
export const LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
];

export const HTTP_API_ACTIONS = [
  'apigateway:GET',
  'apigateway:POST',
  'apigateway:PUT',
  'apigateway:PATCH',
  'apigateway:DELETE',
];
