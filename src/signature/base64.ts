// Base64 without Buffer (btoa/atob exist on every target runtime).

/** Standard Base64 with `=` padding. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}

/**
 * Strict standard-Base64 decode that tolerates missing `=` padding (spec §2). Returns undefined for
 * anything else: atob is lenient (white space, non-canonical trailing bits), so the bytes are
 * encoded back and must give the input again, so that no two strings decode to one value.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const canonical = btoa(binary);
  if (text !== canonical && text !== canonical.replace(/=+$/, '')) return undefined;
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
