// The runtime smoke test: ONE module, plain JavaScript, Web APIs only, run unchanged on Node 20 (ESM
// and CJS builds), Node 22, Bun, Deno and workerd by the small entry files beside it. It takes the
// BUILT package (`dist/`) as `lib`, so it tests what users install, and needs no file or network
// access: the spec §6 fixture is embedded below and `fetch` is a recorder.
//
// runSmoke(lib) returns a list of { name, ok, actual } with deterministic `actual` values only
// (no timings), so test/runtimes/runtimes.test.ts can require every runtime's list to equal the
// Node 20 ESM list exactly.

/** test/fixtures/sdk-batch.json, byte for byte (960 bytes, one final "\n"; spec §6). */
export const sdkBatchFixture = [
  "{",
  "  \"result\":[",
  "    {",
  "      \"from\":\"u206d25c2ea6bd87c17655609a1c37cb8\",",
  "      \"fromChannel\":\"1341301815\",",
  "      \"to\":[\"u0cc15697597f61dd8b01cea8b027050e\"],",
  "      \"toChannel\":\"1441301333\",",
  "      \"eventType\":\"138311609000106303\",",
  "      \"id\":\"ABCDEF-12345678901\",",
  "      \"content\":{",
  "        \"id\":\"325708\",",
  "        \"createdTime\":1332394961610,",
  "        \"from\":\"uff2aec188e58752ee1fb0f9507c6529a\",",
  "        \"to\":[\"u0a556cffd4da0dd89c94fb36e36e1cdc\"],",
  "        \"toType\":1,",
  "        \"contentType\":1,",
  "        \"text\":\"hello\"",
  "      }",
  "    },",
  "    {",
  "      \"from\":\"u206d25c2ea6bd87c17655609a1c37cb8\",",
  "      \"fromChannel\":\"1341301815\",",
  "      \"to\":[\"u0cc15697597f61dd8b01cea8b027050e\"],",
  "      \"toChannel\":\"1441301333\",",
  "      \"eventType\":\"138311609100106403\",",
  "      \"id\":\"ABCDEF-12345678902\",",
  "      \"content\":{",
  "        \"revision\":2469,",
  "        \"opType\":4,",
  "        \"params\":[",
  "          \"u0f3bfc598b061eba02183bfc5280886a\",",
  "          null,",
  "          null",
  "        ]",
  "      }",
  "    }",
  "  ]",
  "}",
].join('\n') + '\n';

/** Known-answer vectors of spec §6. */
export const vectors = {
  fixture: 'YdUyzEMBcQwsneRE8RkWm9/3AF+Zms+Mj1sh7d/biuc=',
  fixtureWithoutNewline: 'kPXp0nPWSzfWAapWHiesbcztpKnXJoX8krCa1CcTghk=',
  secretMessage: 'i19IcCmVwVmMVz2x4hhmqbgl1KeU0WnXBgoDYFeWNgs=',
};

/** The events the fixture must decode to (spec §2.1–2.3; contract in architecture.md). */
export const expectedFixtureEvents = [
  {
    type: 'message',
    id: 'ABCDEF-12345678901',
    channelId: '1441301333',
    message: {
      type: 'text',
      text: 'hello',
      id: '325708',
      from: 'uff2aec188e58752ee1fb0f9507c6529a',
      to: ['u0a556cffd4da0dd89c94fb36e36e1cdc'],
      chat: { type: 'user', mid: 'uff2aec188e58752ee1fb0f9507c6529a' },
      createdTime: 1332394961610,
      toType: 'user',
      metadata: {},
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
];

const userMid = 'u0a556cffd4da0dd89c94fb36e36e1cdc';
const webhookUrl = 'https://bot.example.com/line/callback';

/** JSON with sorted object keys (undefined members dropped), so equal values print equal text. */
export function canonicalJson(value) {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : sortKeys(item)));
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value).sort()) {
      if (value[key] !== undefined) out[key] = sortKeys(value[key]);
    }
    return out;
  }
  return value;
}

function describeError(error) {
  return error instanceof Error ? `${error.name}: ${error.message}` : `non-Error thrown: ${String(error)}`;
}

function signedRequest(body, signature, init = {}) {
  const headers = { 'content-type': 'application/json; charset=UTF-8' };
  if (signature !== undefined) headers['x-line-channelsignature'] = signature;
  return new Request(webhookUrl, { method: 'POST', headers, body, ...init });
}

