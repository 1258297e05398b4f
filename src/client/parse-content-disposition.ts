/**
 * Reads the file name of a `Content-Disposition` header (RFC 6266): `filename*=UTF-8''…`
 * (percent-encoded, preferred) or `filename="…"` / `filename=…`. Returns `undefined` if none.
 */
export function parseContentDisposition(header: string | null): string | undefined {
  if (header === null) return undefined;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    const charset = (extended[1] ?? '').trim().toLowerCase();
    const encoded = (extended[2] ?? '').trim().replace(/^"|"$/g, '');
    try {
      if (charset === 'utf-8' || charset === '') return decodeURIComponent(encoded);
      // ISO-8859-1: each %XX is one code point.
      return encoded.replace(/%([0-9a-f]{2})/gi, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    } catch {
      // Malformed percent-encoding: fall back to the plain filename parameter.
    }
  }
  const quoted = /(?:^|;)\s*filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted) return (quoted[1] ?? '').replace(/\\(.)/g, '$1');
  const token = /(?:^|;)\s*filename\s*=\s*([^;\s]+)/i.exec(header);
  return token ? token[1] : undefined;
}
