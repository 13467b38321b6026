import { SQSClient } from '@aws-sdk/client-sqs';

describe('Function: captureAwsSdk', () => {
  const executionEnv = process.env.AWS_EXECUTION_ENV;
  afterEach(() => {
    if (executionEnv === undefined) delete process.env.AWS_EXECUTION_ENV;
    else process.env.AWS_EXECUTION_ENV = executionEnv;
  });

  const middlewareOf = (client: SQSClient) => client.middlewareStack.identify().join('\n');

  it('adds the X-Ray middleware to the client in Lambda, so each call is a subsegment', async () => {
    process.env.AWS_EXECUTION_ENV = 'AWS_Lambda_nodejs22.x';
    await jest.isolateModulesAsync(async () => {
      const { captureAwsSdk } = await import('../../src/captureAwsSdk');
      const client = new SQSClient({ region: 'eu-west-1' });

      expect(captureAwsSdk(client)).toBe(client);
      expect(middlewareOf(client)).toMatch(/^XRaySDKInstrumentation/m);
    });
  });

  it('leaves the client as it is outside Lambda', async () => {
    delete process.env.AWS_EXECUTION_ENV;
    await jest.isolateModulesAsync(async () => {
      const { captureAwsSdk } = await import('../../src/captureAwsSdk');
      const client = new SQSClient({ region: 'eu-west-1' });

      expect(captureAwsSdk(client)).toBe(client);
      expect(middlewareOf(client)).not.toMatch(/XRaySDKInstrumentation/);
    });
  });
});
