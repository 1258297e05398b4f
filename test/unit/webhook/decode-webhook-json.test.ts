// decodeWebhookJson decodes leniently first and strictly only when the text holds a U+FFFD; it must
// accept and reject exactly the bodies a `fatal` TextDecoder accepts and rejects.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import { decodeWebhookJson } from '../../../src/webhook/decode-webhook-json.js';

const strict = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** What a strict decoder + JSON.parse give: the value, or which step failed. */
function reference(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = strict.decode(bytes);
  } catch {
    return 'not UTF-8';
  }
  try {
    return JSON.parse(text);
  } catch {
    return 'not JSON';
  }
}

function actual(bytes: Uint8Array): unknown {
  try {
    return decodeWebhookJson(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).reason).toBe('json');
    return (error as DecodeError).issues[0] === 'body is not valid UTF-8' ? 'not UTF-8' : 'not JSON';
  }
}

// JSON strings around pieces that matter: a real U+FFFD (EF BF BD), invalid bytes, truncated sequences, a BOM.
const piece = fc.oneof(
  fc.string({ maxLength: 4 }).map((text) => encoder.encode(JSON.stringify(text).slice(1, -1))),
  fc.constantFrom([0xef, 0xbf, 0xbd], [0xff], [0xc3], [0xe3, 0x81], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0xe3, 0x81, 0x82]).map((bytes) => new Uint8Array(bytes)),
);
const body = fc.tuple(fc.boolean(), fc.array(piece, { maxLength: 6 })).map(([bom, pieces]) => {
  const parts = [...(bom ? [new Uint8Array([0xef, 0xbb, 0xbf])] : []), encoder.encode('{"text":"'), ...pieces, encoder.encode('"}')];
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
});

describe('decodeWebhookJson', () => {
  it('accepts and rejects exactly what a fatal TextDecoder + JSON.parse do', () => {
    fc.assert(
      fc.property(fc.oneof(body, fc.uint8Array({ maxLength: 16 })), (bytes) => {
        expect(actual(bytes)).toEqual(reference(bytes));
      }),
      { numRuns: 3_000 },
    );
  });

  it('keeps a real U+FFFD and rejects a replaced byte', () => {
    expect(decodeWebhookJson(new Uint8Array([0x22, 0xef, 0xbf, 0xbd, 0x22]))).toBe('\uFFFD');
    expect(actual(new Uint8Array([0x22, 0xff, 0x22]))).toBe('not UTF-8');
  });
});
