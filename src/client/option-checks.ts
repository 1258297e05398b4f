import { LineError } from '../errors.js';

/** Checks `baseUrl` (http(s), no query or fragment) and returns it without a trailing slash; errors name `caller`. */
export function normaliseBaseUrl(value: string, caller = 'createClient'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new LineError(`${caller}: baseUrl is not a valid absolute URL (e.g. https://api.line.me).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new LineError(`${caller}: baseUrl must be an http(s) URL.`);
  if (url.search !== '' || url.hash !== '') throw new LineError(`${caller}: baseUrl must not have a query or a fragment.`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * `value` if it is a finite number above 0 (or `>= 0` with `orZero`), `fallback` if undefined; throws
 * {@link LineError} naming `caller` otherwise.
 */
export function positiveNumber(name: string, value: number | undefined, fallback: number, caller = 'createClient', orZero = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (value === 0 && !orZero)) {
    throw new LineError(`${caller}: ${name} must be a ${orZero ? 'finite number >= 0' : 'positive number'}, got ${String(value)}.`);
  }
  return value;
}

/** `value` if it is an integer ≥ 1, `fallback` if undefined; throws {@link LineError} otherwise. */
export function positiveInteger(name: string, value: number | undefined, fallback: number, caller = 'createClient'): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new LineError(`${caller}: ${name} must be an integer >= 1, got ${String(value)}.`);
  return value;
}
