import { linksOf } from '../lib/links';
import { planBootstrapStacks, planStacks } from '../lib/plan';
import { defineTopology, TopologyError, type ServiceInput, type TopologyInput } from '../lib/topology';
import { validInput } from './fixtures/topology';

/** The fixture with alpha publishing, beta consuming and calling, and any service changes on top. */
const linked = (services: Record<string, Partial<ServiceInput>> = {}): TopologyInput => {
  const input = validInput();
  const base: Record<string, ServiceInput> = {
    alpha: {
      team: 'alpha',
      publishes: ['order.accepted', 'order.rejected'],
      routes: { 'GET /orders/{id}': ['beta/publish-report'], 'POST /orders': ['beta/publish-report'] },
    },
    beta: { team: 'beta', consumes: ['alpha/order.accepted'] },
  };
  const merged = { ...base };
  for (const [name, change] of Object.entries(services)) {
    merged[name] = { ...(base[name] ?? { team: 'beta' }), ...change } as ServiceInput;
  }
  return { ...input, services: merged };
};
const problemsOf = (input: TopologyInput): string => {
  try {
    defineTopology(input);
  } catch (error) {
    expect(error).toBeInstanceOf(TopologyError);
    return (error as Error).message;
  }
  throw new Error('the topology was accepted');
};

describe('defineTopology: links between services', () => {
  it('accepts publishes, consumes and routes, and resolves them', () => {
    const t = defineTopology(linked());
    expect(t.services.alpha).toMatchObject({
      publishes: ['order.accepted', 'order.rejected'],
      consumes: [],
      environments: ['dev', 'staging', 'prod'],
      routes: {
        'GET /orders/{id}': [{ service: 'beta', function: 'publish-report' }],
        'POST /orders': [{ service: 'beta', function: 'publish-report' }],
      },
    });
    expect(t.services.beta).toMatchObject({
      publishes: [],
      consumes: [{ service: 'alpha', stream: 'order.accepted' }],
      routes: {},
    });
  });

  it.each([
    [
      'an unknown service',
      { beta: { consumes: ['alfa/order.accepted'] } },
      'service "beta" consumes "alfa/order.accepted": unknown service "alfa". Known services: alpha, beta.',
    ],
    [
      'an unknown stream',
      { beta: { consumes: ['alpha/order.shipped'] } },
      'service "beta" consumes "alpha/order.shipped", but "alpha" publishes "order.accepted", "order.rejected". Add "order.shipped" to services.alpha.publishes or fix the name.',
    ],
    [
      'a malformed reference',
      { beta: { consumes: ['order.accepted'] } },
      'service "beta" consumes "order.accepted": write it as "<service>/<stream>" (e.g. "orders/order.accepted").',
    ],
    [
      'its own stream',
      { alpha: { consumes: ['alpha/order.accepted'] } },
      'service "alpha" consumes its own stream "alpha/order.accepted". Streams link services; within a service, send to a queue of its stack.',
    ],
    [
      'a stream twice',
      { beta: { consumes: ['alpha/order.accepted', 'alpha/order.accepted'] } },
      'service "beta" consumes "alpha/order.accepted" twice. Remove the duplicate from services.beta.consumes.',
    ],
    [
      'a producer not deployed to the consumer’s environment',
      { alpha: { environments: ['dev', 'staging'] } },
      'service "beta" consumes "alpha/order.accepted" in prod, but "alpha" is not deployed to prod: a stream links services of one environment. Add prod to services.alpha.environments or remove it from services.beta.environments.',
    ],
    [
      'a consumer in a region the producer does not run in',
      { beta: { regions: ['us-east-1'] } },
      'service "beta" consumes "alpha/order.accepted" in us-east-1, but "alpha" runs only in eu-west-1. Add us-east-1 to services.alpha.regions or remove it from services.beta.regions.',
    ],
  ])('rejects consuming %s, naming the fix', (_, services, message) => {
    expect(problemsOf(linked(services))).toContain(message);
  });

  it.each([
    [
      'a malformed stream name',
      { alpha: { publishes: ['Order Accepted'] } },
      'service "alpha" publishes "Order Accepted", which is not a stream name. Use lowercase words separated by "." or "-" (e.g. "order.accepted").',
    ],
    [
      'a stream twice',
      { alpha: { publishes: ['order.accepted', 'order.accepted'] } },
      'service "alpha" publishes "order.accepted" twice. Remove the duplicate from services.alpha.publishes.',
    ],
    [
      'two streams with one topic name',
      { alpha: { publishes: ['order.accepted', 'order-accepted'] } },
      'service "alpha" publishes "order.accepted" and "order-accepted", which name the same topic order-accepted. Rename one of them.',
    ],
    [
      'an unknown environment',
      { alpha: { environments: ['dev', 'qa'] } },
      'service "alpha" lists unknown environment "qa" in environments. Known environments: dev, staging, prod.',
    ],
  ])('rejects publishing %s, naming the fix', (_, services, message) => {
    expect(problemsOf(linked(services))).toContain(message);
  });

  it.each([
    [
      'a malformed route key',
      { alpha: { routes: { '/orders': ['beta/publish-report'] } } },
      'service "alpha" routes: "/orders" is not a route key. Use "<METHOD> /<path>" as in the stack\'s HttpApi (e.g. "GET /orders/{id}").',
    ],
    [
      'a malformed caller',
      { alpha: { routes: { 'GET /orders': ['beta'] } } },
      'service "alpha" route "GET /orders": caller "beta" must be "<service>/<function>" (e.g. "reports/publish-daily-report").',
    ],
    [
      'a caller twice',
      { alpha: { routes: { 'GET /orders': ['beta/publish-report', 'beta/publish-report'] } } },
      'service "alpha" route "GET /orders" lists caller "beta/publish-report" twice. Remove the duplicate.',
    ],
    [
      'an unknown caller service',
      { alpha: { routes: { 'GET /orders': ['gamma/publish-report'] } } },
      'service "alpha" route "GET /orders": unknown service "gamma" in caller "gamma/publish-report". Known services: alpha, beta.',
    ],
    [
      'the service itself',
      { alpha: { routes: { 'GET /orders': ['alpha/create-order'] } } },
      'service "alpha" route "GET /orders": caller "alpha/create-order" is the service itself. Routes are for other services; call your own code directly.',
    ],
    [
      'a caller in an environment the API is not deployed to',
      { alpha: { environments: ['dev'], publishes: [] }, beta: { consumes: [] } },
      'service "alpha" route "GET /orders/{id}": caller "beta/publish-report" runs in staging, where "alpha" is not deployed: calls link services of one environment. Add staging to services.alpha.environments or remove it from services.beta.environments.',
    ],
    [
      'an invoker role name over 64 characters',
      { alpha: { routes: { 'GET /orders': ['beta/publish-the-daily-report-of-every-warehouse'] } } },
      'service "alpha" route "GET /orders": the invoker role of caller "beta/publish-the-daily-report-of-every-warehouse", "alpha-staging-invoke-beta-publish-the-daily-report-of-every-warehouse", has 69 characters; IAM allows 64. Shorten the function or service name by 5.',
    ],
  ])('rejects a route with %s, naming the fix', (_, services, message) => {
    expect(problemsOf(linked(services))).toContain(message);
  });

  it('lists every link problem at once', () => {
    const message = problemsOf(
      linked({ alpha: { publishes: ['Bad Name'] }, beta: { consumes: ['alfa/x', 'alpha/y'] } }),
    );
    expect(message.split('\n').filter((l) => l.startsWith('  - '))).toHaveLength(3);
  });
});

