// Generated webhook requests for the fuzz tests (webhook-fuzz.test.ts, node-adapters-fuzz.test.ts), and
// the oracle that says what each must get. The oracle works from the bytes and headers alone: its own
// HMAC (node:crypto), a strict UTF-8 decode, JSON.parse and the envelope rule of spec §2; the events a
// 200 must deliver are `decodeEvent` of each item, and items built intact must also decode to what they
// were built as (kind, id, text), whatever odd items surround them.
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { decodeEvent, type LineEvent } from '../../src/index.js';
import { rawItems } from '../helpers/webhook-batch.js';
import { secrets } from './secret-scan.js';

/** `maxBodyBytes` of the fuzzed handlers: small, so oversize bodies stay cheap to generate. */
export const fuzzCap = 64 * 1024;
/** The webhook's secrets (rotation: either signs a genuine delivery). */
export const webhookSecrets = [secrets.channelSecret, secrets.previousChannelSecret];
/** The header each test request carries its case number in, so a callback can tell which request it serves. */
export const caseHeader = 'x-fuzz-case';

/** What an item was built as, when it was built intact. */
export interface IntactItem {
  type: 'message' | 'operation';
  id: string;
  /** `message.type` or `operation.type`. */
  subtype: string;
  /** The text of a text message. */
  text?: string;
}

/** One item of a generated `result` array: its JSON text, and what it must decode to when known. */
export interface ItemSpec {
  json: string;
  intact?: IntactItem;
  /** A required field is present only under a `"__proto__"` key: the item must decode as `unknown`. */
  protoOnly?: boolean;
}

/** How the body travels: in one piece, in chunks, or cut off after `after` bytes (the client went away). */
export type BodySending = { kind: 'whole' } | { kind: 'chunks'; sizes: number[] } | { kind: 'abort'; after: number };

/** One generated webhook request. */
export interface WebhookCase {
  family: string;
  method: string;
  /** In order; names in any case; a name may repeat. */
  headers: [string, string][];
  body: Uint8Array;
  sending: BodySending;
  /** Send an honest `Content-Length` header (else the length is left to the transport). */
  declareLength: boolean;
  /** The items of the body's `result`, when the body was built from items (before any mutation). */
  items?: ItemSpec[];
  /** Web handler only: answer first and finish under `waitUntil`. */
  respondFirst: boolean;
}

const encoder = new TextEncoder();
const templates = rawItems(13);
const signatureNames = ['X-LINE-ChannelSignature', 'x-line-channelsignature', 'X-Line-Channelsignature', 'X-LINE-CHANNELSIGNATURE'];
const lineContentTypes = ['application/json; charset=UTF-8', 'application/json;charset=UTF-8', 'application/json', 'Application/JSON; Charset=utf-8'];

/** Base64 HMAC-SHA256 of `bytes` under `secret` (spec §2), computed here, not by the library. */
export function sign(bytes: Uint8Array | string, secret: string): string {
  return createHmac('sha256', secret).update(bytes).digest('base64');
}

// ------------------------------------------------------------------------------------------------
// Items

const idArb = fc.stringMatching(/^[A-Za-z0-9-]{1,24}$/);
const textArb = fc.oneof(
  // Any code point, lone surrogates included (fc.string's 'binary' unit costs a second to set up).
  fc.array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 40 }).map((codes) => String.fromCodePoint(...codes)),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', '\u2028\u2029', '"\\/\b', '\u0000\u001f', '{"result":[]}', '\uFEFFbom', 'x'.repeat(2000)),
);

/** A copy of template `index` with its kind, as a mutable object. */
function template(index: number): { kind: string; item: Record<string, unknown> & { content: Record<string, unknown> } } {
  const { kind, item } = templates[index % templates.length]!;
  return { kind, item: structuredClone(item) as Record<string, unknown> & { content: Record<string, unknown> } };
}

/** The intact expectation of a template copy. */
function intactOf(kind: string, item: Record<string, unknown> & { content: Record<string, unknown> }): IntactItem {
  const [type, subtype] = kind.split(':') as ['message' | 'operation', string];
  const intact: IntactItem = { type, id: item.id as string, subtype };
  if (kind === 'message:text') intact.text = item.content.text as string;
  return intact;
}

