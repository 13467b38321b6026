import { SNSClient } from '@aws-sdk/client-sns';
import { getSnsClient, resetSnsClients } from '../../src/snsClient';

describe('Function: getSnsClient', () => {
  afterEach(() => resetSnsClients());

  it('creates one SNSClient per container and options, and reuses it', async () => {
    const a = await getSnsClient({ region: 'eu-west-1' });
    const b = await getSnsClient({ region: 'eu-west-1' });
    const local = await getSnsClient({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:9911' });

    expect(a).toBeInstanceOf(SNSClient);
    expect(b).toBe(a);
    expect(local).not.toBe(a);
    expect(await local.config.region()).toBe('eu-west-1');
    const endpoint = await local.config.endpoint?.();
    expect(`${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`).toBe('http://127.0.0.1:9911');
  });

  it('creates a client without options, and a new one after resetSnsClients()', async () => {
    const before = await getSnsClient();

    await resetSnsClients();

    const after = await getSnsClient();
    expect(after).toBeInstanceOf(SNSClient);
    expect(after).not.toBe(before);
  });
});
