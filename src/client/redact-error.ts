/**
 * Returns `error` unchanged unless its message (or a cause's) contains one of `secrets`; then a
 * copy of the chain with those replaced by `[redacted]` (name and `code` kept). Why: runtimes put
 * header values in some fetch errors (e.g. undici's "invalid header value"), and the NetworkError
 * message repeats its cause's message.
 */
export function redactError(error: unknown, secrets: readonly string[], depth = 0): unknown {
  const active = secrets.filter((secret) => secret !== '');
  if (active.length === 0 || depth > 5 || !(error instanceof Error) || !leaks(error, active, 0)) return error;
  const inner = (error as { cause?: unknown }).cause;
  const copy = new Error(redactText(error.message, active), inner === undefined ? undefined : { cause: redactError(inner, active, depth + 1) });
  copy.name = error.name;
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) Object.assign(copy, { code });
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}

/** `text` with every form (see {@link secretForms}) of every non-empty one of `secrets` replaced by `[redacted]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) for (const form of secretForms(secret)) result = result.split(form).join('[redacted]');
  return result;
}

/**
 * The forms in which a secret the library sent may come back: as is, URL- and form-encoded (as in the
 * reissue form; either hex case), and JSON-escaped (with `/` escaped or not). Longest first, so that no
 * form is cut by the redaction of a shorter one.
 */
export function secretForms(secret: string): string[] {
  if (secret === '') return [];
  const uri = encodeURIComponent(secret);
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  const json = JSON.stringify(secret).slice(1, -1);
  const lowerHex = (value: string) => value.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
  return [...new Set([secret, uri, form, lowerHex(uri), lowerHex(form), json, json.replaceAll('/', '\\/')])].sort((a, b) => b.length - a.length);
}

function leaks(error: unknown, secrets: readonly string[], depth: number): boolean {
  if (depth > 5 || !(error instanceof Error)) return false;
  const text = `${error.message}\n${error.stack ?? ''}`;
  if (secrets.some((secret) => secretForms(secret).some((form) => text.includes(form)))) return true;
  return leaks((error as { cause?: unknown }).cause, secrets, depth + 1);
}
