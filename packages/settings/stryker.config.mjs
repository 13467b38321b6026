import { mutationConfig } from '../../stryker.preset.mjs';

export default mutationConfig('settings');
