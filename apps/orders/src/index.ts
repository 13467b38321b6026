// What other projects may import as @apps/orders: the stack reads the settings declaration.
// Handlers stay out of it, so the stack never loads runtime code.
export { settings } from './settings';
