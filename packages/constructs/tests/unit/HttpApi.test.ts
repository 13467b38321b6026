import { Testing } from 'cdktf';
import { HttpApi, type RouteOptions } from '../../src/HttpApi';
import type { ServiceFunction } from '../../src/ServiceFunction';
import { resourcesOf, testFunction, testStack } from '../helpers';

describe('Class: HttpApi', () => {
  describe('defaults', () => {
    const stack = testStack();
    const fn = testFunction(stack, 'orders-api');
    new HttpApi(stack, 'api', {
      routes: { 'POST /orders': { function: fn }, 'GET /orders/{id}': { function: fn } },
    });
    const synthesized = Testing.synth(stack);
    const json = JSON.parse(synthesized);

    it('creates an HTTP API whose routes all require AWS_IAM authorization', () => {
      expect(synthesized).toHaveResourceWithProperties(
        { tfResourceType: 'aws_apigatewayv2_api' },
        { name: 'orders-dev-api', protocol_type: 'HTTP' },
      );
      expect(
        resourcesOf(json, 'aws_apigatewayv2_route').map((r) => [r.route_key, r.authorization_type]),
      ).toEqual([
        ['GET /orders/{id}', 'AWS_IAM'],
        ['POST /orders', 'AWS_IAM'],
      ]);
    });

    it('throttles the stage and writes JSON access logs into a log group kept 30 days', () => {
      const stage = resourcesOf(json, 'aws_apigatewayv2_stage')[0];
      expect(stage).toMatchObject({
        name: '$default',
        auto_deploy: true,
        default_route_settings: {
          throttling_rate_limit: 100,
          throttling_burst_limit: 50,
          detailed_metrics_enabled: true,
        },
        access_log_settings: {
          destination_arn: expect.stringMatching(/aws_cloudwatch_log_group\.api_access-logs_\w+\.arn/),
        },
      });
      expect(JSON.parse(stage.access_log_settings.format)).toMatchObject({
        requestId: '$context.requestId',
        status: '$context.status',
        caller: '$context.identity.userArn',
      });
      expect(synthesized).toHaveResourceWithProperties(
        { tfResourceType: 'aws_cloudwatch_log_group' },
        { name: '/aws/apigateway/orders-dev-api/access', retention_in_days: 30 },
      );
    });

    it('integrates each function once through its live alias, invocable only from this API', () => {
      expect(resourcesOf(json, 'aws_apigatewayv2_integration')).toEqual([
        expect.objectContaining({
          integration_type: 'AWS_PROXY',
          integration_uri: expect.stringMatching(/^\$\{aws_lambda_alias\.orders-api_live_\w+\.arn\}$/),
          payload_format_version: '2.0',
        }),
      ]);
      expect(resourcesOf(json, 'aws_lambda_permission')).toEqual([
        expect.objectContaining({
          action: 'lambda:InvokeFunction',
          principal: 'apigateway.amazonaws.com',
          qualifier: expect.stringMatching(/aws_lambda_alias\.orders-api_live_\w+\.name/),
          source_arn: expect.stringMatching(/^\$\{aws_apigatewayv2_api\.api_\w+\.execution_arn\}\/\*\/\*$/),
        }),
      ]);
    });
  });

  it('takes throttling and access log retention', () => {
    const stack = testStack();
    new HttpApi(stack, 'api', {
      throttlingRateLimit: 500,
      throttlingBurstLimit: 200,
      accessLogRetentionDays: 90,
    });
    const json = JSON.parse(Testing.synth(stack));

    expect(resourcesOf(json, 'aws_apigatewayv2_stage')[0].default_route_settings).toMatchObject({
      throttling_rate_limit: 500,
      throttling_burst_limit: 200,
    });
    expect(resourcesOf(json, 'aws_cloudwatch_log_group')[0].retention_in_days).toBe(90);
  });

  it('opens a route only with a named reason, which the synth prints', () => {
    // Prepare
    const stack = testStack();
    const api = new HttpApi(stack, 'api');
    const log = jest.spyOn(console, 'warn').mockImplementation(() => undefined);

    // Act
    api.addRoute('GET /health', {
      function: testFunction(stack, 'health'),
      authorization: 'NONE',
      publicReason: 'uptime checks, returns no data',
    });
    const json = JSON.parse(Testing.synth(stack));

    // Assess
    expect(resourcesOf(json, 'aws_apigatewayv2_route')[0]).toMatchObject({
      route_key: 'GET /health',
      authorization_type: 'NONE',
    });
    expect(log).toHaveBeenCalledWith(
      expect.stringMatching(
        /PLAT-API-1 suppressed on aws_apigatewayv2_route\.api_route-get-health_\w+ \(orders-dev\/api\/route-get-health\): public route: uptime checks, returns no data/,
      ),
    );
    log.mockRestore();
  });

  it('gives distinct ids to route keys with the same slug', () => {
    const stack = testStack();
    const fn = testFunction(stack, 'fn');
    new HttpApi(stack, 'api', {
      routes: { 'GET /orders/{id}': { function: fn }, 'GET /orders/id': { function: fn } },
    });

    expect(resourcesOf(JSON.parse(Testing.synth(stack)), 'aws_apigatewayv2_route')).toHaveLength(2);
  });

  describe('bad input', () => {
    const withRoute = (routeKey: string, options: RouteOptions) => () => {
      const stack = testStack();
      testFunction(stack, 'fn');
      new HttpApi(stack, 'api', { routes: { [routeKey]: options } });
    };
    const fn = () => testFunction(testStack(), 'fn');

    it('rejects a route without a function', () => {
      expect(withRoute('POST /orders', { function: undefined as unknown as ServiceFunction })).toThrow(
        /HttpApi "api": route "POST \/orders" has no function. Pass the ServiceFunction that handles it/,
      );
    });

    it('rejects a malformed route key', () => {
      expect(withRoute('POST orders', { function: fn() })).toThrow(
        /HttpApi "api": route "POST orders" is not a route key. Use "<METHOD> \/<path>"/,
      );
    });

    it('rejects a public route without a reason', () => {
      expect(withRoute('GET /health', { function: fn(), authorization: 'NONE', publicReason: ' ' })).toThrow(
        /route "GET \/health" has authorization 'NONE' without a publicReason/,
      );
    });

    it('rejects a route defined twice', () => {
      const stack = testStack();
      const api = new HttpApi(stack, 'api');
      const handler = testFunction(stack, 'fn');
      api.addRoute('GET /x', { function: handler });
      expect(() => api.addRoute('GET /x', { function: handler })).toThrow(/route "GET \/x" is defined twice/);
    });

    it.each([
      [{ throttlingRateLimit: 0 }, /HttpApi "api": throttlingRateLimit 0 is out of range/],
      [{ accessLogRetentionDays: 2 as 1 }, /HttpApi "api": accessLogRetentionDays 2 is not allowed/],
    ])('rejects %j', (props, message) => {
      expect(() => new HttpApi(testStack(), 'api', props)).toThrow(message);
    });
  });
});
