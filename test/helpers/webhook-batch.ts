// Raw webhook bodies for tests, written by hand from the wire format (spec §2.1–2.3), not from the
// library's own factories: a decoder bug must not be able to hide behind a matching builder bug.
import { signBody } from '../../src/signature/sign-body.js';

export const channelSecret = 'webhook-test-secret';
export const channelId = '1441301333';
const platformMid = 'u206d25c2ea6bd87c17655609a1c37cb8';
const channelMid = 'u0cc15697597f61dd8b01cea8b027050e';

/** What a raw item should decode to: `message:<type>`, `operation:<type>` or `unknown`. */
export type Kind = `message:${string}` | `operation:${string}` | 'unknown';

/** One raw item with the kind it should decode to. */
export interface RawItem {
  kind: Kind;
  item: Record<string, unknown>;
}

function envelope(index: number, eventType: string, content: Record<string, unknown>): Record<string, unknown> {
  return {
    from: platformMid,
    // LINE sends these as numbers or strings (spec §2.1): alternate.
    fromChannel: index % 2 === 0 ? 1341301815 : '1341301815',
    to: [channelMid],
    toChannel: index % 2 === 0 ? Number(channelId) : channelId,
    eventType,
    id: `WB${1000 + index}-${3426467455 + index}`,
    createdTime: 1_700_000_000_000 + index,
    content,
    extraTopLevelKey: { ignored: true },
  };
}

function message(index: number, contentType: number, fields: Record<string, unknown>): Record<string, unknown> {
  return envelope(index, '138311609000106303', {
    id: String(4_000_000 + index),
    contentType,
    from: `u${index.toString(16).padStart(32, 'a')}`,
    createdTime: 1_700_000_000_000 + index,
    to: [channelMid],
    toType: 1 + (index % 3),
    contentMetadata: null,
    text: null,
    location: null,
    deliveredTime: 1_700_000_000_100 + index,
    seq: null,
    ...fields,
  });
}

function operation(index: number, opType: number): Record<string, unknown> {
  return envelope(index, '138311609100106403', {
    revision: 2000 + index,
    opType,
    params: [`u${index.toString(16).padStart(32, 'b')}`, null, null],
  });
}

/** Builders for each kind, in a fixed cycle. */
const makers: ((index: number) => RawItem)[] = [
  (i) => ({ kind: 'message:text', item: message(i, 1, { text: `hello ${i} こんにちは` }) }),
  (i) => ({ kind: 'message:image', item: message(i, 2, {}) }),
  (i) => ({ kind: 'message:video', item: message(i, 3, {}) }),
  (i) => ({ kind: 'message:audio', item: message(i, 4, { contentMetadata: { AUDLEN: '240000' } }) }),
  (i) => ({
    kind: 'message:location',
    item: message(i, 7, {
      text: 'Tokyo Tower',
      location: { title: 'Tokyo Tower', address: '4-2-8 Shibakoen', latitude: 35.6586, longitude: 139.7454, phone: null },
    }),
  }),
  (i) => ({
    kind: 'message:sticker',
    item: message(i, 8, { contentMetadata: { STKPKGID: '332', STKID: '3', STKVER: '100', STKTXT: '[hi]', STKOPT: 'A' } }),
  }),
  (i) => ({ kind: 'message:contact', item: message(i, 10, { contentMetadata: { mid: `u${'c'.repeat(32)}`, displayName: 'Taro' } }) }),
  (i) => ({ kind: 'message:unknown', item: message(i, 99, { contentMetadata: { FUTURE: 'x' } }) }),
  (i) => ({ kind: 'operation:addedAsFriend', item: operation(i, 4) }),
  (i) => ({ kind: 'operation:blocked', item: operation(i, 8) }),
  (i) => ({ kind: 'operation:invitedToGroup', item: operation(i, 5) }),
  (i) => ({ kind: 'operation:addedToRoom', item: operation(i, 7) }),
  (i) => ({ kind: 'operation:unknown', item: operation(i, 42) }),
];

/** `count` raw items cycling through every content type and opType (13 kinds). */
export function rawItems(count: number): RawItem[] {
  return Array.from({ length: count }, (_, index) => makers[index % makers.length]!(index));
}

/** An item with an `eventType` nobody knows: decodes to an `UnknownEvent`. */
export function unknownItem(index: number): RawItem {
  return { kind: 'unknown', item: envelope(index, '999999999999999999', { whatever: true }) };
}

/** A known `eventType` whose content fails validation (text is a number): decodes to an `UnknownEvent`. */
export function malformedItem(index: number): RawItem {
  return { kind: 'unknown', item: message(index, 1, { text: 42, toType: 'one' }) };
}

/** The raw JSON body LINE would send for these items. */
export function batchBody(items: readonly RawItem[]): string {
  return JSON.stringify({ result: items.map(({ item }) => item) });
}

/** A POST Request like LINE's, signed over the exact bytes with `secret`. */
export async function signedRequest(
  body: string | Uint8Array,
  options: { secret?: string; headerName?: string; signature?: string | null; url?: string } = {},
): Promise<Request> {
  const headers = new Headers({ 'content-type': 'application/json; charset=UTF-8' });
  const signature = options.signature === undefined ? await signBody(body, options.secret ?? channelSecret) : options.signature;
  if (signature !== null) headers.set(options.headerName ?? 'X-LINE-ChannelSignature', signature);
  return new Request(options.url ?? 'https://bot.example.com/callback', { method: 'POST', headers, body: body as BodyInit });
}
