import { describe, expect, it } from 'vitest';
import { MessageValidationError } from '../../../src/errors.js';
import { baseBodyBytes, buildEventBody, buildSendPayload, utf8Length } from '../../../src/client/build-send-payload.js';
import { createRequestSizer, type ChunkLimits } from '../../../src/client/chunk-recipients.js';

/** A whole list cut into requests with the sizer, as planRequests does request by request. */
function chunkRecipients(recipients: Iterable<string>, limits: ChunkLimits): string[][] {
  const sizer = createRequestSizer(limits);
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const mid of recipients) {
    if (!sizer.add(mid)) {
      chunks.push(current);
      current = [];
      sizer.reset();
      sizer.add(mid);
    }
    current.push(mid);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

const mid = (i: number) => `u${i.toString(16).padStart(32, '0')}`;

describe('createRequestSizer', () => {
  it('cuts at maxRecipients when the bodies are small', () => {
    const recipients = Array.from({ length: 301 }, (_, i) => mid(i));
    const chunks = chunkRecipients(recipients, { baseBytes: 100, maxRecipients: 150, maxBodyBytes: 8192 });
    expect(chunks.map((c) => c.length)).toEqual([150, 150, 1]);
    expect(chunks.flat()).toEqual(recipients);
  });

  it('computes exactly the byte length buildEventBody produces, and stays strictly under the limit', () => {
    const payload = buildSendPayload({ contentType: 1, text: 'é'.repeat(1500) }, { toType: 'user', messageNotified: undefined, trial: false });
    const recipients = Array.from({ length: 400 }, (_, i) => mid(i));
    const maxBodyBytes = 8192;
    const chunks = chunkRecipients(recipients, { baseBytes: baseBodyBytes(payload), maxRecipients: 150, maxBodyBytes });
    expect(chunks.flat()).toEqual(recipients);
    for (const chunk of chunks) {
      const bytes = utf8Length(buildEventBody(chunk, payload));
      expect(bytes).toBeLessThan(maxBodyBytes);
    }
    // Greedy: each chunk but the last is full, i.e. one more MID (35 bytes + comma) would reach the limit.
    for (const chunk of chunks.slice(0, -1)) {
      expect(utf8Length(buildEventBody(chunk, payload)) + 36).toBeGreaterThanOrEqual(maxBodyBytes);
    }
    // n MIDs of 35 bytes cost base + 36n - 1 bytes: the largest n with that < 8192.
    const base = baseBodyBytes(payload);
    expect(base).toBe(3000 + 114);
    const perChunk = Math.ceil((8193 - base) / 36) - 1;
    expect(perChunk).toBe(141);
    expect(chunks.map((c) => c.length)).toEqual([141, 141, 118]);
  });

  it('accepts a body of exactly maxBodyBytes - 1 and rejects maxBodyBytes', () => {
    // base 10 + "ab" (4 bytes) = 14
    expect(chunkRecipients(['ab'], { baseBytes: 10, maxRecipients: 150, maxBodyBytes: 15 })).toEqual([['ab']]);
    expect(() => chunkRecipients(['ab'], { baseBytes: 10, maxRecipients: 150, maxBodyBytes: 14 })).toThrow(MessageValidationError);
    // Two MIDs: 10 + 4 + 1 + 4 = 19 bytes.
    expect(chunkRecipients(['ab', 'cd'], { baseBytes: 10, maxRecipients: 150, maxBodyBytes: 20 })).toEqual([['ab', 'cd']]);
    expect(chunkRecipients(['ab', 'cd'], { baseBytes: 10, maxRecipients: 150, maxBodyBytes: 19 })).toEqual([['ab'], ['cd']]);
  });

  it('counts multi-byte MIDs and JSON escapes in bytes', () => {
    // JSON.stringify('日"') = "日\"" → 1 + 3 + 2 + 1 = 7 bytes
    expect(() => chunkRecipients(['日"'], { baseBytes: 10, maxRecipients: 150, maxBodyBytes: 17 })).toThrow(MessageValidationError);
    expect(chunkRecipients(['日"'], { baseBytes: 10, maxRecipients: 150, maxBodyBytes: 18 })).toEqual([['日"']]);
  });

  it('throws a MessageValidationError naming the sizes when one recipient cannot fit alone', () => {
    let caught: unknown;
    try {
      chunkRecipients(['short', 'x'.repeat(9000)], { baseBytes: 100, maxRecipients: 150, maxBodyBytes: 8192 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MessageValidationError);
    expect((caught as MessageValidationError).field).toBe('message');
    expect((caught as Error).message).toContain('9102 bytes');
  });

  it('returns no chunk for no recipient', () => {
    expect(chunkRecipients([], { baseBytes: 10, maxRecipients: 150, maxBodyBytes: 8192 })).toEqual([]);
  });
});

describe('chunkRecipients (property)', () => {
  it('any MIDs and text: order kept, every request within both limits, each full request could not take the next MID', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }), { minLength: 1, maxLength: 300 }),
        // ≤ 7200 bytes even if every character is escaped: one MID always fits.
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1200 }),
        fc.integer({ min: 1, max: 200 }),
        (recipients, messageText, maxRecipients) => {
          const payload = buildSendPayload({ contentType: 1, text: messageText }, { toType: 'user', messageNotified: undefined, trial: false });
          const limits = { baseBytes: baseBodyBytes(payload), maxRecipients, maxBodyBytes: 8192 };
          const chunks = chunkRecipients(recipients, limits);
          expect(chunks.flat()).toEqual(recipients);
          chunks.forEach((chunk, i) => {
            const bytes = utf8Length(buildEventBody(chunk, payload));
            expect(chunk.length).toBeGreaterThan(0);
            expect(chunk.length).toBeLessThanOrEqual(maxRecipients);
            expect(bytes).toBeLessThan(8192);
            const next = chunks[i + 1]?.[0];
            if (next !== undefined && chunk.length < maxRecipients) {
              expect(utf8Length(buildEventBody([...chunk, next], payload))).toBeGreaterThanOrEqual(8192);
            }
          });
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000); // CPU-bound: the time limit only catches a hang, on a loaded machine too
});
