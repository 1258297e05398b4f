// issue 11, defect 3: the REST client never follows a redirect. A 3xx from "LINE" pointing at another
// origin must not carry the channel token, the Trial secret or the reissue form there, and is a failure.
// Real servers on 127.0.0.1 and the runtime's own fetch: the redirect handling is fetch's.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import { createRefreshingToken } from '../../../src/client/create-refreshing-token.js';
import { ApiError, SendError } from '../../../src/errors.js';
import { text } from '../../../src/messages/text.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

async function listen(handler: (seen: Seen) => { status: number; headers?: Record<string, string>; body?: string }) {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const entry = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
      seen.push(entry);
      const answer = handler(entry);
      response.writeHead(answer.status, answer.headers ?? {});
      response.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, origin, seen };
}

let elsewhere: Awaited<ReturnType<typeof listen>>;
let line: Awaited<ReturnType<typeof listen>>;
const servers: Server[] = [];

beforeAll(async () => {
  // The other origin answers like LINE would, so a client that follows the redirect "succeeds" there.
  elsewhere = await listen((seen) =>
    seen.url.endsWith('/v1/oauth/accessToken')
      ? { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"accessToken":"EVIL-ACCESS","refreshToken":"EVIL-REFRESH","expire":1900000000000}' }
      : { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"failed":[],"messageId":"1","timestamp":1,"version":1}' },
  );
  line = await listen((seen) => ({ status: 307, headers: { Location: `${elsewhere.origin}${seen.url}` } }));
  servers.push(elsewhere.server, line.server);
});
afterEach(() => {
  elsewhere.seen.length = 0;
  line.seen.length = 0;
});
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('a 307 to another origin (issue 11, defect 3)', () => {
  it('Business Connect send: no token reaches the other origin; the send fails with ApiError 307', async () => {
    const client = createClient({ channelToken: 'SECRET-TOKEN-307', baseUrl: line.origin, retry: false });
    const error = await client.send('u1', text('hello')).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(SendError);
    const { result } = error as SendError;
    expect(result).toMatchObject({ ok: false, recipients: 1, sent: 0, failed: 1 });
    const failure = result.failures[0]!;
    expect(failure.recipients).toEqual(['u1']);
    expect(failure.error).toBeInstanceOf(ApiError);
    expect(failure.error).toMatchObject({ status: 307, endpoint: 'POST /v1/events' });
    expect(failure.error.message).toBe(
      'POST /v1/events failed with 307. LINE\'s API does not redirect: the answer came from something else at baseUrl (a proxy, a captive portal, a wrong host); the request was not repeated there.',
    );
    expect(line.seen).toHaveLength(1);
    expect(line.seen[0]!.headers['x-line-channeltoken']).toBe('SECRET-TOKEN-307');
    expect(elsewhere.seen).toEqual([]);
  });

  it('BOT API Trial send: the channel secret does not reach the other origin', async () => {
    const client = createClient({ trial: { channelId: '1441301333', channelSecret: 'TRIAL-SECRET-307', channelMid: 'u9' }, baseUrl: line.origin, retry: false });
    const error = (await client.send('u1', text('hello')).then(() => undefined, (e: unknown) => e)) as SendError;
    expect(error.result.failures[0]!.error).toMatchObject({ name: 'ApiError', status: 307 });
    expect(line.seen[0]!.headers['x-line-channelsecret']).toBe('TRIAL-SECRET-307');
    expect(elsewhere.seen).toEqual([]);
  });

  it('token reissue: the refresh token and channel secret do not reach the other origin, the other token is not adopted', async () => {
    const provider = createRefreshingToken({
      accessToken: 'ACCESS-307',
      refreshToken: 'REFRESH-307',
      channelSecret: 'CHANNEL-SECRET-307',
      expiresAt: 0,
      baseUrl: line.origin,
      onRefresh: () => undefined,
    });
    const error = await provider.getToken().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 307, endpoint: 'POST /v1/oauth/accessToken' });
    expect(line.seen).toHaveLength(1);
    expect(line.seen[0]!.body).toBe('refreshToken=REFRESH-307&channelSecret=CHANNEL-SECRET-307');
    expect(elsewhere.seen).toEqual([]);
  });

  it('GET endpoints do not follow either', async () => {
    const client = createClient({ channelToken: 'SECRET-TOKEN-307', baseUrl: line.origin, retry: false });
    await expect(client.getProfiles(['u1'])).rejects.toMatchObject({ name: 'ApiError', status: 307, endpoint: 'GET /v1/profiles' });
    await expect(client.getMessageContent('m1')).rejects.toMatchObject({ name: 'ApiError', status: 307 });
    expect(elsewhere.seen).toEqual([]);
  });
});
