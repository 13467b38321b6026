import { createSettings, defineSettings, secret } from '../../src';

const settings = createSettings(defineSettings({ apiKey: secret('orders/api-key') }));

export const handler = async () => (await settings.get()).apiKey.length;
