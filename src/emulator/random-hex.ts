/** `bytes` random bytes as lowercase hex, from Web Crypto (no `node:crypto`, so the testing entry loads anywhere). */
export function randomHex(bytes: number): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(data, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A random integer in `[min, max)`. */
export function randomInteger(min: number, max: number): number {
  const [low = 0, high = 0] = crypto.getRandomValues(new Uint32Array(2));
  return min + Math.floor(((high * 2 ** 32 + low) / 2 ** 64) * (max - min));
}

/** 32 stable hex characters for `text` (four FNV-1a rounds; not cryptographic, only for reproducible MIDs). */
export function stableHex32(text: string): string {
  let out = '';
  for (let round = 0; round < 4; round++) {
    let hash = 0x811c9dc5 ^ (round * 0x9e3779b9);
    for (const byte of new TextEncoder().encode(`${round}:${text}`)) {
      hash ^= byte;
      hash = Math.imul(hash, 0x01000193);
    }
    out += (hash >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}

/** Compares two strings in time that depends only on their lengths (credentials). */
export function sameString(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let diff = a.byteLength ^ b.byteLength;
  for (let i = 0; i < b.byteLength; i++) diff |= (a[i % Math.max(1, a.byteLength)] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
