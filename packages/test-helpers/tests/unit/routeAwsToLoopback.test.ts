import { routeAwsToLoopback } from '../../src/routeAwsToLoopback';

describe('routeAwsToLoopback', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('sends the named services to their servers, every other one to a closed port, with fake credentials', () => {
    process.env.AWS_PROFILE = 'prod-admin';
    process.env.AWS_SESSION_TOKEN = 'real-token';
    routeAwsToLoopback({ SQS: 'http://127.0.0.1:4566', DYNAMODB: 'http://127.0.0.1:8000' }, 'run it right');
    expect(process.env).toMatchObject({
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:4566',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
    expect(process.env.AWS_PROFILE).toBeUndefined();
    expect(process.env.AWS_SESSION_TOKEN).toBeUndefined();
  });

  it.each([undefined, 'https://sqs.eu-west-1.amazonaws.com'])(
    'refuses an endpoint that is not loopback (%s)',
    (url) => {
      expect(() => routeAwsToLoopback({ SQS: url }, 'Use tests/integration/jest.config.js.')).toThrow(
        /No loopback SQS endpoint .*Use tests\/integration\/jest.config.js\./,
      );
      expect(process.env.AWS_ENDPOINT_URL_SQS).toBe(saved.AWS_ENDPOINT_URL_SQS);
    },
  );
});
