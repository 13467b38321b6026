import type { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { parameterArn, partitionOf } from './arns';
import { allow, policyDocument } from './iam';
import type { ServiceStack } from './ServiceStack';
import type { RouteCaller } from './types';

/** `POST /orders/{id}` -> `POST/orders/*`: the route's part of an execute-api ARN (`ANY` is any method). */
export function routeResource(routeKey: string): string {
  const [method, path] = routeKey.split(' ') as [string, string];
  return `${method === 'ANY' ? '*' : method}${path.replace(/\{[^}]+\}/g, '*')}`;
}

/**
 * For each caller the topology declares (`routes` of this service), a role in this account that only
 * the calling function's role (in its own account) may assume, allowed `execute-api:Invoke` on exactly
 * its routes of this API, and reading the SSM parameter where the API's URL is published. HTTP APIs
 * take no resource policy: the invoker role is how another account's function gets in.
 */
export function invokerRoles(
  scope: Construct,
  stack: ServiceStack,
  executionArn: string,
  endpoint: string,
): IamRole[] {
  const links = stack.config.links;
  if (!links || links.callers.length === 0) return [];
  new SsmParameter(scope, 'url-parameter', {
    name: links.apiUrlParameterName,
    type: 'String',
    value: endpoint,
    description: `URL of ${stack.config.service}'s HTTP API, for the invoker roles of its callers`,
  });
  const parameter = parameterArn(stack.config, links.apiUrlParameterName);
  return links.callers.map((caller) => invokerRole(scope, stack, caller, executionArn, parameter));
}

function invokerRole(
  scope: Construct,
  stack: ServiceStack,
  caller: RouteCaller,
  executionArn: string,
  urlParameterArn: string,
): IamRole {
  const id = `invoker-${caller.service}-${caller.function}`;
  const callerAccount = caller.roleArn.split(':')[4];
  const role = new IamRole(scope, id, {
    name: caller.invokerRoleName,
    description: `Lets ${caller.service}/${caller.function} call ${caller.routes.join(', ')} of ${stack.config.service}`,
    maxSessionDuration: 3600,
    assumeRolePolicy: policyDocument([
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:${partitionOf(stack.config.region)}:iam::${callerAccount}:root` },
        Action: 'sts:AssumeRole',
        // A condition, not the role as principal: the caller's role need not exist yet (no deploy order).
        Condition: { ArnEquals: { 'aws:PrincipalArn': caller.roleArn } },
      },
    ]),
  });
  new IamRolePolicy(scope, `${id}-policy`, {
    role: role.name,
    name: 'invoke-routes',
    policy: policyDocument([
      allow(
        ['execute-api:Invoke'],
        caller.routes.map((r) => `${executionArn}/$default/${routeResource(r)}`),
      ),
      allow(['ssm:GetParameter'], [urlParameterArn]),
    ]),
  });
  return role;
}