/** An item exactly as LINE sends it (every content type and opType), with a random id and text. */
export const intactItemArb: fc.Arbitrary<ItemSpec> = fc.record({ index: fc.nat(12), id: idArb, text: textArb }).map(({ index, id, text }) => {
  const { kind, item } = template(index);
  item.id = id;
  if (kind === 'message:text') item.content.text = text;
  return { json: JSON.stringify(item), intact: intactOf(kind, item) };
});

/** Puts `value` under the JSON key `key` (`__proto__` included, as an own key) of `target`, via a placeholder. */
function withKey(target: Record<string, unknown>, key: string, value: unknown): void {
  target[`@@${key}@@`] = value;
}
const renderKeys = (json: string) => json.replace(/"@@(.*?)@@":/g, (_, key: string) => `${JSON.stringify(key)}:`);

/** The levels of an item a `"__proto__"` key can sit at, and the fields required there for each kind. */
function levelOf(item: Record<string, unknown> & { content: Record<string, unknown> }, level: string): Record<string, unknown> | undefined {
  if (level === 'event') return item;
  if (level === 'content') return item.content;
  if (level === 'metadata') return (item.content.contentMetadata as Record<string, unknown> | null) ?? undefined;
  if (level === 'location') return (item.content.location as Record<string, unknown> | null) ?? undefined;
  return undefined;
}
function requiredFields(kind: string): [string, string][] {
  const fields: [string, string][] = [['event', 'id'], ['event', 'eventType'], ['event', 'toChannel'], ['event', 'content']];
  if (kind.startsWith('message:')) fields.push(['content', 'id'], ['content', 'toType'], ['content', 'contentType']);
  if (kind.startsWith('operation:')) fields.push(['content', 'revision'], ['content', 'opType']);
  if (kind === 'operation:addedAsFriend' || kind === 'operation:blocked') fields.push(['content', 'params']);
  if (kind === 'message:text') fields.push(['content', 'text']);
  if (kind === 'message:location') fields.push(['content', 'location'], ['location', 'latitude'], ['location', 'longitude']);
  if (kind === 'message:sticker') fields.push(['metadata', 'STKID'], ['metadata', 'STKPKGID']);
  if (kind === 'message:contact') fields.push(['metadata', 'mid'], ['metadata', 'displayName']);
  return fields;
}
const forgedFields = { id: 'forged', eventType: '138311609000106303', text: 'forged', toChannel: 1, STKID: '1', polluted: 'yes' };

/**
 * `__proto__` (and `constructor`, `prototype`) keys in an item: an extra one next to the real fields
 * (the item stays intact), or one holding a required field that is missing from the item itself (the
 * item must then decode as unknown: the field must not be read through the key).
 */
export const protoItemArb: fc.Arbitrary<ItemSpec> = fc
  .record({ index: fc.nat(12), id: idArb, key: fc.constantFrom('__proto__', '__proto__', 'constructor', 'prototype'), level: fc.nat(3), field: fc.nat(20), only: fc.boolean() })
  .map(({ index, id, key, level, field, only }) => {
    const { kind, item } = template(index);
    item.id = id;
    if (only && key === '__proto__') {
      const required = requiredFields(kind);
      const [where, name] = required[field % required.length]!;
      const target = levelOf(item, where)!;
      const value = target[name];
      delete target[name];
      withKey(target, '__proto__', { ...forgedFields, [name]: value });
      return { json: renderKeys(JSON.stringify(item)), protoOnly: true };
    }
    const target = levelOf(item, ['event', 'content', 'metadata', 'location'][level]!) ?? item;
    withKey(target, key, { ...forgedFields, prototype: { polluted: 'yes' } });
    return { json: renderKeys(JSON.stringify(item)), intact: intactOf(kind, item) };
  });

