import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import {
  DEFAULT_API_LATENCY_P99_MS,
  apiAlarms,
  validateApiAlarmOptions,
  type HttpApiAlarmOptions,
} from './apiAlarms';
import {
  callerRouteMissing,
  duplicateRoute,
  invalidChoice,
  invalidRouteKey,
  publicRouteWithoutReason,
  routeWithoutFunction,
} from './errors';
import { checkInteger } from './checkInteger';
import { DEFAULT_LOG_RETENTION_DAYS } from './functionProps';
import { invokerRoles } from './invokerRoles';
import { suppress } from './guardrails/suppress';
import { NAME_LIMITS, checkedId, checkedName } from './names';
import { isRouteKey } from './syntax';
import type { ServiceFunction } from './ServiceFunction';
import type { ServiceStack } from './ServiceStack';
import { LOG_RETENTION_DAYS, type LogRetentionDays } from './types';

export type RouteOptions =
  /** Callers sign requests with SigV4 and need execute-api:Invoke on the route (zero trust, the default). */
  | { readonly function: ServiceFunction; readonly authorization?: 'AWS_IAM' }
  /** Anyone may call the route: an explicit opt-out, with the reason printed at every synth. */
  | { readonly function: ServiceFunction; readonly authorization: 'NONE'; readonly publicReason: string };

export interface HttpApiProps {
  /** Routes by route key (`"POST /orders"`); more with `addRoute`. */
  readonly routes?: Readonly<Record<string, RouteOptions>>;
  /** Steady-state requests per second for the stage. @default 100 */
  readonly throttlingRateLimit?: number;
  /** Burst of requests above the rate. @default 50 */
  readonly throttlingBurstLimit?: number;
  /** Days access logs are kept. @default 30 */
  readonly accessLogRetentionDays?: LogRetentionDays;
  /** Alarm thresholds (5xx rate, p99 latency); both on by default. */
  readonly alarms?: HttpApiAlarmOptions;
}

export const DEFAULT_THROTTLING_RATE = 100;
export const DEFAULT_THROTTLING_BURST = 50;
/** The one stage: auto-deployed, at the API's root URL. */
const STAGE = '$default';

// Access log fields (JSON): who called what, the result, and where the integration failed.
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  caller: '$context.identity.userArn',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
});

/**
 * An HTTP API (API Gateway v2): every route needs AWS_IAM authorization unless it opts out by name
 * and reason; one `$default` stage with throttling and JSON access logs into a log group with retention;
 * Lambda proxy integrations on each function's `live` alias, invocable only by this API.
 */
