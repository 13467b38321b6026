import { getSqsClient, resetSqsClients } from '../../src';

describe('Function: getSqsClient', () => {
  afterEach(() => resetSqsClients());

  it('creates one client per container and options, and reuses it', async () => {
    const a = await getSqsClient({ region: 'eu-west-1' });
    const b = await getSqsClient({ region: 'eu-west-1' });
    const local = await getSqsClient({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:9324' });

    expect(b).toBe(a);
    expect(local).not.toBe(a);
    expect(await local.config.region()).toBe('eu-west-1');
    const endpoint = await local.config.endpoint?.();
    expect(`${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`).toBe('http://127.0.0.1:9324');
  });

  it('creates a new client after resetSqsClients()', async () => {
    const before = await getSqsClient({ region: 'eu-west-1' });

    await resetSqsClients();

    expect(await getSqsClient({ region: 'eu-west-1' })).not.toBe(before);
  });

  it('imports the AWS SDK only when a client is first needed', async () => {
    const imported: string[] = [];
    await jest.isolateModulesAsync(async () => {
      jest.doMock('@aws-sdk/client-sqs', () => {
        imported.push('@aws-sdk/client-sqs');
        return jest.requireActual('@aws-sdk/client-sqs');
      });
      const queue = await import('../../src');
      expect(imported).toEqual([]);

      const client = await queue.getSqsClient({ region: 'eu-west-1' });

      expect(imported).toEqual(['@aws-sdk/client-sqs']);
      client.destroy();
    });
  });
});