const sendAccepted = () =>
  new Response('{"failed":[],"messageId":"1347940533207","timestamp":1347940533207,"version":1}', {
    status: 200,
    headers: { 'content-type': 'application/json;charset=UTF-8' },
  });

/** A `fetch` that records every request it gets and answers with `respond()` (default: LINE accepting a send). */
function recordingFetch(respond = sendAccepted) {
  const calls = [];
  const fetchImpl = async (input, init) => {
    const request = new Request(input, init);
    const body = request.body === null ? null : await request.text();
    calls.push({
      method: request.method,
      url: request.url,
      headers: [...request.headers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      body,
    });
    return respond(request);
  };
  return { calls, fetch: fetchImpl };
}

/**
 * Runs every check against `lib` (the built package's namespace). Never throws for a failed check:
 * each result says `ok` and what was observed. Throws only when `lib` is not the package at all.
 * @param {Record<string, any>} lib
 * @returns {Promise<Array<{ name: string, ok: boolean, actual: unknown }>>}
 */
export async function runSmoke(lib) {
  if (typeof lib?.signBody !== 'function') throw new Error('runSmoke(lib): lib must be the line-business-connect namespace');
  const results = [];
  /** Runs `produce()`, compares its canonical JSON with `expected`'s. */
  async function check(name, produce, expected) {
    let actual;
    try {
      actual = await produce();
    } catch (error) {
      results.push({ name, ok: false, actual: `threw ${describeError(error)}` });
      return;
    }
    results.push({ name, ok: canonicalJson(actual) === canonicalJson(expected), actual: sortKeys(actual) });
  }
  const encoder = new TextEncoder();
  const fixtureBytes = encoder.encode(sdkBatchFixture);
  const withoutNewline = sdkBatchFixture.slice(0, -1);

  // --- the embedded fixture is the spec's (960 bytes, ends with one "\n")
  await check('fixture: 960 bytes, final newline', () => [fixtureBytes.byteLength, fixtureBytes[fixtureBytes.byteLength - 1]], [960, 10]);

  // --- signature (spec §2, §6)
  await check('signBody: fixture string, testsecret', () => lib.signBody(sdkBatchFixture, 'testsecret'), vectors.fixture);
  await check('signBody: fixture Uint8Array', () => lib.signBody(fixtureBytes, 'testsecret'), vectors.fixture);
  await check('signBody: fixture ArrayBuffer', () => lib.signBody(fixtureBytes.slice().buffer, 'testsecret'), vectors.fixture);
  await check('signBody: fixture without final newline', () => lib.signBody(withoutNewline, 'testsecret'), vectors.fixtureWithoutNewline);
  await check('signBody: "message" with secret "secret"', () => lib.signBody('message', 'secret'), vectors.secretMessage);
  await check('signBody: UTF-8 body', () => lib.signBody('\u3053\u3093\u306b\u3061\u306f \u{1f44b}', 'testsecret'), 'zYu8jNK8CKDhtokHAUWl0AhQE90tb4VvUgI5L2Rn6Y0=');
  await check(
    'verifySignature: good, bad, missing, rotated, unpadded',
    async () => [
      await lib.verifySignature(fixtureBytes, vectors.fixture, 'testsecret'),
      await lib.verifySignature(fixtureBytes, vectors.fixtureWithoutNewline, 'testsecret'),
      await lib.verifySignature(fixtureBytes, null, 'testsecret'),
      await lib.verifySignature(fixtureBytes, '', 'testsecret'),
      await lib.verifySignature(fixtureBytes, vectors.fixture, ['oldsecret', 'testsecret']),
      await lib.verifySignature(fixtureBytes, vectors.fixture, 'othersecret'),
      await lib.verifySignature(fixtureBytes, vectors.fixture.slice(0, -1), 'testsecret'),
    ],
    [true, false, false, false, true, false, true],
  );

  // Node, Bun and Deno verify with node:crypto, workerd with crypto.subtle (the #hmac import): every
  // runtime must give these exact verdicts, so both modules agree on every kind of signature string.
  await check(
    'verifySignature: the same verdicts with node:crypto and Web Crypto',
    async () => {
      const good = vectors.fixture;
      const candidates = [
        good, good.slice(0, -1), `${good}=`, good.slice(0, -2), ` ${good}`, `${good.slice(0, 42)}${good[42] === 'A' ? 'B' : 'A'}=`,
        `${good.slice(0, 10)}${good[10] === 'x' ? 'y' : 'x'}${good.slice(11)}`, `${good.slice(0, 42)}\u0141=`, good.replace(/\+/g, '-').replace(/\//g, '_'), 'A'.repeat(42) + '==',
      ];
      const verdicts = [];
      for (const candidate of candidates) verdicts.push(await lib.verifySignature(fixtureBytes, candidate, ['rotated-out', 'testsecret']));
      const secrets = ['\u79d8\u5bc6', 'k'.repeat(100), '\u{1f511}'];
      const signatures = [];
      for (const secret of secrets) signatures.push(await lib.signBody(new Uint8Array(70_000).fill(7), secret), await lib.signBody('', secret));
      return { verdicts, signatures };
    },
    {
      verdicts: [true, true, false, false, false, false, false, false, false, false],
      // Computed with openssl (`openssl dgst -sha256 -hmac <secret> -binary | base64`).
      signatures: [
        'jRuYJfFe9u+wZwY4X5mhDiPLMv+H9wdGrr8nCzPVFHc=',
        'bzhEskdbbjA2Toortm28kxGRI7jR867hxm+JnmEgg84=',
        'dafKzjwy4NA6taJI/sabdBLe+HJxoPv1FgZFlo2KgYk=',
        '1Gdhdo7jyGT8dsCLPXPICShTrj/voBuZCWPfotVuczQ=',
        '0U1TRbb2ghifh7ItLUvIMiQseXlZQRuO70zbTb6sPDg=',
        'Bti8bznS9fJmsgsjpcjzQJiudxMwLKbcmylt7kS0QXg=',
      ],
    },
  );

  // --- decoding (spec §2.1–2.3)
  await check('decodeEvents: fixture', () => lib.decodeEvents(JSON.parse(sdkBatchFixture)), expectedFixtureEvents);

  // --- webhook: a real Request in, a Response out (spec §2)
  await check(
    'parseWebhook: fixture',
    () => lib.parseWebhook(signedRequest(sdkBatchFixture, vectors.fixture), { channelSecret: 'testsecret' }),
    expectedFixtureEvents,
  );
  await check(
    'parseWebhook: wrong signature rejects with SignatureError(mismatch)',
    async () => {
      try {
        await lib.parseWebhook(signedRequest(sdkBatchFixture, vectors.fixtureWithoutNewline), { channelSecret: 'testsecret' });
        return 'resolved';
      } catch (error) {
        return [error instanceof lib.SignatureError, error instanceof lib.LineError, error.reason];
      }
    },
    [true, true, 'mismatch'],
  );
  await check(
    'parseWebhook: UTF-8 text, numeric toChannel, unknown content type kept',
    async () => {
      const body = JSON.stringify({
        result: [
          {
            from: 'u206d25c2ea6bd87c17655609a1c37cb8',
            fromChannel: 1341301815,
            to: ['u0cc15697597f61dd8b01cea8b027050e'],
            toChannel: 1441301333,
            eventType: '138311609000106303',
            id: 'WB1519-3426467455',
            createdTime: 1460000000000,
            content: {
              id: '4711',
              createdTime: 1460000000001,
              from: userMid,
              to: ['u0cc15697597f61dd8b01cea8b027050e'],
              toType: 1,
              contentType: 1,
              text: '\u3053\u3093\u306b\u3061\u306f \u{1f44b}',
              contentMetadata: { AT_RECV_MODE: '2' },
              location: null,
              seq: 1,
            },
          },
          {
            from: 'u206d25c2ea6bd87c17655609a1c37cb8',
            fromChannel: 1341301815,
            to: ['u0cc15697597f61dd8b01cea8b027050e'],
            toChannel: '1441301333',
            eventType: '138311609000106303',
            id: 'WB1519-3426467456',
            content: { id: '4712', from: userMid, to: [], toType: 3, contentType: 99, text: null, contentMetadata: null },
          },
        ],
      });
      const signature = await lib.signBody(body, 'testsecret');
      return lib.parseWebhook(signedRequest(body, signature), { channelSecret: ['rotated-out', 'testsecret'] });
    },
    [
      {
        type: 'message',
        id: 'WB1519-3426467455',
        channelId: '1441301333',
        createdTime: 1460000000000,
        message: {
          type: 'text',
          text: '\u3053\u3093\u306b\u3061\u306f \u{1f44b}',
          id: '4711',
          from: userMid,
          to: ['u0cc15697597f61dd8b01cea8b027050e'],
          chat: { type: 'user', mid: userMid },
          createdTime: 1460000000001,
          toType: 'user',
          metadata: { AT_RECV_MODE: '2' },
        },
      },
      {
        type: 'message',
        id: 'WB1519-3426467456',
        channelId: '1441301333',
        // A group message without the group MID in `to` still reaches the bot, saying why it cannot be answered.
        message: {
          type: 'unknown',
          contentType: 99,
          id: '4712',
          from: userMid,
          to: [],
          chat: { type: 'group', mid: '' },
          toType: 'group',
          metadata: {},
          issues: ['content.to: expected a non-empty array of MID strings, got []', 'content.to: no group MID, so there is no chat to reply to'],
        },
      },
    ],
  );
  await check(
    'createWebhookHandler: signed fixture -> 200 and the decoded events',
    async () => {
      const received = [];
      const pending = [];
      const handler = lib.createWebhookHandler({
        channelSecret: 'testsecret',
        onEvents: async (events) => {
          received.push(...events);
        },
      });
      const response = await handler(signedRequest(fixtureBytes, vectors.fixture), {
        waitUntil: (promise) => pending.push(promise),
      });
      const body = await response.text();
      await Promise.all(pending);
      return { status: response.status, body, waitUntilCalls: pending.length, received };
    },
    { status: 200, body: '', waitUntilCalls: 1, received: expectedFixtureEvents },
  );
  await check(
    'createWebhookHandler: status for bad signature, missing signature, GET, bad JSON, too large',
    async () => {
      const handler = lib.createWebhookHandler({ channelSecret: 'testsecret', maxBodyBytes: 1024, onEvents: async () => {} });
      const badJson = '{"result":[';
      const tooLarge = JSON.stringify({ result: [], padding: 'x'.repeat(2000) });
      const statuses = [];
      statuses.push((await handler(signedRequest(sdkBatchFixture, vectors.fixtureWithoutNewline))).status);
      statuses.push((await handler(signedRequest(sdkBatchFixture, undefined))).status);
      statuses.push((await handler(new Request(webhookUrl, { method: 'GET' }))).status);
      statuses.push((await handler(signedRequest(badJson, await lib.signBody(badJson, 'testsecret')))).status);
      statuses.push((await handler(signedRequest(tooLarge, await lib.signBody(tooLarge, 'testsecret')))).status);
      return statuses;
    },
    [401, 401, 405, 400, 413],
  );

  // --- message builders (spec §3)
  await check('text(): wire content', () => lib.text('hello'), { contentType: 1, text: 'hello' });
  await check(
    'richMessage(): areas -> MARKUP_JSON text',
    () =>
      lib.richMessage({
        baseUrl: 'https://example.com/rich/abc',
        altText: 'Menu',
        height: 520,
        areas: [
          { x: 0, y: 0, width: 520, height: 520, link: 'https://example.com/a' },
          { x: 520, y: 0, width: 520, height: 520, message: 'B' },
        ],
      }),
    {
      contentType: 12,
      contentMetadata: {
        SPEC_REV: '1',
        DOWNLOAD_URL: 'https://example.com/rich/abc',
        ALT_TEXT: 'Menu',
        MARKUP_JSON: '{"canvas":{"width":1040,"height":520,"initialScene":"scene1"},"images":{"image1":{"x":0,"y":0,"w":1040,"h":520}},"actions":{"action0":{"type":"web","text":"Menu","params":{"linkUri":"https://example.com/a"}},"action1":{"type":"sendMessage","text":"B","params":{"text":"B"}}},"scenes":{"scene1":{"draws":[{"image":"image1","x":0,"y":0,"w":1040,"h":520}],"listeners":[{"type":"touch","params":[0,0,520,520],"action":"action0"},{"type":"touch","params":[520,0,520,520],"action":"action1"}]}}}',
      },
    },
  );
  await check(
    'image(): http URL rejected with MessageValidationError',
    () => {
      try {
        lib.image({ originalContentUrl: 'http://example.com/a.jpg', previewImageUrl: 'https://example.com/p.jpg' });
        return 'returned';
      } catch (error) {
        return [error instanceof lib.MessageValidationError, error instanceof lib.LineError];
      }
    },
    [true, true],
  );

  // --- client: send through an injected fetch (spec §3)
  await check(
    'createClient().send(): one POST /v1/events, exact headers and body',
    async () => {
      const recorder = recordingFetch();
      const client = lib.createClient({ channelToken: 'smoke-token', fetch: recorder.fetch, retry: false });
      const messageIds = [];
      const result = await client.send(userMid, lib.text('hello'), { onRequest: (request) => void messageIds.push(request.messageId) });
      return { calls: recorder.calls, result, messageIds };
    },
    {
      calls: [
        {
          method: 'POST',
          url: 'https://api.line.me/v1/events',
          headers: [
            ['content-type', 'application/json; charset=UTF-8'],
            ['x-line-channeltoken', 'smoke-token'],
          ],
          body: `{"to":["${userMid}"],"toChannel":1383378250,"eventType":"138311608800106203","content":{"contentType":1,"toType":1,"text":"hello"}}`,
        },
      ],
      result: { ok: true, recipients: 1, sent: 1, failed: 0, requests: 1, possibleDuplicates: 0, failures: [] },
      messageIds: ['1347940533207'],
    },
  );

  await check(
    'createClient().send(): LINE error answer -> rejects with SendError, ApiError in its report',
    async () => {
      const recorder = recordingFetch(
        () =>
          new Response('{"statusCode":"422","statusMessage":"invalid users"}', {
            status: 400,
            headers: { 'content-type': 'application/json' },
          }),
      );
      const client = lib.createClient({ channelToken: 'smoke-token', fetch: recorder.fetch, retry: false });
      const rejection = await client.send([userMid, 'u0cc15697597f61dd8b01cea8b027050e'], lib.text('hi')).then(
        () => undefined,
        (e) => e,
      );
      const result = rejection?.result;
      const error = result?.failures[0]?.error;
      return {
        calls: recorder.calls.length,
        isSendError: rejection instanceof lib.SendError && rejection instanceof lib.LineError,
        ok: result?.ok,
        failed: result?.failures.map((failure) => failure.recipients),
        error: error && {
          isApiError: error instanceof lib.ApiError,
          isLineError: error instanceof lib.LineError,
          status: error.status,
          statusCode: error.statusCode,
          statusMessage: error.statusMessage,
          endpoint: error.endpoint,
          leaksToken: error.message.includes('smoke-token'),
        },
      };
    },
    {
      calls: 1,
      isSendError: true,
      ok: false,
      failed: [[userMid, 'u0cc15697597f61dd8b01cea8b027050e']],
      error: {
        isApiError: true,
        isLineError: true,
        status: 400,
        statusCode: '422',
        statusMessage: 'invalid users',
        endpoint: 'POST /v1/events',
        leaksToken: false,
      },
    },
  );
  await check(
    'createClient({ trial }).getProfiles(): GET /v1/profiles on the Trial host with Trial headers',
    async () => {
      const recorder = recordingFetch(
        () =>
          new Response(
            `{"contacts":[{"displayName":"Brown","mid":"${userMid}","pictureUrl":"https://example.com/p.jpg","statusMessage":"hi"}],"count":1,"display":1,"start":1,"total":1}`,
            { status: 200, headers: { 'content-type': 'application/json' } },
          ),
      );
      const client = lib.createClient({
        trial: { channelId: '1441301333', channelSecret: 'trial-secret', channelMid: 'u0cc15697597f61dd8b01cea8b027050e' },
        fetch: recorder.fetch,
        retry: false,
      });
      const profiles = await client.getProfiles([userMid]);
      return { calls: recorder.calls, profiles };
    },
    {
      calls: [
        {
          method: 'GET',
          url: `https://trialbot-api.line.me/v1/profiles?mids=${userMid}`,
          headers: [
            ['x-line-channelid', '1441301333'],
            ['x-line-channelsecret', 'trial-secret'],
            ['x-line-trusted-user-with-acl', 'u0cc15697597f61dd8b01cea8b027050e'],
          ],
          body: null,
        },
      ],
      profiles: [{ displayName: 'Brown', mid: userMid, pictureUrl: 'https://example.com/p.jpg', statusMessage: 'hi' }],
    },
  );

  return results;
}
