// Base64 without Buffer (btoa/atob exist on every target runtime).

/** Standard Base64 with `=` padding. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}

const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Strict standard-Base64 decode that tolerates missing `=` padding (spec §2). Returns undefined for
 * anything else, including non-canonical trailing bits, so that no two strings decode to one value.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!base64Pattern.test(text) || text.length % 4 === 1) return undefined;
  const unpadded = text.replace(/=+$/, '');
  const padded = unpadded + '='.repeat((4 - (unpadded.length % 4)) % 4);
  if (text.length !== unpadded.length && text !== padded) return undefined;
  let binary: string;
  try {
    binary = atob(padded);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  if (encodeBase64(bytes) !== padded) return undefined;
  return bytes;
}
