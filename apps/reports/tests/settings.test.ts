import { createSettings, localSource } from '@platform/settings';
import { settings } from '../src/settings';

describe('reports settings', () => {
  it('declares the log settings with defaults, so the stack can create them', () => {
    expect(settings.declaration.parameters).toEqual(
      expect.arrayContaining([
        { name: 'log-level', secure: false, default: 'INFO', tunable: true },
        { name: 'debug-sample-rate', secure: false, default: '0', tunable: true },
        { name: 'top-sku-count', secure: false, default: '5' },
      ]),
    );
  });

  it('reads typed values', async () => {
    const read = createSettings(settings, {
      source: localSource({
        values: { 'log-level': 'debug', 'debug-sample-rate': '0.25' },
        allowInLambda: true,
      }),
      path: '/test/reports/',
    });
    await expect(read.get()).resolves.toMatchObject({ logLevel: 'DEBUG', debugSampleRate: 0.25 });
  });

  it('lists 5 top SKUs unless set otherwise', async () => {
    const read = (values: Record<string, string>) =>
      createSettings(settings, {
        source: localSource({ values, allowInLambda: true }),
        path: '/test/reports/',
      }).get();
    await expect(read({})).resolves.toMatchObject({ topSkuCount: 5 });
    await expect(read({ 'top-sku-count': '10' })).resolves.toMatchObject({ topSkuCount: 10 });
  });

  it.each(['0', '51', '2.5', 'five'])('rejects a top-SKU count of %s, naming the setting', async (value) => {
    const read = createSettings(settings, {
      source: localSource({ values: { 'top-sku-count': value }, allowInLambda: true }),
      path: '/test/reports/',
    });
    await expect(read.get()).rejects.toThrow(/topSkuCount|top-sku-count/);
  });

  it('rejects a sample rate outside 0..1, naming the setting', async () => {
    const read = createSettings(settings, {
      source: localSource({ values: { 'debug-sample-rate': '2' }, allowInLambda: true }),
      path: '/test/reports/',
    });
    await expect(read.get()).rejects.toThrow(/debugSampleRate|debug-sample-rate/);
  });
});
