import { createSettings, defineSettings, parameter } from '../../src';
import * as v from 'valibot';

const settings = createSettings(defineSettings({ tableName: parameter(v.string()) }));

export const handler = async () => (await settings.get()).tableName;
