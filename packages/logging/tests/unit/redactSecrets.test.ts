import { apiGatewayV1Event, captureLogs, createLambdaContext } from '@platform/test-helpers';
import { logger } from '../../src/logger';
import { isSecretKey, redactSecrets } from '../../src/redactSecrets';
import { startInvocation } from '../../src/startInvocation';

describe('Function: isSecretKey', () => {
  it.each([
    'password',
    'Password',
    'userPassword',
    'db_passwd',
    'passphrase',
    'pwd',
    'secret',
    'clientSecret',
    'SECRET_ACCESS_KEY',
    'token',
    'access_token',
    'refreshToken',
    'X-Amz-Security-Token',
    'authorization',
    'Authorization',
    'proxy-authorization',
    'api key',
    'apikey',
    'apiKey',
    'api_key',
    'x-api-key',
    'cookie',
    'Set-Cookie',
    'cookies',
    'credential',
    'credentials',
    'private key',
    'privateKey',
    'private_key',
  ])('treats "%s" as secret', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each(['orderId', 'author', 'authorizer', 'passenger', 'keyword', 'apiId', 'accessKeyId', 'message'])(
    'treats "%s" as ordinary',
    (key) => {
      expect(isSecretKey(key)).toBe(false);
    },
  );
});

describe('Function: redactSecrets', () => {
  it('replaces secret values in a JSON.stringify pass, at any depth, in arrays too', () => {
    const value = {
      user: { name: 'ann', password: 'hunter2' },
      list: [{ deep: { deeper: { deepest: { apiKey: 'k-1', ok: 1 } } } }],
      credentials: { accessKeyId: 'AKIA', secretAccessKey: 's' },
      cookies: ['a=1', 'b=2'],
    };

    const json = JSON.parse(JSON.stringify(value, redactSecrets)) as unknown;

    expect(json).toEqual({
      user: { name: 'ann', password: '[REDACTED]' },
      list: [{ deep: { deeper: { deepest: { apiKey: '[REDACTED]', ok: 1 } } } }],
      credentials: '[REDACTED]',
      cookies: '[REDACTED]',
    });
  });

  it('leaves undefined values out, as JSON does', () => {
    expect(JSON.stringify({ token: undefined, a: 1 }, redactSecrets)).toBe('{"a":1}');
  });
});

describe('Logger: redaction', () => {
  it('never writes a secret value, wherever it sits in a log line', () => {
    const secrets = ['Bearer s3cr3t', 'hunter2', 'k-123', 'session=abc', 'PRIVATE'];
    const logs = captureLogs();
    try {
      startInvocation(createLambdaContext());
      const event = apiGatewayV1Event('apigw-rest-v1-proxy.aws-lambda-go');
      event.headers.Authorization = secrets[0]!;
      event.multiValueHeaders.Authorization = [secrets[0]!];
      logger.appendKeys({ db: { password: secrets[1] } });
      logger.info('Request', { event, nested: [[{ 'x-api-key': secrets[2] }]], Cookie: secrets[3] });
      const error = Object.assign(new Error('failed'), { privateKey: secrets[4] });
      logger.error('Failed', error);
      logger.resetKeys();
    } finally {
      logs.restore();
    }

    const written = JSON.stringify(logs.lines);
    for (const secret of secrets) expect(written).not.toContain(secret);
    expect(logs.lines[0]).toMatchObject({
      db: { password: '[REDACTED]' },
      event: { headers: { Authorization: '[REDACTED]' }, multiValueHeaders: { Authorization: '[REDACTED]' } },
      nested: [[{ 'x-api-key': '[REDACTED]' }]],
      Cookie: '[REDACTED]',
    });
    expect(logs.lines[1]!.error).toMatchObject({ message: 'failed', privateKey: '[REDACTED]' });
    // The real event's identity.apiKey is redacted too; ordinary fields are kept.
    expect(logs.lines[0]).toMatchObject({
      event: { requestContext: { identity: { apiKey: '[REDACTED]', sourceIp: '192.168.196.186' } } },
    });
  });
});
