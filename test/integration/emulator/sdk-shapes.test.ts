// LINE's own 2016 v1 SDKs (Go, Ruby, PHP, Perl, Java) and the npm line-bot-sdk 0.1.4 as the bot: every
// request body below is the exact bytes each SDK's last v1 code sent (captured on loopback, see
// test/fixtures/sdk-shapes/*.json: sdk, source commit, call, headers, rawBody). The fake LINE must accept
// every form the platform accepted (spec §3.1), store it in its documented form, and record a warning for
// each form a careful client would not send; and keep refusing what LINE refused.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFakeLine } from '../../../src/emulator/fake-line.js';
import { sampleMedia } from '../../../src/emulator/sample-media.js';

interface Fixture {
  sdk: string;
  call: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  rawBody?: string;
}

const dir = new URL('../../fixtures/sdk-shapes/', import.meta.url);
const fixtures = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Fixture] as const);

const SALLY = 'u0a556cffd4da0dd89c94fb36e36e1cdc';
const BROWN = 'u1f2b3c4d5e6f708192a3b4c5d6e7f809';

const stringToChannel = 'toChannel is the string "1383378250"; LINE accepted it, but the documented form is the number 1383378250.';
const nulled = (field: string) => `${field} is null; LINE treated it as absent, but a careful client leaves the field out.`;
const numberForString = (field: string, value: number) => `${field} is the number ${value}; LINE accepted it, but the documented form is the string "${value}".`;
const stringForNumber = (field: string, value: string) => `${field} is the string "${value}"; LINE accepted it, but the documented form is the number ${value}.`;
const outerToType = (value: string) =>
  `content.toType (${value}) is not a field of a multiple-messages content; LINE ignored it. Put toType on each message, or leave it out.`;
const twice = (field: string) =>
  `${field} appears twice in the body; LINE accepted that (its Java SDK wrote contentType twice) and the last value counts, but a careful client sends each key once.`;
/** Java's every content: `"contentType":"n"`, `"id":null`, `"from":null`, then `"contentType":n`. */
const javaContent = (at: string) => [twice(`${at}.contentType`), nulled(`${at}.id`), nulled(`${at}.from`)];