/** Nested arrays or objects `depth` deep. */
export function nested(depth: number, objects: boolean): string {
  return objects ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** An item holding a deeply nested value as an extra key (still intact) or in place of a field or of the whole item. */
export const deepItemArb: fc.Arbitrary<ItemSpec> = fc
  .record({ index: fc.nat(12), id: idArb, depth: fc.integer({ min: 1_000, max: 8_000 }), objects: fc.boolean(), place: fc.constantFrom('extra', 'field', 'item') })
  .map(({ index, id, depth, objects, place }) => {
    // Objects cost 6 bytes a level, arrays 2: both stay well under the cap.
    const deep = nested(objects ? Math.floor(depth / 3) : depth, objects);
    if (place === 'item') return { json: deep };
    const { kind, item } = template(index);
    item.id = id;
    const keys = Object.keys(item.content);
    item.content[place === 'extra' ? 'deep' : keys[depth % keys.length]!] = '@@DEEP@@';
    const json = JSON.stringify(item).replace('"@@DEEP@@"', deep);
    // An extra key leaves the item intact; a replaced field may or may not (decodeEvent says which).
    return place === 'extra' ? { json, intact: intactOf(kind, item) } : { json };
  });

/** An item with one field removed or replaced by any JSON value, or replaced whole, or of an unknown eventType. */
export const oddItemArb: fc.Arbitrary<ItemSpec> = fc.oneof(
  fc.constantFrom('null', '0', '-1e308', '"item"', '[]', '{}', 'true', '[{"eventType":"138311609000106303"}]').map((json) => ({ json })),
  fc.record({ index: fc.nat(12), atContent: fc.boolean(), key: fc.nat(30), remove: fc.boolean(), value: fc.jsonValue({ maxDepth: 3 }) }).map(({ index, atContent, key, remove, value }) => {
    const { item } = template(index);
    const target = atContent ? item.content : item;
    const name = Object.keys(target)[key % Object.keys(target).length]!;
    if (remove) delete target[name];
    else target[name] = value;
    return { json: JSON.stringify(item) };
  }),
  fc.record({ index: fc.nat(12), eventType: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) }).map(({ index, eventType }) => {
    const { item } = template(index);
    item.eventType = eventType;
    return { json: JSON.stringify(item) };
  }),
);

const bodyOf = (items: readonly ItemSpec[], envelopeExtra = '') => `{${envelopeExtra}"result":[${items.map((item) => item.json).join(',')}]}`;

// ------------------------------------------------------------------------------------------------
// Requests

/** Random header values: printable ASCII, tab inside, and Latin-1 (what HTTP allows as obs-text). */
const headerValueArb = fc.string({ unit: fc.oneof(fc.integer({ min: 0x21, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })).map((code) => String.fromCharCode(code)), maxLength: 30 });
const extraHeadersArb = fc.array(
  fc.tuple(fc.constantFrom('X-Request-Id', 'User-Agent', 'Accept', 'X-Forwarded-For', 'Content-Encoding', 'Cookie', 'X-Line-Signature', 'X-Line-Channel-Signature', 'Authorization'), headerValueArb),
  { maxLength: 3 },
);
/** Content types: LINE's, and others (the Web and Node handlers ignore it; Fastify picks a parser by it). */
const contentTypeArb = fc.option(fc.constantFrom(...lineContentTypes, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', ''), { nil: undefined });

interface RequestParts {
  family: string;
  body: Uint8Array;
  signatures: string[];
  items?: ItemSpec[];
  method?: string;
  contentType?: string | undefined;
}

/** Turns body, signatures and options into a case: header names in any case, extra headers, how the body is sent. */
function toCase(parts: RequestParts, options: { signatureName: string; contentType: string | undefined; extra: [string, string][]; sending: BodySending; declareLength: boolean; respondFirst: boolean }): WebhookCase {
  const headers: [string, string][] = [];
  if (options.contentType !== undefined) headers.push(['Content-Type', options.contentType]);
  for (const signature of parts.signatures) headers.push([options.signatureName, signature]);
  headers.push(...options.extra);
  const sending: BodySending =
    options.sending.kind === 'abort' ? { kind: 'abort', after: Math.min(options.sending.after, Math.max(0, parts.body.length - 1)) } : options.sending;
  const method = parts.method ?? 'POST';
  return {
    family: parts.family,
    method,
    headers,
    body: parts.body,
    sending,
    // A body sent in chunks or cut off is only declared some of the time; GET-like methods always declare.
    declareLength: options.declareLength || (method !== 'POST' && method !== 'PUT' && method !== 'PATCH'),
    items: parts.items,
    respondFirst: options.respondFirst,
  };
}

const sendingArb: fc.Arbitrary<BodySending> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'whole' as const }) },
  { weight: 3, arbitrary: fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 6 }).map((sizes) => ({ kind: 'chunks' as const, sizes })) },
);
const optionsArb = (sending: fc.Arbitrary<BodySending> = sendingArb, contentType: fc.Arbitrary<string | undefined> = fc.constantFrom(...lineContentTypes)) =>
  fc.record({ signatureName: fc.constantFrom(...signatureNames), contentType, extra: extraHeadersArb, sending, declareLength: fc.boolean(), respondFirst: fc.boolean() });

