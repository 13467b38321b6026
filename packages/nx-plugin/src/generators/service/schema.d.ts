import type { Trigger } from '../../utils/names';

export interface ServiceGeneratorSchema {
  name: string;
  team: string;
  trigger?: Trigger;
  function?: string;
  skipFormat?: boolean;
}
