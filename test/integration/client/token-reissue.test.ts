// issue 11, defect 5: the token reissue goes through the client's transport and retry rules. A transient
// failure of the reissue endpoint is retried within the deadline instead of failing every send waiting
// on it; an answer with a new pair is never repeated; timeoutMs and refreshAheadMs are checked; baseUrl
// is normalised like the client's. LINE is played by a Transport that records every request.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import { createRefreshingToken } from '../../../src/client/create-refreshing-token.js';
import type { Transport, TransportRequest, TransportResponse } from '../../../src/client/transport.js';
import { ApiError, LineError } from '../../../src/errors.js';
import { text } from '../../../src/messages/text.js';

function answer(status: number, body: string, headers: Record<string, string> = {}): TransportResponse {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { status, headers: { get: (name) => lower[name.toLowerCase()] ?? null }, text: () => Promise.resolve(body), stream: () => new Response(body).body! };
}

const newPair = '{"accessToken":"ACCESS-2","refreshToken":"REFRESH-2","expire":1900000000000}';

/** LINE: the reissue endpoint answers from `reissueAnswers` in turn; sends need the current token. */
function line(reissueAnswers: (() => TransportResponse | Promise<TransportResponse>)[]) {
  const reissues: TransportRequest[] = [];
  let valid = 'ACCESS-1';
  const sends = { ok: 0, rejected: 0 };
  const transport: Transport = {
    async request(request) {
      if (request.url.endsWith('/v1/oauth/accessToken')) {
        reissues.push(request);
        const next = reissueAnswers[Math.min(reissues.length - 1, reissueAnswers.length - 1)]!;
        const response = await next();
        if (response.status === 200) valid = 'ACCESS-2';
        return response;
      }
      if (request.headers['X-Line-ChannelToken'] !== valid) {
        sends.rejected++;
        return answer(401, '{"statusCode":"401","statusMessage":"Authentication failed"}');
      }
      sends.ok++;
      return answer(200, '{"failed":[],"messageId":"1","timestamp":1,"version":1}');
    },
  };
  return { transport, reissues, sends, expire: () => (valid = 'ACCESS-2') };
}

const instant = { sleep: async () => undefined, random: () => 0 };

