// The hand-written decoder (decodeEvent, decodeEvents) must give exactly what the public valibot schemas
// give (schema-decoder.ts), issues included, for every wire event: valid ones of every kind and broken
// ones (fields missing, null, of another type, arrays for objects, unknown types, `__proto__` keys, extra
// keys). Each event is JSON text parsed with JSON.parse, as a webhook body is. At least 10,000 per run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import { decodeEvent } from '../../../src/events/decode-event.js';
import { decodeEvents } from '../../../src/events/decode-events.js';
import { decodeEventsWithSchemas, decodeEventWithSchemas } from './schema-decoder.js';

const MESSAGE = '138311609000106303';
const OPERATION = '138311609100106403';
/** A key left out of the object. */
const ABSENT = Symbol('absent');

/** Any JSON value, small: what a broken field may hold instead. */
const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 20 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 5 }),
  fc.constantFrom('1', '4', '1700000000000', '', '12.5'),
  fc.constant([]),
  fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.constant(null), fc.integer()), { maxLength: 3 }),
  fc.constant({}),
  fc.dictionary(fc.constantFrom('a', 'id', 'STKID', 'mid'), fc.oneof(fc.string({ maxLength: 3 }), fc.integer()), { maxKeys: 2 }),
);

/** Mostly `valid`, sometimes junk, sometimes absent. */
function field<T>(valid: fc.Arbitrary<T>, validWeight = 30): fc.Arbitrary<T | unknown> {
  return fc.oneof({ weight: validWeight, arbitrary: valid }, { weight: 1, arbitrary: junk }, { weight: 1, arbitrary: fc.constant(ABSENT) });
}

/** A record whose ABSENT fields are left out. */
function object(model: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(model).map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== ABSENT)));
}

const mid = fc.constantFrom('uff2aec188e58752ee1fb0f9507c6529a', 'u0a556cffd4da0dd89c94fb36e36e1cdc', 'c0f3bfc598b061eba02183bfc5280886a', 'r0f3bfc598b061eba02183bfc5280886a', '');
const createdTime = fc.oneof(fc.integer({ min: 0, max: 2_000_000_000_000 }), fc.constantFrom('1700000000000', '17e5', null), junk, fc.constant(ABSENT));
const metadataValue = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: 0, max: 100_000 }), fc.boolean(), fc.constant(null), fc.constant({}), fc.constantFrom('240000', '12.5', ''));
const metadata = fc.oneof(
  fc.constant(null),
  fc.constant(ABSENT),
  fc.dictionary(fc.constantFrom('STKID', 'STKPKGID', 'STKVER', 'STKTXT', 'mid', 'displayName', 'AUDLEN', 'AT_RECV_MODE', '__proto__'), metadataValue, { maxKeys: 6 }),
  junk,
);
const location = fc.oneof(
  { weight: 20, arbitrary: object({ title: field(fc.string({ maxLength: 8 })), address: field(fc.string({ maxLength: 8 })), phone: field(fc.string({ maxLength: 8 })), latitude: field(fc.double({ min: -90, max: 90, noNaN: true })), longitude: field(fc.double({ min: -180, max: 180, noNaN: true })) }) },
  { weight: 1, arbitrary: junk },
);

const messageContent = object({
  id: field(fc.string({ maxLength: 8 })),
  from: field(mid),
  createdTime,
  to: field(fc.array(mid, { maxLength: 2 })),
  toType: field(fc.constantFrom(1, 2, 3)),
  contentType: fc.oneof({ weight: 30, arbitrary: fc.constantFrom(1, 2, 3, 4, 7, 8, 10) }, { weight: 1, arbitrary: fc.constantFrom(5, 6, 9, 11, 99) }, { weight: 1, arbitrary: junk }, { weight: 1, arbitrary: fc.constant(ABSENT) }),
  contentMetadata: metadata,
  text: field(fc.string({ maxLength: 12 })),
  location: fc.oneof(location, fc.constant(ABSENT), fc.constant(null)),
  deliveredTime: fc.integer(),
});

const operationContent = object({
  revision: field(fc.integer({ min: 0, max: 1_000_000 })),
  opType: fc.oneof({ weight: 30, arbitrary: fc.constantFrom(4, 8, 5, 7, 6, 99) }, { weight: 1, arbitrary: junk }, { weight: 1, arbitrary: fc.constant(ABSENT) }),
  params: fc.oneof(
    { weight: 20, arbitrary: fc.tuple(mid, fc.constant(null), fc.constant(null)) },
    { weight: 2, arbitrary: fc.array(fc.oneof(mid, fc.constant(null), fc.integer(), fc.boolean(), fc.constant({})), { maxLength: 3 }) },
    { weight: 1, arbitrary: junk },
    { weight: 1, arbitrary: fc.constant(ABSENT) },
  ),
});

