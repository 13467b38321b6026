import { createSettings, localSource } from '@platform/settings';
import { settings } from '../src/settings';

describe('reports settings', () => {
  it('declares the log settings with defaults, so the stack can create them', () => {
    expect(settings.declaration.parameters).toEqual(
      expect.arrayContaining([
        { name: 'log-level', secure: false, default: 'INFO' },
        { name: 'debug-sample-rate', secure: false, default: '0' },
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

  it('rejects a sample rate outside 0..1, naming the setting', async () => {
    const read = createSettings(settings, {
      source: localSource({ values: { 'debug-sample-rate': '2' }, allowInLambda: true }),
      path: '/test/reports/',
    });
    await expect(read.get()).rejects.toThrow(/debugSampleRate|debug-sample-rate/);
  });
});
