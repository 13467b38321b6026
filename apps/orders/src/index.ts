// The orders app's public entry, for its stack: what describes the app, never handler code.
export { settings } from './settings';
