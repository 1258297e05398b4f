// The fake LINE on every runtime: ONE scenario, plain JavaScript, Web APIs only, run on the BUILT package
// (`lib` = dist/index.js, `emulator` = dist/emulator.js) by fake-line.test.ts under Node, Deno and workerd.
// No port, no network: the client talks to `fake.fetch` and the fake delivers to the bot's own handler.
// Every check's `actual` is deterministic, so each runtime's list must equal Node's exactly.

const SALLY = 'u0a556cffd4da0dd89c94fb36e36e1cdc';

/** Runs the scenario; resolves with `[{ name, ok, actual }]`. */
export async function runFakeLineSmoke(lib, emulator) {
  const results = [];
  const check = async (name, run, expected) => {
    let actual;
    try {
      actual = await run();
    } catch (error) {
      actual = { threw: `${error?.name}: ${error?.message}` };
    }
    results.push({ name, ok: JSON.stringify(actual) === JSON.stringify(expected), actual });
  };

  let clock = 1_700_000_000_000;
  let client;
  const bot = lib.createWebhookHandler({
    channelSecret: 'fake-line-secret',
    respond: 'after-processing',
    onMessage: async (event) => {
      if (event.message.type === 'text') await client.send(event.message.from, lib.text(`echo: ${event.message.text}`));
    },
  });
  const fake = emulator.createFakeLine({
    channelSecret: 'fake-line-secret',
    webhookUrl: 'https://bot.example/callback',
    fetch: (request) => bot(request),
    users: [{ displayName: 'Sally', mid: SALLY, statusMessage: 'Out for a walk' }],
    tokenLifetimeMs: 60_000,
    now: () => clock,
  });
  client = lib.createClient({ channelToken: fake.channelToken, fetch: fake.fetch, retry: false });

  await check(
    'a user message reaches the bot as a signed delivery, and the bot answers through fake.fetch',
    async () => {
      const entry = await fake.sendAs('Sally', 'hello');
      const [reply] = await fake.waitFor({ chat: 'Sally', timeoutMs: 3_000 });
      const [delivery] = fake.deliveries();
      return {
        delivered: entry.delivered,
        reply: reply.content,
        delivery: { status: delivery.status, ok: delivery.ok, events: delivery.events.map((event) => [event.eventType, event.content.text]) },
      };
    },
    {
      delivered: true,
      reply: { contentType: 1, toType: 1, text: 'echo: hello' },
      delivery: { status: 200, ok: true, events: [['138311609000106303', 'hello']] },
    },
  );

  await check(
    'accepts what LINE accepted (PHP: toChannel as a string) and records the warning',
    async () => {
      const response = await fake.fetch(
        new Request('https://api.line.me/v1/events', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json; charset=UTF-8', 'X-Line-ChannelToken': fake.channelToken },
          body: JSON.stringify({ to: [SALLY], content: { toType: 1, contentType: 1, text: 'from PHP' }, toChannel: '1383378250', eventType: '138311608800106203' }),
        }),
      );
      return { status: response.status, warnings: fake.requests().at(-1).warnings };
    },
    { status: 200, warnings: ['toChannel is the string "1383378250"; LINE accepted it, but the documented form is the number 1383378250.'] },
  );

  await check(
    'serves profiles and the media a user sent',
    async () => {
      const profiles = await client.getProfiles([SALLY, 'u00000000000000000000000000000000']);
      const image = await fake.sendAs('Sally', { type: 'image' });
      const content = await client.getMessageContent(image.messageId);
      const bytes = new Uint8Array(await new Response(content.body).arrayBuffer());
      return { profiles, contentType: content.contentType, size: bytes.byteLength, jpeg: [bytes[0], bytes[1]] };
    },
    {
      profiles: [{ mid: SALLY, displayName: 'Sally', pictureUrl: `https://api.line.me/_emulator/users/${SALLY}/picture`, statusMessage: 'Out for a walk' }],
      contentType: 'image/jpeg',
      size: 315,
      jpeg: [0xff, 0xd8],
    },
  );

  await check(
    'refuses a bad input with a typed error and stores nothing',
    async () => {
      const before = fake.conversation('Sally').entries.length;
      const error = await fake.sendAs('Sally', { type: 'location', title: { deep: true }, latitude: 1, longitude: 2 }).catch((caught) => caught);
      return { name: error.name, isLineError: error instanceof lib.LineError, stored: fake.conversation('Sally').entries.length - before };
    },
    { name: 'EmulatorInputError', isLineError: true, stored: 0 },
  );

  await check(
    'enforces token expiry, and a reissue with the expired token gives a working one',
    async () => {
      clock += 60_000;
      const expired = await client.send(SALLY, lib.text('too late')).catch((error) => error);
      const reissue = await fake.fetch(
        new Request('https://api.line.me/v1/oauth/accessToken', {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Line-ChannelToken': fake.channelToken },
          body: `refreshToken=${fake.refreshToken}&channelSecret=fake-line-secret`,
        }),
      );
      const issued = await reissue.json();
      const fresh = lib.createClient({ channelToken: issued.accessToken, fetch: fake.fetch, retry: false });
      const sent = await fresh.send(SALLY, lib.text('on time'));
      return { expired: [expired.name, expired.result.failures[0].error.status], reissue: reissue.status, expire: issued.expire - clock, sent: sent.ok };
    },
    { expired: ['SendError', 401], reissue: 200, expire: 60_000, sent: true },
  );

  await check(
    'answers its JSON API and inbox page',
    async () => {
      const state = await (await fake.fetch(new Request('https://api.line.me/_emulator/state'))).json();
      const page = await fake.fetch(new Request('https://api.line.me/'));
      return { users: state.users.map((user) => user.displayName), page: [page.status, page.headers.get('content-type')] };
    },
    { users: ['Sally'], page: [200, 'text/html; charset=UTF-8'] },
  );

  await fake.close();
  return results;
}
