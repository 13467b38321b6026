import { apiGatewayV1Request, apiGatewayV2Request } from '../../src/buildHttpEvent';

describe('Function: apiGatewayV1Request', () => {
  it('puts headers in both header maps, query in both query maps, and the body as JSON', () => {
    const event = apiGatewayV1Request({
      body: { name: 'x' },
      headers: { 'X-Correlation-Id': 'c-1' },
      pathParameters: { id: '42' },
      queryStringParameters: { page: '2', tag: ['a', 'b'] },
    });

    expect(event.httpMethod).toBe('POST');
    expect(event.headers['X-Correlation-Id']).toBe('c-1');
    expect(event.multiValueHeaders['X-Correlation-Id']).toEqual(['c-1']);
    expect(event.headers.Host).toBe('puhdx84jy9.execute-api.eu-west-1.amazonaws.com');
    expect(event.pathParameters).toEqual({ id: '42' });
    expect(event.queryStringParameters).toEqual({ page: '2', tag: 'b' });
    expect(event.multiValueQueryStringParameters).toEqual({ page: ['2'], tag: ['a', 'b'] });
    expect(event.body).toBe('{"name":"x"}');
    expect(event.isBase64Encoded).toBe(false);
  });

  it('base64-encodes the body on request, and keeps the sample body when none is given', () => {
    expect(apiGatewayV1Request({ body: 'hi', base64: true })).toMatchObject({
      body: Buffer.from('hi').toString('base64'),
      isBase64Encoded: true,
    });
    expect(apiGatewayV1Request({}, 'apigw-rest-v1-proxy.aws-lambda-go').body).toBe('{\r\n\t"a": 1\r\n}');
    expect(apiGatewayV1Request({ body: null }, 'apigw-rest-v1-proxy.aws-lambda-go').body).toBeNull();
  });
});

describe('Function: apiGatewayV2Request', () => {
  it('lower-cases header names and joins repeated query parameters with commas, as HTTP APIs do', () => {
    const event = apiGatewayV2Request({
      body: '{"a":1}',
      headers: { 'X-Correlation-Id': 'c-2' },
      queryStringParameters: { tag: ['a', 'b'] },
    });

    expect(event.version).toBe('2.0');
    expect(event.headers['x-correlation-id']).toBe('c-2');
    expect(event.queryStringParameters).toEqual({ tag: 'a,b' });
    expect(event.rawQueryString).toBe('tag=a&tag=b');
    expect(event.body).toBe('{"a":1}');
  });

  it('leaves the body out when it is null', () => {
    expect(apiGatewayV2Request({ body: null }, 'apigw-http-v2-proxy.sam-rendered').body).toBeUndefined();
  });
});