const wireEvent = fc
  .tuple(fc.constantFrom(MESSAGE, MESSAGE, MESSAGE, OPERATION, OPERATION, 'unknown-type', 42, null, ABSENT), fc.nat())
  .chain(([eventType, seed]) =>
    object({
      from: fc.constant('u206d25c2ea6bd87c17655609a1c37cb8'),
      fromChannel: fc.constantFrom(1341301815, '1341301815'),
      to: fc.constant(['u0cc15697597f61dd8b01cea8b027050e']),
      toChannel: field(fc.constantFrom(1441301333, '1441301333', 0)),
      eventType: fc.constant(eventType),
      id: field(fc.string({ maxLength: 10 })),
      createdTime,
      // Mostly the content of its eventType; sometimes the other kind's, junk or none.
      content: fc.oneof(
        { weight: 30, arbitrary: eventType === OPERATION || (eventType !== MESSAGE && seed % 2 === 1) ? operationContent : messageContent },
        { weight: 1, arbitrary: eventType === OPERATION ? messageContent : operationContent },
        { weight: 1, arbitrary: junk },
        { weight: 1, arbitrary: fc.constant(ABSENT) },
      ),
      extra: fc.option(junk, { nil: ABSENT }),
    }),
  );

/** `__proto__` as an own key, the way JSON.parse makes it, trying to lend the content its fields. */
const protoInjection = fc.option(
  fc.constantFrom(
    '{"id":"p","from":"p","toType":1,"contentType":8,"contentMetadata":{"STKID":"1","STKPKGID":"2"}}',
    '{"latitude":1,"longitude":2}',
    '{"revision":1,"opType":4,"params":["u"]}',
    'null',
  ),
  { nil: undefined },
);

/** The wire text of an event (with an optional `__proto__` key in its content, or at its top), parsed. */
const parsedEvent = fc.tuple(wireEvent, protoInjection, fc.boolean()).map(([event, proto, atTop]) => {
  let text = JSON.stringify(event);
  if (proto !== undefined) {
    const inject = (opening: string, rest: string) => `${opening}"__proto__":${proto}${rest === '}' ? '}' : `,${rest}`}`;
    text = atTop || !text.includes('"content":{') ? text.replace(/^(\{)(.)/, (_, opening: string, rest: string) => inject(opening, rest)) : text.replace(/("content":\{)(.)/, (_, opening: string, rest: string) => inject(opening, rest));
  }
  return JSON.parse(text) as unknown;
});

describe('the hand-written decoder gives exactly what the schemas give', () => {
  it('for 10,000 generated wire events, valid and broken, issues included', () => {
    let decoded = 0;
    let unknown = 0;
    fc.assert(
      fc.property(parsedEvent, (item) => {
        const expected = decodeEventWithSchemas(item);
        expect(decodeEvent(item)).toStrictEqual(expected);
        if (expected.type === 'unknown') unknown++;
        else decoded++;
      }),
      { numRuns: 10_000 },
    );
    // Both sides of the line were exercised, each plenty.
    expect(decoded + unknown).toBeGreaterThanOrEqual(10_000);
    expect(decoded).toBeGreaterThan(2_000);
    expect(unknown).toBeGreaterThan(2_000);
  }, 60_000); // CPU-bound: the time limit only catches a hang, on a loaded machine too

  it('for whole payloads: the events, or the same envelope DecodeError', () => {
    const payload = fc.oneof(
      fc.array(parsedEvent, { maxLength: 5 }).map((result) => ({ result })),
      object({ result: field(fc.array(parsedEvent, { maxLength: 3 })), other: field(junk) }),
      junk,
    );
    fc.assert(
      fc.property(payload, (body) => {
        const expected = decodeEventsWithSchemas(body);
        if (expected instanceof DecodeError) {
          let thrown: unknown;
          try {
            decodeEvents(body);
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(DecodeError);
          expect({ reason: (thrown as DecodeError).reason, message: (thrown as DecodeError).message, issues: (thrown as DecodeError).issues }).toEqual({
            reason: 'envelope',
            message: expected.message,
            issues: expected.issues,
          });
        } else {
          expect(decodeEvents(body)).toStrictEqual(expected);
        }
      }),
      { numRuns: 1_000 },
    );
  });
});
