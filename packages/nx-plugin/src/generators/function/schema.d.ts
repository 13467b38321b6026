import type { Trigger } from '../../utils/names';

export interface FunctionGeneratorSchema {
  service: string;
  name: string;
  trigger: Trigger;
  skipFormat?: boolean;
}