/** `count` items, each intact with the given weight, else odd, `__proto__` or deep. */
const itemsArb = (intactWeight: number, maxLength: number) =>
  fc.array(
    fc.oneof(
      { weight: intactWeight, arbitrary: intactItemArb },
      { weight: 2, arbitrary: oddItemArb },
      { weight: 1, arbitrary: protoItemArb },
    ),
    { minLength: 1, maxLength },
  );

const secretArb = fc.constantFrom(...webhookSecrets);
const signed = (family: string, items: ItemSpec[], secret: string, envelopeExtra = ''): RequestParts => {
  const body = encoder.encode(bodyOf(items, envelopeExtra));
  // LINE's value may come without its `=` (the handler accepts both).
  return { family, body, signatures: [sign(body, secret)], items };
};

/** Genuine deliveries as LINE sends them: every item intact. */
const intactArb = fc.tuple(fc.array(intactItemArb, { minLength: 1, maxLength: 8 }), secretArb, fc.boolean(), optionsArb()).map(([items, secret, unpadded, options]) => {
  const parts = signed('intact', items, secret);
  if (unpadded) parts.signatures = [parts.signatures[0]!.replace(/=$/, '')];
  return toCase(parts, options);
});

/** Genuine deliveries with odd, `__proto__` and deep items among intact ones (and odd envelope keys). */
const partlyBadArb = fc
  .tuple(itemsArb(2, 10), fc.option(deepItemArb, { nil: undefined }), secretArb, fc.constantFrom('', '"__proto__":{"result":[]},', '"constructor":{"prototype":{"polluted":1}},', '"result":null,'), optionsArb())
  .map(([items, deep, secret, envelopeExtra, options]) => toCase(signed('partly-bad', deep ? [...items, deep] : items, secret, envelopeExtra), options));

/** Bytes changed after signing: a bit flipped, a byte removed, inserted or swapped, the body cut or extended. */
const mutatedArb = fc
  .tuple(itemsArb(3, 6), secretArb, fc.constantFrom('flip', 'remove', 'insert', 'truncate', 'append', 'swap'), fc.nat(), fc.integer({ min: 0, max: 255 }), optionsArb())
  .map(([items, secret, mutation, at, byte, options]) => {
    const parts = signed('mutated-after-signing', items, secret);
    const bytes = [...parts.body];
    const i = at % bytes.length;
    if (mutation === 'flip') bytes[i] = bytes[i]! ^ (1 << (byte % 8));
    if (mutation === 'remove') bytes.splice(i, 1);
    if (mutation === 'insert') bytes.splice(i, 0, byte);
    if (mutation === 'truncate') bytes.length = i;
    if (mutation === 'append') bytes.push(...encoder.encode([' ', '\n', ',{}', '\u0000'][byte % 4]!));
    if (mutation === 'swap') [bytes[i], bytes[(i + 1) % bytes.length]] = [bytes[(i + 1) % bytes.length]!, bytes[i]!];
    return toCase({ ...parts, body: new Uint8Array(bytes) }, options);
  });