export class HttpApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;
  readonly accessLogs: CloudwatchLogGroup;
  /** The topology's callers' invoker roles (on the stack's first HttpApi). */
  readonly invokerRoles: readonly IamRole[] = [];
  /** 5xx rate and p99 latency of the stage; they also roll back the routed functions' deployments. */
  readonly alarms: readonly CloudwatchMetricAlarm[];
  private readonly integrations = new Map<ServiceFunction, Apigatewayv2Integration>();
  private readonly routeKeys = new Set<string>();
  private readonly iamRouteKeys = new Set<string>();

  constructor(stack: ServiceStack, id: string, props: HttpApiProps = {}) {
    super(stack, checkedId(stack, id, `HttpApi "${id}"`));
    const construct = `HttpApi "${id}"`;
    checkInteger(
      construct,
      'throttlingRateLimit',
      props.throttlingRateLimit,
      1,
      10000,
      'requests per second',
    );
    checkInteger(construct, 'throttlingBurstLimit', props.throttlingBurstLimit, 1, 5000, 'requests');
    validateApiAlarmOptions(construct, props.alarms);
    if (
      props.accessLogRetentionDays !== undefined &&
      !LOG_RETENTION_DAYS.includes(props.accessLogRetentionDays)
    ) {
      throw invalidChoice(
        construct,
        'accessLogRetentionDays',
        props.accessLogRetentionDays,
        LOG_RETENTION_DAYS,
      );
    }
    const name = checkedName(
      construct,
      'API name',
      stack.resourceName(id),
      NAME_LIMITS.httpApi,
      stack.namePrefix,
    );

    this.api = new Apigatewayv2Api(this, 'api', { name, protocolType: 'HTTP' });
    this.accessLogs = new CloudwatchLogGroup(this, 'access-logs', {
      name: `/aws/apigateway/${name}/access`,
      retentionInDays: props.accessLogRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
    });
    this.stage = new Apigatewayv2Stage(this, 'stage', {
      apiId: this.api.id,
      name: STAGE,
      autoDeploy: true,
      defaultRouteSettings: {
        throttlingRateLimit: props.throttlingRateLimit ?? DEFAULT_THROTTLING_RATE,
        throttlingBurstLimit: props.throttlingBurstLimit ?? DEFAULT_THROTTLING_BURST,
        detailedMetricsEnabled: true,
      },
      accessLogSettings: { destinationArn: this.accessLogs.arn, format: ACCESS_LOG_FORMAT },
    });
    this.alarms = apiAlarms(
      this,
      { name, apiId: this.api.id, stage: STAGE },
      stack.alarmTopicArn,
      props.alarms,
    );
    const latencyP99 = props.alarms?.latencyP99 ?? DEFAULT_API_LATENCY_P99_MS;
    stack.serviceDashboard().addApi({
      id,
      name,
      apiId: this.api.id,
      stage: STAGE,
      ...(latencyP99 === false ? {} : { latencyP99 }),
    });
    for (const [routeKey, options] of Object.entries(props.routes ?? {})) this.addRoute(routeKey, options);

    const callers = stack.config.links?.callers ?? [];
    if (callers.length > 0 && stack.claimCalledApi(id) === id) {
      this.invokerRoles = invokerRoles(this, stack, this.api);
      // At synth: every route a caller was given exists here, behind AWS_IAM.
      this.node.addValidation({
        validate: () =>
          [...new Set(callers.flatMap((c) => c.routes))]
            .filter((route) => !this.iamRouteKeys.has(route))
            .map(
              (route) =>
                callerRouteMissing(
                  id,
                  route,
                  callers.filter((c) => c.routes.includes(route)).map((c) => `${c.service}/${c.function}`),
                ).message,
            ),
      });
    }
  }

  /** The API's endpoint (https://<id>.execute-api.<region>.amazonaws.com). */
  get url(): string {
    return this.api.apiEndpoint;
  }

  addRoute(routeKey: string, options: RouteOptions): Apigatewayv2Route {
    const api = this.node.id;
    if (!isRouteKey(routeKey)) throw invalidRouteKey(api, routeKey);
    if (this.routeKeys.has(routeKey)) throw duplicateRoute(api, routeKey);
    if (!options?.function) throw routeWithoutFunction(api, routeKey);
    const authorization = options.authorization ?? 'AWS_IAM';
    if (authorization !== 'AWS_IAM' && authorization !== 'NONE')
      throw invalidChoice(`HttpApi "${api}" route "${routeKey}"`, 'authorization', authorization, [
        'AWS_IAM',
        'NONE',
      ]);
    if (authorization === 'NONE' && !('publicReason' in options && options.publicReason?.trim()))
      throw publicRouteWithoutReason(api, routeKey);
    this.routeKeys.add(routeKey);
    if (authorization === 'AWS_IAM') this.iamRouteKeys.add(routeKey);

    const route = new Apigatewayv2Route(this, this.routeId(routeKey), {
      apiId: this.api.id,
      routeKey,
      target: `integrations/${this.integrationFor(options.function).id}`,
      authorizationType: authorization,
    });
    if ('publicReason' in options && authorization === 'NONE')
      suppress(route, 'PLAT-API-1', `public route: ${options.publicReason.trim()}`);
    return route;
  }

  /** `GET /orders/{id}` -> `route-get-orders-id`; a hash of the key where two keys give one slug. */
  private routeId(routeKey: string): string {
    const id = `route-${
      routeKey
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'default'
    }`;
    return this.node.tryFindChild(id)
      ? `${id}-${createHash('sha256').update(routeKey).digest('hex').slice(0, 8)}`
      : id;
  }

  private integrationFor(fn: ServiceFunction): Apigatewayv2Integration {
    const existing = this.integrations.get(fn);
    if (existing) return existing;
    const integration = new Apigatewayv2Integration(this, `integration-${fn.node.id}`, {
      apiId: this.api.id,
      integrationType: 'AWS_PROXY',
      integrationUri: fn.aliasArn,
      payloadFormatVersion: '2.0',
    });
    new LambdaPermission(this, `permission-${fn.node.id}`, {
      functionName: fn.function.functionName,
      qualifier: fn.alias.name,
      action: 'lambda:InvokeFunction',
      principal: 'apigateway.amazonaws.com',
      // This API only, any stage and route: routes are authorized by API Gateway itself.
      sourceArn: `${this.api.executionArn}/*/*`,
    });
    fn.addRollbackAlarms(this.alarms);
    this.integrations.set(fn, integration);
    return integration;
  }
}
