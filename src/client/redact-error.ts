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

/** `text` with every non-empty one of `secrets` replaced by `[redacted]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret !== '') result = result.split(secret).join('[redacted]');
  return result;
}

function leaks(error: unknown, secrets: readonly string[], depth: number): boolean {
  if (depth > 5 || !(error instanceof Error)) return false;
  if (secrets.some((secret) => error.message.includes(secret) || (error.stack ?? '').includes(secret))) return true;
  return leaks((error as { cause?: unknown }).cause, secrets, depth + 1);
}
