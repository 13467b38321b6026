import type { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import type { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { parameterArn, partitionOf } from './arns';
import { suppress } from './guardrails/suppress';
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
export function invokerRoles(scope: Construct, stack: ServiceStack, api: Apigatewayv2Api): IamRole[] {
  const executionArn = api.executionArn;
  const endpoint = api.apiEndpoint;
  const reference = `\${aws_apigatewayv2_api.${stack.getLogicalId(api)}.execution_arn}`;
  const links = stack.config.links;
  if (!links || links.callers.length === 0) return [];
  new SsmParameter(scope, 'url-parameter', {
    name: links.apiUrlParameterName,
    type: 'String',
    value: endpoint,
    description: `URL of ${stack.config.service}'s HTTP API, for the invoker roles of its callers`,
  });
  const parameter = parameterArn(stack.config, links.apiUrlParameterName);
  return links.callers.map((caller) => invokerRole(scope, stack, caller, executionArn, reference, parameter));
}

function invokerRole(
  scope: Construct,
  stack: ServiceStack,
  caller: RouteCaller,
  executionArn: string,
  executionArnReference: string,
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
  const routes = caller.routes.map((r) => `${executionArn}/$default/${routeResource(r)}`);
  const policy = new IamRolePolicy(scope, `${id}-policy`, {
    role: role.name,
    name: 'invoke-routes',
    policy: policyDocument([
      allow(['execute-api:Invoke'], routes),
      allow(['ssm:GetParameter'], [urlParameterArn]),
    ]),
  });
  const withParameters = routes.filter((r) => r.includes('*'));
  if (withParameters.length > 0) {
    suppress(
      policy,
      'PLAT-IAM-4',
      'a route path parameter ({id}) is "*" in an execute-api ARN: any value of it, on this route only',
      {
        // As the guardrail reads the policy: the API's execution ARN as its Terraform reference.
        appliesTo: withParameters.map((r) => `Resource::${r.replace(executionArn, executionArnReference)}`),
      },
    );
  }
  return role;
}