/** What each captured request must get: its status and exactly these warnings (in this order). */
const expected: Record<string, { status: number; warnings: string[]; error?: { statusCode: string; statusMessage: string | RegExp } }> = {
  ...Object.fromEntries(
    ['go', 'ruby', 'php', 'perl', 'java'].map((sdk) => [`${sdk}-content`, { status: 200, warnings: [] }]),
  ),
  ...Object.fromEntries(['go', 'ruby', 'php', 'perl', 'java', 'npm'].map((sdk) => [`${sdk}-profiles`, { status: 200, warnings: [] }])),
  ...Object.fromEntries(['text', 'image', 'video', 'audio', 'location', 'sticker', 'rich', 'multiple'].map((kind) => [`go-${kind}`, { status: 200, warnings: [] }])),
  ...Object.fromEntries(
    ['text', 'image', 'video', 'audio', 'location', 'sticker', 'rich'].map((kind) => [`ruby-${kind}`, { status: 200, warnings: [] }]),
  ),
  'ruby-location-no-address': { status: 200, warnings: [nulled('content.location.address')] },
  'ruby-multiple': { status: 200, warnings: [nulled('content.messages[4].location.address')] },
  ...Object.fromEntries(
    ['text', 'text-unicode', 'image', 'video', 'audio', 'location', 'sticker', 'sticker-no-stkver', 'rich'].map((kind) => [
      `php-${kind}`,
      { status: 200, warnings: [stringToChannel] },
    ]),
  ),
  'php-multiple': { status: 200, warnings: [stringToChannel, outerToType('null')] },
  'perl-text': { status: 200, warnings: [] },
  'perl-rich': { status: 200, warnings: [] },
  'perl-image': { status: 200, warnings: [nulled('content.text')] },
  'perl-video': { status: 200, warnings: [nulled('content.text')] },
  'perl-audio': { status: 200, warnings: [nulled('content.text'), numberForString('content.contentMetadata.AUDLEN', 240000)] },
  'perl-location': {
    status: 200,
    warnings: [stringForNumber('content.location.latitude', '35.65824'), stringForNumber('content.location.longitude', '139.703478')],
  },
  'perl-location-no-address': { status: 200, warnings: [nulled('content.location.address')] },
  'perl-sticker': {
    status: 200,
    warnings: [
      numberForString('content.contentMetadata.STKID', 3),
      numberForString('content.contentMetadata.STKPKGID', 332),
      numberForString('content.contentMetadata.STKVER', 100),
    ],
  },
  'perl-sticker-no-stkver': { status: 200, warnings: [nulled('content.contentMetadata.STKVER')] },
  'perl-multiple': {
    status: 200,
    warnings: [
      nulled('content.messages[1].text'),
      nulled('content.messages[2].text'),
      nulled('content.messages[3].text'),
      numberForString('content.messages[3].contentMetadata.AUDLEN', 240000),
      stringForNumber('content.messages[4].location.latitude', '35.65824'),
      stringForNumber('content.messages[4].location.longitude', '139.703478'),
      numberForString('content.messages[5].contentMetadata.STKID', 3),
      numberForString('content.messages[5].contentMetadata.STKPKGID', 332),
      numberForString('content.messages[5].contentMetadata.STKVER', 100),
    ],
  },
  // Perl 0.01–0.02 (one week in April 2016) wrote eventType as a JSON number beyond 2^53: LINE's "423
  // eventType is invalid" (spec §3), and 0.03 switched to strings. Still refused.
  'perl-0.02-text': { status: 400, warnings: [], error: { statusCode: '423', statusMessage: /^eventType is invalid: 138311608800106200\./ } },
  'perl-0.02-multiple': { status: 400, warnings: [], error: { statusCode: '423', statusMessage: /^eventType is invalid: 140177271400161400\./ } },
  ...Object.fromEntries(['text', 'image', 'video', 'audio', 'location', 'rich'].map((kind) => [`java-${kind}`, { status: 200, warnings: javaContent('content') }])),
  'java-sticker': {
    status: 200,
    warnings: [
      ...javaContent('content'),
      nulled('content.contentMetadata.STKVER'),
      'content.contentMetadata.STKTXT is not a field of a sent sticker; LINE accepted it, but a careful client leaves it out (it is dropped).',
    ],
  },
  'java-multiple': {
    status: 200,
    warnings: [
      ...[0, 1, 2, 3, 4, 5].map((i) => twice(`content.messages[${i}].contentType`)),
      ...[0, 1, 2, 3, 4, 5].flatMap((i) => [nulled(`content.messages[${i}].id`), nulled(`content.messages[${i}].from`)]),
      nulled('content.messages[5].contentMetadata.STKTXT'),
    ],
  },
  ...Object.fromEntries(
    ['text', 'bc-text', 'image', 'video', 'audio', 'location', 'sticker', 'sticker-no-stkver', 'rich'].map((kind) => [
      `npm-${kind}`,
      { status: 200, warnings: [stringToChannel] },
    ]),
  ),
  'npm-multiple': { status: 200, warnings: [stringToChannel, outerToType('1')] },
  'npm-multiple-with-rich': { status: 200, warnings: [stringToChannel, outerToType('1')] },
  // A JSON object where LINE wants JSON text: a Java server cannot read an object into a string. Refused.
  'npm-rich-markup-object': {
    status: 400,
    warnings: [],
    error: { statusCode: '400', statusMessage: 'Invalid content.contentMetadata.MARKUP_JSON: must be a string, got an object.' },
  },
  // Not an endpoint of the protocol (spec §4); npm's SDK invented it.
  'npm-bc-officialaccount-contacts': {
    status: 404,
    warnings: [],
    error: { statusCode: '404', statusMessage: 'Not Found: no such API endpoint. See node_modules/line-business-connect/docs/emulator.md for the endpoints the emulator serves.' },
  },
};

/** A fake LINE with the SDKs' channel: Trial credentials, except the npm SDK's BC client (a channel token). */
function fakeFor(fixture: Fixture) {
  const businessConnect = (fixture.headers['X-LINE-ChannelToken'] ?? '') !== '';
  return createFakeLine({
    trial: !businessConnect,
    channelId: '1441301333',
    channelSecret: 'testsecret',
    channelMid: 'u8ec0e1a4d1c9a0e3b0cf5b8d6f2e3a71',
    channelToken: 'TESTTOKEN',
    users: [
      { displayName: 'Sally', mid: SALLY },
      { displayName: 'Brown', mid: BROWN },
    ],
  });
}

