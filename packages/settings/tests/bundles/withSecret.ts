import { createSettings, defineSettings, parameter, secret } from '../../src';
import * as v from 'valibot';

const settings = createSettings(
  defineSettings({ tableName: parameter(v.string()), apiKey: secret('orders/api-key') }),
);

export const handler = async () => (await settings.get()).apiKey.length;