/** Wrong signatures: another secret, another body, random Base64, a genuine one changed, doubled or joined. */
const misSignedArb = fc
  .tuple(itemsArb(3, 6), secretArb, fc.constantFrom('other-secret', 'other-body', 'random', 'one-char', 'lowercase', 'url-safe', 'suffix', 'duplicate', 'duplicate-genuine', 'secret-itself', 'hex'), fc.base64String({ minLength: 4, maxLength: 64 }), optionsArb())
  .map(([items, secret, how, random, options]) => {
    const parts = signed('mis-signed', items, secret);
    const genuine = parts.signatures[0]!;
    const other = (body: Uint8Array | string, key: string) => sign(body, key);
    const variants: Record<string, string[]> = {
      'other-secret': [other(parts.body, 'not-the-channel-secret')],
      'other-body': [other(bodyOf(items.slice(1)), secret)],
      random: [random],
      'one-char': [`${genuine[0] === 'A' ? 'B' : 'A'}${genuine.slice(1)}`],
      lowercase: [genuine.toLowerCase()],
      'url-safe': [genuine.replaceAll('+', '-').replaceAll('/', '_')],
      suffix: [`${genuine} ${random}`],
      duplicate: [random, genuine],
      'duplicate-genuine': [genuine, genuine],
      'secret-itself': [secret],
      hex: [createHmac('sha256', secret).update(parts.body).digest('hex')],
    };
    return toCase({ ...parts, signatures: variants[how]! }, options);
  });

/** No signature: header absent, empty, blank, or under another name. */
const unsignedArb = fc.tuple(itemsArb(3, 6), secretArb, fc.constantFrom<string[]>([], [''], ['   '], ['\t']), optionsArb()).map(([items, secret, signatures, options]) =>
  toCase({ ...signed('unsigned', items, secret), signatures }, { ...options, extra: [...options.extra, ['X-Line-Signature', sign(bodyOf(items), secret)]] }),
);

/** Random bytes, signed (so only the body is wrong) or not. */
const randomBytesArb = fc
  .tuple(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom('signed', 'random', 'none'), fc.base64String({ minLength: 44, maxLength: 44 }), secretArb, optionsArb(sendingArb, contentTypeArb))
  .map(([body, how, random, secret, options]) =>
    toCase({ family: 'random-bytes', body, signatures: how === 'signed' ? [sign(body, secret)] : how === 'random' ? [random] : [] }, options),
  );

/** Methods other than POST, with or without a genuine body. */
const methodArb = fc
  .tuple(fc.constantFrom('GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND', 'PURGE', 'SEARCH', 'get', 'put', 'Patch', 'delete'), itemsArb(3, 3), secretArb, fc.boolean(), optionsArb())
  .map(([method, items, secret, withBody, options]) => {
    const parts = signed('method', items, secret);
    const bodyless = method.toUpperCase() === 'GET' || method.toUpperCase() === 'HEAD';
    return toCase({ ...parts, method, body: withBody && !bodyless ? parts.body : new Uint8Array(0), items: undefined }, { ...options, sending: { kind: 'whole' } });
  });

/** Bodies past the cap: a genuine batch padded with spaces (signed or not), declared or streamed. */
const oversizeArb = fc
  .tuple(itemsArb(3, 3), secretArb, fc.integer({ min: 1, max: 3 * fuzzCap }), fc.constantFrom('signed', 'random', 'none'), optionsArb())
  .map(([items, secret, extra, how, options]) => {
    const body = encoder.encode(`${bodyOf(items)}${' '.repeat(fuzzCap + extra)}`);
    const signatures = how === 'signed' ? [sign(body, secret)] : how === 'random' ? ['bm90IGEgc2lnbmF0dXJl'] : [];
    const sending: BodySending = options.sending.kind === 'chunks' ? { kind: 'chunks', sizes: [16_384] } : options.sending;
    return toCase({ family: 'oversize', body, signatures }, { ...options, sending });
  });

/** Genuine deliveries whose body stream breaks off (the client hung up). */
const abortedArb = fc
  .tuple(itemsArb(3, 6), secretArb, fc.nat(), optionsArb(fc.nat().map((after) => ({ kind: 'abort' as const, after }))))
  .map(([items, secret, after, options]) => {
    const parts = signed('aborted', items, secret);
    return toCase(parts, { ...options, sending: { kind: 'abort', after: after % parts.body.length } });
  });