describe('linksOf: both sides of every link, from the topology alone', () => {
  const topology = defineTopology(linked());

  it("gives the producer one topic per stream, subscribable by exactly the consumers' accounts and queues", () => {
    expect(linksOf(topology, 'alpha', 'dev', 'eu-west-1').publishes).toEqual([
      {
        stream: 'order.accepted',
        topicName: 'alpha-dev-order-accepted',
        consumers: [
          {
            service: 'beta',
            accountId: '200000000001',
            queueArnPattern: 'arn:aws:sqs:eu-west-1:200000000001:beta-dev-*',
          },
        ],
      },
      { stream: 'order.rejected', topicName: 'alpha-dev-order-rejected', consumers: [] },
    ]);
  });

  it("gives the consumer the producer's topic ARN in the producer's account of the same environment", () => {
    expect(linksOf(topology, 'beta', 'prod', 'eu-west-1').consumes).toEqual([
      {
        service: 'alpha',
        stream: 'order.accepted',
        accountId: '100000000003',
        topicArn: 'arn:aws:sns:eu-west-1:100000000003:alpha-prod-order-accepted',
        producerStack: 'alpha-prod',
      },
    ]);
  });

  it('gives the API one invoker role per calling function, trusting only that function’s role', () => {
    expect(linksOf(topology, 'alpha', 'staging', 'eu-west-1').callers).toEqual([
      {
        service: 'beta',
        function: 'publish-report',
        routes: ['GET /orders/{id}', 'POST /orders'],
        roleArn: 'arn:aws:iam::200000000002:role/beta-staging-publish-report',
        invokerRoleName: 'alpha-staging-invoke-beta-publish-report',
      },
    ]);
  });

  it("gives the caller the invoker role's ARN and the API URL parameter in the callee's account", () => {
    const links = linksOf(topology, 'beta', 'staging', 'eu-west-1');
    expect(links.calls).toEqual([
      {
        service: 'alpha',
        function: 'publish-report',
        routes: ['GET /orders/{id}', 'POST /orders'],
        accountId: '100000000002',
        region: 'eu-west-1',
        invokerRoleArn: 'arn:aws:iam::100000000002:role/alpha-staging-invoke-beta-publish-report',
        apiUrlParameterArn: 'arn:aws:ssm:eu-west-1:100000000002:parameter/staging/alpha/platform/api-url',
      },
    ]);
    expect(linksOf(topology, 'alpha', 'staging', 'eu-west-1').apiUrlParameterName).toBe(
      '/staging/alpha/platform/api-url',
    );
  });

  it('plans stacks with their links, only in the environments a service is deployed to', () => {
    const specs = planStacks(defineTopology(linked({ beta: { environments: ['dev', 'staging'] } })));
    expect(specs.map((s) => s.name)).toEqual([
      'alpha-dev',
      'alpha-staging',
      'alpha-prod',
      'beta-dev',
      'beta-staging',
    ]);
    expect(specs.find((s) => s.name === 'alpha-prod')!.links!.publishes[0]!.consumers).toEqual([]);
    expect(specs.find((s) => s.name === 'beta-dev')!.links!.consumes[0]!.topicArn).toBe(
      'arn:aws:sns:eu-west-1:100000000001:alpha-dev-order-accepted',
    );
  });

  it("scopes each account's deploy role to the topics its services consume", () => {
    const bootstraps = planBootstrapStacks(topology);
    const services = (name: string) => bootstraps.find((b) => b.name === name)!.services;
    expect(services('bootstrap-b-dev')).toEqual([
      {
        name: 'beta',
        regions: ['eu-west-1'],
        consumedTopicArns: ['arn:aws:sns:eu-west-1:100000000001:alpha-dev-order-accepted'],
      },
    ]);
    expect(services('bootstrap-a-dev')).toEqual([{ name: 'alpha', regions: ['eu-west-1'] }]);
  });
});
