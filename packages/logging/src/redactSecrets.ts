import { REDACTED } from './constants';

// Matches key names, not values: password, passwd, passphrase, pwd, secret, token, authorization,
// api key / api_key / apiKey / x-api-key, cookie, credential(s), private key. Case-insensitive, any separator.
const SECRET_KEY =
  /pass(?:word|wd|phrase)|^pwd$|secret|token|authori[sz]ation|api[-_. ]?key|cookie|credential|private[-_. ]?key/i;

/** Whether a key name looks like it holds a secret. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * A `JSON.stringify` replacer (the Logger's `jsonReplacerFn`) that replaces the value of every secret-looking
 * key with "[REDACTED]". JSON.stringify calls it for every key at every depth, so nested objects, arrays,
 * error properties and persistent keys are covered in the one pass that serializes the line anyway.
 */
export function redactSecrets(key: string, value: unknown): unknown {
  return value !== undefined && key !== '' && isSecretKey(key) ? REDACTED : value;
}
