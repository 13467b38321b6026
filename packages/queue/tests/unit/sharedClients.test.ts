import { sharedClients, type ClientOptions } from '../../src/sharedClients';

/** A client factory that records each configuration it was asked for and each destroyed client. */
function factory(fail: (call: number) => boolean = () => false) {
  const configs: ClientOptions[] = [];
  const destroyed: string[] = [];
  const create = async (config: ClientOptions) => {
    configs.push(config);
    if (fail(configs.length)) throw new Error(`creation ${configs.length} failed`);
    const name = `client-${configs.length}`;
    return { name, destroy: () => destroyed.push(name) };
  };
  return { clients: sharedClients(create), configs, destroyed };
}

describe('Function: sharedClients', () => {
  it('passes only the options that are set to the factory', async () => {
    const { clients, configs } = factory();

    await clients.get();
    await clients.get({ region: 'eu-west-1' });
    await clients.get({ endpoint: 'http://127.0.0.1:9324' });
    await clients.get({ endpoint: 'http://127.0.0.1:9324', region: 'eu-west-1' });

    expect(configs).toStrictEqual([
      {},
      { region: 'eu-west-1' },
      { endpoint: 'http://127.0.0.1:9324' },
      { endpoint: 'http://127.0.0.1:9324', region: 'eu-west-1' },
    ]);
  });

  it('reuses the client of the same endpoint and region, and only that one', async () => {
    const { clients, configs } = factory();
    const names = async (...options: ClientOptions[]) => {
      const got: string[] = [];
      for (const o of options) got.push((await clients.get(o)).name);
      return got;
    };

    expect(
      await names(
        { region: 'eu-west-1' },
        { region: 'eu-west-1' },
        { region: 'us-east-1' },
        { endpoint: 'http://127.0.0.1:9324' },
        { endpoint: 'http://127.0.0.1:4566' },
        { endpoint: 'http://127.0.0.1:4566' },
      ),
    ).toEqual(['client-1', 'client-1', 'client-2', 'client-3', 'client-4', 'client-4']);
    expect(configs).toHaveLength(4);
  });

  it('forgets a failed creation, so the next call creates the client again', async () => {
    const { clients } = factory((call) => call === 1);

    await expect(clients.get()).rejects.toThrow('creation 1 failed');

    expect((await clients.get()).name).toBe('client-2');
  });

  it('destroys the clients it created on reset, skipping a failed creation, then creates new ones', async () => {
    const { clients, destroyed } = factory((call) => call === 2);
    await clients.get({ region: 'eu-west-1' });
    // Not awaited: reset must settle it without calling destroy() on a failure.
    const failing = clients.get({ region: 'us-east-1' });
    failing.catch(() => undefined);

    await clients.reset();

    expect(destroyed).toEqual(['client-1']);
    expect((await clients.get({ region: 'eu-west-1' })).name).toBe('client-3');
  });
});
