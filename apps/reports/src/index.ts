// What other projects may import as @apps/reports: the stack reads the settings declaration and
// the sales table's keys. Handlers stay out of it, so the stack never loads runtime code.
export { settings } from './settings';
export { SALES_TABLE_KEYS } from './salesTableKeys';
