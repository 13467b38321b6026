import * as v from 'valibot';
import { defineSettings, getSettings, parameter } from '@platform/settings';

// Settings declared and read on demand: the SSM client loads on the first read, not at init.
const settings = defineSettings({ tableName: parameter(v.string()), maxItems: parameter(v.string(), { default: '10' }) });
export const handler = async () => ({ statusCode: 200, body: (await getSettings(settings)).tableName });
