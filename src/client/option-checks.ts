import { LineError } from '../errors.js';

/** Checks `baseUrl` (http(s), no query or fragment) and returns it without a trailing slash. */
export function normaliseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new LineError('createClient: baseUrl is not a valid absolute URL (e.g. https://api.line.me).');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new LineError('createClient: baseUrl must be an http(s) URL.');
  if (url.search !== '' || url.hash !== '') throw new LineError('createClient: baseUrl must not have a query or a fragment.');
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** `value` if it is a positive finite number, `fallback` if undefined; throws {@link LineError} otherwise. */
export function positiveNumber(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new LineError(`createClient: ${name} must be a positive number, got ${String(value)}.`);
  return value;
}

/** `value` if it is an integer ≥ 1, `fallback` if undefined; throws {@link LineError} otherwise. */
export function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new LineError(`createClient: ${name} must be an integer >= 1, got ${String(value)}.`);
  return value;
}