/** Deep nesting in items and in the envelope. */
const deepArb = fc
  .tuple(fc.array(deepItemArb, { minLength: 1, maxLength: 2 }), itemsArb(3, 3), secretArb, fc.integer({ min: 1_000, max: 16_000 }), fc.constantFrom('items', 'envelope-key', 'result'), optionsArb())
  .map(([deep, items, secret, depth, where, options]) => {
    if (where === 'result') {
      const body = encoder.encode(`{"result":${nested(depth, false)}}`);
      return toCase({ family: 'deep', body, signatures: [sign(body, secret)] }, options);
    }
    const envelopeExtra = where === 'envelope-key' ? `"deep":${nested(depth, false)},` : '';
    return toCase(signed('deep', [...items, ...deep], secret, envelopeExtra), options);
  });

const invalidUtf8 = [[0x80], [0xc0, 0xaf], [0xc3], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xff], [0xfe], [0xef, 0xbf]];

/** Genuine signatures over bodies that are not UTF-8 (a sequence inserted anywhere), and over a UTF-8 BOM. */
const utf8Arb = fc
  .tuple(itemsArb(3, 4), secretArb, fc.nat(invalidUtf8.length), fc.nat(), optionsArb())
  .map(([items, secret, which, at, options]) => {
    const text = encoder.encode(bodyOf(items));
    // `which === length`: a leading byte order mark, valid UTF-8 that decoders drop.
    const bytes =
      which === invalidUtf8.length ? new Uint8Array([0xef, 0xbb, 0xbf, ...text]) : new Uint8Array([...text.subarray(0, at % text.length), ...invalidUtf8[which]!, ...text.subarray(at % text.length)]);
    return toCase({ family: 'utf-8', body: bytes, signatures: [sign(bytes, secret)], items: which === invalidUtf8.length ? items : undefined }, options);
  });

/** `__proto__`, `constructor` and `prototype` keys everywhere, in genuine deliveries. */
const protoArb = fc
  .tuple(fc.array(protoItemArb, { minLength: 1, maxLength: 6 }), fc.array(intactItemArb, { maxLength: 3 }), secretArb, optionsArb())
  .map(([proto, items, secret, options]) => toCase(signed('proto-keys', [...proto, ...items], secret, '"__proto__":{"polluted":"yes","result":[]},'), options));

/** Every family, weighted: at least one in twenty requests of each. */
export const webhookCaseArb: fc.Arbitrary<WebhookCase> = fc.oneof(
  { weight: 3, arbitrary: intactArb },
  { weight: 4, arbitrary: partlyBadArb },
  { weight: 3, arbitrary: mutatedArb },
  { weight: 2, arbitrary: misSignedArb },
  { weight: 1, arbitrary: unsignedArb },
  { weight: 2, arbitrary: randomBytesArb },
  { weight: 1, arbitrary: methodArb },
  { weight: 1, arbitrary: oversizeArb },
  { weight: 1, arbitrary: abortedArb },
  { weight: 1, arbitrary: deepArb },
  { weight: 1, arbitrary: utf8Arb },
  { weight: 1, arbitrary: protoArb },
);

// ------------------------------------------------------------------------------------------------
// Oracle

/** What a request must get from the webhook flow: the status, and for 200 the events in order. */
export interface Expected {
  status: number;
  events?: LineEvent[];
}

/** The signature header's value as a `Headers` object gives it: repeats joined by `, `, whitespace trimmed; null when absent. */
export function signatureValue(headers: readonly [string, string][]): string | null {
  const values = headers.filter(([name]) => name.toLowerCase() === 'x-line-channelsignature').map(([, value]) => value.replace(/^[\t ]+|[\t ]+$/g, ''));
  return values.length === 0 ? null : values.join(', ');
}

/** True when `signature` is the Base64 HMAC of `bytes` under one of the webhook's secrets (with or without its `=`). */
export function isGenuine(bytes: Uint8Array, signature: string): boolean {
  return webhookSecrets.some((secret) => {
    const expected = sign(bytes, secret);
    return signature === expected || `${signature}=` === expected;
  });
}

/** The method a Web `Request` reports: the six standard ones upper-cased (Fetch standard), others as given. */
export function webMethod(method: string): string {
  const upper = method.toUpperCase();
  return ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'].includes(upper) ? upper : method;
}

