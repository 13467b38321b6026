import * as v from 'valibot';
import { defineSettings, getSettings, parameter, secret } from '@platform/settings';

// Settings declared and read on demand: the SSM and Secrets Manager clients load on the first read, not at init.
const settings = defineSettings({
  tableName: parameter(v.string()),
  maxItems: parameter(v.string(), { default: '10' }),
  apiKey: secret('bench/api-key'),
});
export const handler = async () => {
  const { tableName, apiKey } = await getSettings(settings);
  return { statusCode: 200, body: `${tableName}:${apiKey.length}` };
};
