import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEvents } from '../../../src/events/decode-events.js';
import { DecodeError } from '../../../src/errors.js';
import { wireMessage, wireOperation } from './wire-events.js';

const sdkBatch = JSON.parse(readFileSync(new URL('../../fixtures/sdk-batch.json', import.meta.url), 'utf8')) as unknown;

describe('decodeEvents', () => {
  it('decodes the shared SDK fixture to exact events', () => {
    expect(decodeEvents(sdkBatch)).toStrictEqual([
      {
        type: 'message',
        id: 'ABCDEF-12345678901',
        channelId: '1441301333',
        message: {
          type: 'text',
          id: '325708',
          from: 'uff2aec188e58752ee1fb0f9507c6529a',
          to: ['u0a556cffd4da0dd89c94fb36e36e1cdc'],
          chat: { type: 'user', mid: 'uff2aec188e58752ee1fb0f9507c6529a' },
          createdTime: 1332394961610,
          toType: 'user',
          metadata: {},
          text: 'hello',
        },
      },
      {
        type: 'operation',
        id: 'ABCDEF-12345678902',
        channelId: '1441301333',
        operation: {
          type: 'addedAsFriend',
          opType: 4,
          revision: 2469,
          mid: 'u0f3bfc598b061eba02183bfc5280886a',
          params: ['u0f3bfc598b061eba02183bfc5280886a', null, null],
        },
      },
    ]);
  });

  it('returns [] for an empty batch', () => {
    expect(decodeEvents({ result: [] })).toStrictEqual([]);
  });

  it('ignores extra keys on the envelope', () => {
    expect(decodeEvents({ result: [], status: 'ok' })).toStrictEqual([]);
  });

  it('decodes good items in order and turns each bad item into an UnknownEvent with a specific issue', () => {
    const noContent = wireMessage({});
    delete noContent.content;
    const textNotString = wireMessage({ contentType: 1, text: 42 });
    const locationNoLatitude = wireMessage({ contentType: 7, location: { longitude: 139.7 } });
    const paramsNotArray = wireOperation({ revision: 1, opType: 8, params: 'u1' });
    const unknownEventType = { ...wireOperation({}), eventType: '999' };
    const items = [
      wireMessage({ contentType: 1, text: 'first' }),
      noContent,
      null,
      wireOperation({ revision: 10, opType: 8, params: ['u1', null, null] }),
      textNotString,
      42,
      locationNoLatitude,
      wireMessage({ contentType: 99 }),
      paramsNotArray,
      unknownEventType,
      wireMessage({ contentType: 2, id: 'last' }),
    ];
    const events = decodeEvents({ result: items });
    expect(events.map((e) => e.type)).toStrictEqual([
      'message', 'unknown', 'unknown', 'operation', 'unknown', 'unknown', 'unknown', 'message', 'unknown', 'unknown', 'message',
    ]);
    expect(events[0]).toMatchObject({ type: 'message', message: { type: 'text', text: 'first' } });
    expect(events[3]).toMatchObject({ type: 'operation', operation: { type: 'blocked', revision: 10, mid: 'u1' } });
    expect(events[7]).toMatchObject({ type: 'message', message: { type: 'unknown', contentType: 99 } });
    expect(events[10]).toMatchObject({ type: 'message', message: { type: 'image', id: 'last' } });
    const message = { id: 'WB1519-3426467455', eventType: '138311609000106303' };
    const operation = { id: 'WB1519-3426467456', eventType: '138311609100106403' };
    expect(events[1]).toStrictEqual({ type: 'unknown', ...message, raw: noContent, issues: ['content: missing'] });
    expect(events[2]).toStrictEqual({ type: 'unknown', raw: null, issues: ['event: expected object, got null'] });
    expect(events[4]).toStrictEqual({ type: 'unknown', ...message, raw: textNotString, issues: ['content.text: expected string, got 42'] });
    expect(events[5]).toStrictEqual({ type: 'unknown', raw: 42, issues: ['event: expected object, got 42'] });
    expect(events[6]).toStrictEqual({ type: 'unknown', ...message, raw: locationNoLatitude, issues: ['content.location.latitude: missing'] });
    expect(events[8]).toStrictEqual({ type: 'unknown', ...operation, raw: paramsNotArray, issues: ['content.params: expected array, got string'] });
    expect(events[9]).toStrictEqual({ type: 'unknown', id: operation.id, eventType: '999', raw: unknownEventType, issues: ['unknown eventType "999"'] });
  });

  it.each([
    [{}, ['result: missing']],
    [{ result: {} }, ['result: expected array, got object']],
    [{ result: null }, ['result: expected array, got null']],
    [null, ['payload: expected object, got null']],
    [undefined, ['payload: expected object, got undefined']],
    [[], ['payload: expected object, got array']],
    ['x', ['payload: expected object, got string']],
    [42, ['payload: expected object, got 42']],
  ])('throws DecodeError for the envelope %j', (payload, issues) => {
    let error: unknown;
    try {
      decodeEvents(payload);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).issues).toStrictEqual(issues);
    expect((error as DecodeError).message).toBe(
      `The webhook body is not the {"result":[...]} envelope LINE sends (${issues.join('; ')}). Pass the JSON-parsed request body.`,
    );
  });

  it('decodes a 100-event batch quickly (schemas are built once)', () => {
    const batch = { result: Array.from({ length: 100 }, (_, i) => (i % 2 ? wireOperation({ revision: i, opType: 4, params: ['u1'] }) : wireMessage({ contentType: 1, text: `m${i}` }))) };
    decodeEvents(batch);
    const runs = 50;
    const start = performance.now();
    for (let i = 0; i < runs; i++) decodeEvents(batch);
    const perBatchMs = (performance.now() - start) / runs;
    // ~0.15 ms on the dev machine; a generous bound so a loaded CI box does not flake.
    expect(perBatchMs).toBeLessThan(5);
  });

  it('property: any JSON value as an item never throws and gives exactly one event', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (item) => {
        const events = decodeEvents({ result: [item] });
        expect(events).toHaveLength(1);
        if (events[0]?.type === 'unknown') expect(events[0].issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('property: mutating any field of a valid event never throws', () => {
    const valid = [wireMessage({ contentType: 1, text: 'x' }), wireMessage({ contentType: 7, location: { latitude: 1, longitude: 2 } }), wireMessage({ contentType: 8, contentMetadata: { STKPKGID: '1', STKID: '2' } }), wireOperation({ revision: 1, opType: 4, params: ['u1'] })];
    fc.assert(
      fc.property(fc.constantFrom(...valid), fc.constantFrom('id', 'eventType', 'toChannel', 'createdTime', 'content'), fc.jsonValue(), (event, key, value) => {
        const events = decodeEvents({ result: [{ ...event, [key]: value }, { ...event, content: { ...(event.content as object), [key]: value } }] });
        expect(events).toHaveLength(2);
      }),
      { numRuns: 300 },
    );
  });
});