/**
 * The webhook flow's answer to `bytes` (the body as the handler receives it) with these headers, for
 * the method the handler sees: 405 for a non-POST, 401 without a signature (the body is not read), 413
 * over the cap, 400 for a body that broke off, 401 for a wrong signature, 400 for bad UTF-8, JSON or
 * envelope; else 200 with `decodeEvent` of each item.
 */
export function expectedAnswer(method: string, headers: readonly [string, string][], bytes: Uint8Array, sending: BodySending, declared: boolean): Expected {
  if (method !== 'POST') return { status: 405 };
  const signature = signatureValue(headers);
  if (!signature) return { status: 401 };
  if (declared && bytes.length > fuzzCap) return { status: 413 };
  if (sending.kind === 'abort') return { status: sending.after > fuzzCap ? 413 : 400 };
  if (bytes.length > fuzzCap) return { status: 413 };
  if (!isGenuine(bytes, signature)) return { status: 401 };
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { status: 400 };
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload) || !Array.isArray((payload as { result?: unknown }).result)) return { status: 400 };
  return { status: 200, events: ((payload as { result: unknown[] }).result).map(decodeEvent) };
}

const operationCallbacks: Record<string, string> = { addedAsFriend: 'onAddedAsFriend', blocked: 'onBlocked', invitedToGroup: 'onInvitedToGroup', addedToRoom: 'onAddedToRoom' };

/** The callbacks the handler must call for `events`, in order (`onEvents` first, then per event). */
export function expectedCalls(events: readonly LineEvent[]): string[] {
  if (events.length === 0) return [];
  const calls = [`onEvents:${events.length}`];
  events.forEach((event, index) => {
    if (event.type === 'message') calls.push(`onMessage:${index}`);
    else if (event.type === 'unknown') calls.push(`onUnknown:${index}`);
    else {
      // The operation's own callback (onAddedAsFriend, onBlocked, onInvitedToGroup, onAddedToRoom), then onOperation.
      const own = operationCallbacks[event.operation.type];
      if (own) calls.push(`${own}:${index}`);
      calls.push(`onOperation:${index}`);
    }
  });
  return calls;
}

/** Why delivered `events` break the item expectations (intact items as built, proto-only items unknown), or undefined. */
export function itemProblem(items: readonly ItemSpec[] | undefined, events: readonly LineEvent[]): string | undefined {
  if (items === undefined) return undefined;
  if (events.length < items.length) return `${items.length} items, ${events.length} events`;
  for (const [index, item] of items.entries()) {
    const event = events[index]!;
    if (item.protoOnly && event.type !== 'unknown') return `item ${index}: a field present only under "__proto__" was read (${event.type})`;
    const intact = item.intact;
    if (!intact) continue;
    if (event.type !== intact.type) return `intact item ${index} (${intact.type}:${intact.subtype}) decoded as ${event.type}: ${JSON.stringify((event as { issues?: unknown }).issues)}`;
    const subtype = event.type === 'message' ? event.message.type : event.type === 'operation' ? event.operation.type : '';
    if (event.id !== intact.id || subtype !== intact.subtype) return `intact item ${index}: ${event.id}/${subtype}, built as ${intact.id}/${intact.subtype}`;
    if (intact.text !== undefined && (event.type !== 'message' || event.message.type !== 'text' || event.message.text !== intact.text)) return `intact item ${index}: text changed`;
  }
  return undefined;
}

/** A snapshot of the built-in prototypes a `__proto__` key could pollute. */
export function prototypeSnapshot(): string {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((proto) => Reflect.ownKeys(proto).map((key) => `${String(key)}:${typeof Object.getOwnPropertyDescriptor(proto, key)?.value}`).join(','))
    .join('|');
}

/**
 * An event to compare with `isDeepStrictEqual`: an unknown event's `raw` (the item as received, which
 * may be nested thousands deep) is replaced by its shape, so the comparison never recurses that deep.
 */
export function eventSummary(event: LineEvent): unknown {
  if (event.type !== 'unknown') return event;
  const raw = event.raw;
  const shape = Array.isArray(raw) ? `array(${raw.length})` : raw !== null && typeof raw === 'object' ? `object(${Object.keys(raw).join(',')})` : JSON.stringify(raw);
  return { ...event, raw: shape };
}