describe('the reissue goes through the transport with retries (issue 11, defect 5)', () => {
  it('one transient 500 of the reissue endpoint: retried, and none of 100 waiting sends fails', async () => {
    const fake = line([() => answer(500, '{"statusCode":"500","statusMessage":"unexpected error"}'), () => answer(200, newPair)]);
    const provider = createRefreshingToken({ accessToken: 'ACCESS-1', refreshToken: 'REFRESH-1', channelSecret: 'SECRET', transport: fake.transport, retry: instant, onRefresh: () => undefined });
    const client = createClient({ channelToken: provider, transport: fake.transport, retry: false });
    fake.expire(); // LINE has rotated the token away: every send gets 401, then waits for the one reissue
    const results = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => client.send(`u${i}`, text('x'))));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(fake.reissues).toHaveLength(2);
    expect(fake.sends.ok).toBe(100);
  });

  it('logs the retry and the rotation at debug level, exactly, and nothing else', async () => {
    const lines: string[] = [];
    const log = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
    const logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
    const fake = line([() => answer(500, '{"statusCode":"500","statusMessage":"unexpected error"}'), () => answer(200, newPair)]);
    const provider = createRefreshingToken({ accessToken: 'ACCESS-1', refreshToken: 'REFRESH-1', channelSecret: 'SECRET', expiresAt: 0, transport: fake.transport, retry: instant, logger, onRefresh: () => undefined });
    expect(await provider.getToken()).toBe('ACCESS-2');
    expect(lines).toEqual([
      'debug line-business-connect: POST /v1/oauth/accessToken attempt 1 of 3 failed (POST /v1/oauth/accessToken failed with 500 (LINE statusCode 500: unexpected error)); retrying in 0 ms.',
      'debug line-business-connect: reissued the channel access token (POST /v1/oauth/accessToken); it expires at 2030-03-17T17:46:40.000Z.',
    ]);
  });

  it('the reissue request is exact, through the given transport, under baseUrl with a path prefix', async () => {
    const fake = line([() => answer(200, newPair)]);
    const provider = createRefreshingToken({
      accessToken: 'ACCESS-1',
      refreshToken: 'REFRESH-1',
      channelSecret: 'SECRET',
      expiresAt: 0,
      baseUrl: 'https://proxy.example/line//',
      timeoutMs: 1234,
      transport: fake.transport,
      onRefresh: () => undefined,
    });
    expect(await provider.getToken()).toBe('ACCESS-2');
    expect(fake.reissues).toEqual([
      {
        method: 'POST',
        url: 'https://proxy.example/line/v1/oauth/accessToken',
        headers: { 'X-Line-ChannelToken': 'ACCESS-1', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'refreshToken=REFRESH-1&channelSecret=SECRET',
        timeoutMs: 1234,
        signal: undefined,
      },
    ]);
  });

  it('429 with Retry-After is retried after it; a Retry-After past the deadline is not', async () => {
    const waits: number[] = [];
    const retry = { random: () => 0, sleep: async (ms: number) => void waits.push(ms), deadlineMs: 10_000 };
    const fake = line([() => answer(429, '', { 'Retry-After': '2' }), () => answer(200, newPair)]);
    const provider = createRefreshingToken({ accessToken: 'ACCESS-1', refreshToken: 'REFRESH-1', channelSecret: 'SECRET', expiresAt: 0, transport: fake.transport, retry, onRefresh: () => undefined });
    expect(await provider.getToken()).toBe('ACCESS-2');
    expect(waits).toEqual([2000]);

    const late = line([() => answer(503, '', { 'Retry-After': '60' }), () => answer(200, newPair)]);
    const lateProvider = createRefreshingToken({ accessToken: 'ACCESS-1', refreshToken: 'REFRESH-1', channelSecret: 'SECRET', expiresAt: 0, transport: late.transport, retry, onRefresh: () => undefined });
    await expect(lateProvider.getToken()).rejects.toMatchObject({ name: 'ApiError', status: 503, endpoint: 'POST /v1/oauth/accessToken' });
    expect(late.reissues).toHaveLength(1);
  });

  it('an answer LINE sent with a 2xx is never repeated, even when its body cannot be read', async () => {
    const cut: TransportResponse = { ...answer(200, ''), text: () => Promise.reject(new TypeError('terminated: other side closed')) };
    const fake = line([() => cut, () => answer(200, newPair)]);
    const provider = createRefreshingToken({ accessToken: 'ACCESS-1', refreshToken: 'REFRESH-1', channelSecret: 'SECRET', expiresAt: 0, transport: fake.transport, retry: instant, onRefresh: () => undefined });
    const error = await provider.getToken().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 200, endpoint: 'POST /v1/oauth/accessToken' });
    expect((error as ApiError).statusMessage).toMatch(/^the answer could not be read; LINE may have issued a new pair/);
    expect(fake.reissues).toHaveLength(1);
  });

  it('a 401/411 is final: not retried', async () => {
    const fake = line([() => answer(401, '{"statusCode":"411","statusMessage":"TOKEN_INVALID_TOKEN"}')]);
    const provider = createRefreshingToken({ accessToken: 'ACCESS-1', refreshToken: 'REFRESH-1', channelSecret: 'SECRET', expiresAt: 0, transport: fake.transport, retry: instant, onRefresh: () => undefined });
    await expect(provider.getToken()).rejects.toMatchObject({ name: 'ApiError', status: 401, statusCode: '411' });
    expect(fake.reissues).toHaveLength(1);
  });

  it.each([
    ['timeoutMs: -1', { timeoutMs: -1 }, 'createRefreshingToken: timeoutMs must be a positive number, got -1.'],
    ['timeoutMs: NaN', { timeoutMs: Number.NaN }, 'createRefreshingToken: timeoutMs must be a positive number, got NaN.'],
    ['refreshAheadMs: -5', { refreshAheadMs: -5 }, 'createRefreshingToken: refreshAheadMs must be a finite number >= 0, got -5.'],
    ['refreshAheadMs: Infinity', { refreshAheadMs: Number.POSITIVE_INFINITY }, 'createRefreshingToken: refreshAheadMs must be a finite number >= 0, got Infinity.'],
    ['baseUrl without a scheme', { baseUrl: 'api.line.me' }, 'createRefreshingToken: baseUrl is not a valid absolute URL (e.g. https://api.line.me).'],
    ['baseUrl with a query', { baseUrl: 'https://api.line.me/?x=1' }, 'createRefreshingToken: baseUrl must not have a query or a fragment.'],
    ['bad retry', { retry: { maxAttempts: 0 } }, 'retry.maxAttempts must be an integer >= 1, got 0.'],
  ])('%s is refused at once with a LineError', (_name, bad, message) => {
    expect(() => createRefreshingToken({ accessToken: 'A', refreshToken: 'R', channelSecret: 'S', onRefresh: () => undefined, ...bad })).toThrow(new LineError(message));
  });

  it('refreshAheadMs: 0 is allowed (reissue only at expiry)', async () => {
    const fake = line([() => answer(200, newPair)]);
    let clock = 1_000;
    const provider = createRefreshingToken({ accessToken: 'ACCESS-1', refreshToken: 'REFRESH-1', channelSecret: 'SECRET', expiresAt: 2_000, refreshAheadMs: 0, now: () => clock, transport: fake.transport, onRefresh: () => undefined });
    expect(await provider.getToken()).toBe('ACCESS-1');
    clock = 2_000;
    expect(await provider.getToken()).toBe('ACCESS-2');
  });
});