describe("LINE's 2016 SDKs as the bot (spec §3.1)", () => {
  it('has an expectation for every captured request, and a captured request for every expectation', () => {
    expect(fixtures.map(([name]) => name).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(fixtures)('%s', async (name, fixture) => {
    const fake = fakeFor(fixture);
    let path = fixture.path;
    if (path.includes('/content')) {
      // Download what a user really sent: the captured path names message 325708.
      const sent = await fake.sendAs('Sally', { type: 'image' });
      path = path.replace('325708', sent.messageId!);
    }
    const headers = Object.fromEntries(Object.entries(fixture.headers).filter(([header]) => !/^(content-length|host|connection)$/i.test(header)));
    const init: RequestInit = { method: fixture.method, headers };
    if (fixture.method === 'POST') init.body = fixture.rawBody!;
    const response = await fake.fetch(new Request(`https://trialbot-api.line.me${path}`, init));
    const want = expected[name]!;
    expect(response.status).toBe(want.status);
    const record = fake.requests().at(-1)!;
    expect(record.warnings).toEqual(want.warnings);
    if (want.error) {
      const body = (await response.json()) as { statusCode: string; statusMessage: string };
      expect(body.statusCode).toBe(want.error.statusCode);
      expect(body.statusMessage).toMatch(want.error.statusMessage);
      expect(fake.conversation('Sally')?.entries.filter((entry) => entry.from === 'bot')).toEqual([]);
    } else if (path.startsWith('/v1/events')) {
      expect(((await response.json()) as { messageId: string }).messageId).toBe(record.messageId);
    } else if (path.includes('/content')) {
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(sampleMedia('image').bytes);
    } else {
      // `mids=a,b` (Ruby, Java) and `mids=a%2Cb` (Go, PHP, Perl, npm) name the same two users.
      expect(await response.json()).toEqual({
        contacts: [
          { displayName: 'Sally', mid: SALLY, pictureUrl: `https://trialbot-api.line.me/_emulator/users/${SALLY}/picture` },
          { displayName: 'Brown', mid: BROWN, pictureUrl: `https://trialbot-api.line.me/_emulator/users/${BROWN}/picture` },
        ],
        count: 2,
        display: 2,
        start: 1,
        total: 2,
      });
    }
  });

  it('stores what Perl, Java and Ruby sent in its documented form, and shows the warnings on the JSON API', async () => {
    const [, perl] = fixtures.find(([name]) => name === 'perl-multiple')!;
    const fake = fakeFor(perl);
    const response = await fake.fetch(
      new Request('https://trialbot-api.line.me/v1/events', { method: 'POST', headers: perl.headers, body: perl.rawBody! }),
    );
    expect(response.status).toBe(200);
    expect(fake.conversation('Sally')?.entries.map((entry) => entry.content)).toEqual([
      { contentType: 1, toType: 1, text: 'hello' },
      { contentType: 2, toType: 1, originalContentUrl: 'https://example.com/image.jpg', previewImageUrl: 'https://example.com/preview.jpg' },
      { contentType: 3, toType: 1, originalContentUrl: 'https://example.com/video.mp4', previewImageUrl: 'https://example.com/video_preview.jpg' },
      { contentType: 4, toType: 1, originalContentUrl: 'https://example.com/audio.m4a', contentMetadata: { AUDLEN: '240000' } },
      {
        contentType: 7,
        toType: 1,
        text: 'LINE Corporation',
        location: { title: 'LINE Corporation', address: 'Hikarie Shibuya-ku Tokyo 151-0002', latitude: 35.65824, longitude: 139.703478 },
      },
      { contentType: 8, toType: 1, contentMetadata: { STKID: '3', STKPKGID: '332', STKVER: '100' } },
    ]);
    const state = (await (await fake.fetch(new Request('https://trialbot-api.line.me/_emulator/requests'))).json()) as { warnings: string[] }[];
    expect(state.at(-1)?.warnings).toEqual(expected['perl-multiple']!.warnings);

    const [, java] = fixtures.find(([name]) => name === 'java-sticker')!;
    await fake.fetch(new Request('https://trialbot-api.line.me/v1/events', { method: 'POST', headers: java.headers, body: java.rawBody! }));
    expect(fake.conversation('Sally')?.entries.at(-1)?.content).toEqual({ contentType: 8, toType: 1, contentMetadata: { STKID: '3', STKPKGID: '332' } });

    const [, ruby] = fixtures.find(([name]) => name === 'ruby-location-no-address')!;
    await fake.fetch(new Request('https://trialbot-api.line.me/v1/events', { method: 'POST', headers: ruby.headers, body: ruby.rawBody! }));
    expect(fake.conversation('Sally')?.entries.at(-1)?.content).toEqual({
      contentType: 7,
      toType: 1,
      text: 'LINE Corporation',
      location: { title: 'LINE Corporation', latitude: 35.65824, longitude: 139.703478 },
    });
  });
});
