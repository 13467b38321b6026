import { createSettings, localSource } from '@platform/settings';
import { settings } from '../src/settings';

const read = (values: Record<string, string>) =>
  createSettings(settings, {
    source: localSource({ values: { 'orders/pricing-api-key': 'k', ...values }, allowInLambda: true }),
    path: '/test/orders/',
  }).get();

describe('orders settings', () => {
  it('declares the parameters with defaults, so the stack can create them, and the secret by name', () => {
    expect(settings.declaration).toEqual({
      parameters: [
        { name: 'log-level', secure: false, default: 'INFO', tunable: true },
        { name: 'debug-sample-rate', secure: false, default: '0', tunable: true },
        { name: 'max-lines-per-order', secure: false, default: '25' },
        { name: 'tax-rate-percent', secure: false, default: '20' },
      ],
      secrets: ['orders/pricing-api-key'],
    });
  });

  it('reads typed values, the defaults where nothing is stored', async () => {
    await expect(read({ 'log-level': 'debug', 'tax-rate-percent': '7.25' })).resolves.toEqual({
      logLevel: 'DEBUG',
      debugSampleRate: 0,
      maxLinesPerOrder: 25,
      taxRatePercent: 7.25,
      pricingApiKey: 'k',
    });
  });

  it.each([
    ['max-lines-per-order', '0', /maxLinesPerOrder/],
    ['max-lines-per-order', '2.5', /maxLinesPerOrder/],
    ['tax-rate-percent', '7.255', /taxRatePercent/],
    ['tax-rate-percent', '120', /taxRatePercent/],
    ['debug-sample-rate', '2', /debugSampleRate/],
  ])('rejects %s = %s, naming the setting', async (name, value, message) => {
    await expect(read({ [name]: value })).rejects.toThrow(message);
  });

  it('requires the pricing API key, without a default in code', async () => {
    const loading = createSettings(settings, {
      source: localSource({ values: {}, allowInLambda: true }),
      path: '/test/orders/',
    }).get();
    await expect(loading).rejects.toThrow(/orders\/pricing-api-key/);
  });
});
