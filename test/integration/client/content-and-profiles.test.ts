import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import { ApiError, LineError } from '../../../src/errors.js';
import { see, type SeenRequest } from './line-api-fake.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('getMessageContent', () => {
  it('streams: resolves before the body is complete, with type, length and the UTF-8 file name', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let finished = false;
    let seen: SeenRequest | undefined;
    server.use(
      http.get('https://api.line.me/v1/bot/message/:id/content', async ({ request }) => {
        seen = await see(request);
        const stream = new ReadableStream<Uint8Array>({
          async start(controller) {
            controller.enqueue(new Uint8Array([0xff, 0xd8, 0xff]));
            await released;
            controller.enqueue(new Uint8Array([0xd9]));
            finished = true;
            controller.close();
          },
        });
        return new HttpResponse(stream, {
          headers: { 'Content-Type': 'image/jpeg', 'Content-Length': '4', 'Content-Disposition': "attachment; filename=\"photo.jpg\"; filename*=UTF-8''%E5%86%99%E7%9C%9F.jpg" },
        });
      }),
    );
    const client = createClient({ channelToken: 'TOKEN-1' });
    const content = await client.getMessageContent('3254 /x');
    expect(finished).toBe(false);
    expect(seen?.path).toBe('/v1/bot/message/3254%20%2Fx/content');
    expect(seen?.headers['x-line-channeltoken']).toBe('TOKEN-1');
    expect(content.contentType).toBe('image/jpeg');
    expect(content.contentLength).toBe(4);
    expect(content.fileName).toBe('写真.jpg');
    release();
    const bytes = new Uint8Array(await new Response(content.body).arrayBuffer());
    expect([...bytes]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    expect(finished).toBe(true);
  });

  it('preview: GET …/content/preview; no Content-Disposition → no fileName', async () => {
    server.use(http.get('https://api.line.me/v1/bot/message/m1/content/preview', () => new HttpResponse('thumb', { headers: { 'Content-Type': 'image/jpeg' } })));
    const content = await createClient({ channelToken: 'T' }).getMessageContent('m1', { preview: true });
    expect(content.fileName).toBeUndefined();
    expect(await new Response(content.body).text()).toBe('thumb');
  });

  it('a JSON error → ApiError; an empty id → LineError without a request', async () => {
    server.use(http.get('https://api.line.me/v1/bot/message/gone/content', () => HttpResponse.json({ statusCode: '404', statusMessage: 'Not found' }, { status: 404 })));
    const client = createClient({ channelToken: 'T', retry: false });
    await expect(client.getMessageContent('gone')).rejects.toBeInstanceOf(ApiError);
    await expect(client.getMessageContent('')).rejects.toBeInstanceOf(LineError);
  });

  it('aborting the signal after it resolved cancels the body stream', async () => {
    server.use(
      http.get('https://api.line.me/v1/bot/message/m1/content', () =>
        new HttpResponse(new ReadableStream({ start: (c) => c.enqueue(new Uint8Array([1])) }), { headers: { 'Content-Type': 'video/mp4' } }),
      ),
    );
    const controller = new AbortController();
    const content = await createClient({ channelToken: 'T' }).getMessageContent('m1', { signal: controller.signal });
    const reader = content.body.getReader();
    expect((await reader.read()).value).toEqual(new Uint8Array([1]));
    const reason = new Error('enough');
    controller.abort(reason);
    await expect(reader.read()).rejects.toBe(reason);
  });
});

describe('getProfiles', () => {
  it('chunks by 150, de-duplicates, keeps literal commas, merges contacts', async () => {
    const seen: SeenRequest[] = [];
    server.use(
      http.get('https://api.line.me/v1/profiles', async ({ request }) => {
        seen.push(await see(request));
        const mids = new URL(request.url).searchParams.get('mids')!.split(',');
        return HttpResponse.json({
          contacts: mids.map((mid) => ({ displayName: `name ${mid}`, mid, pictureUrl: `https://obs.line-apps.com/${mid}`, ...(mid.endsWith('7') ? { statusMessage: 'hi' } : {}) })),
          count: mids.length,
          display: mids.length,
          start: 1,
          total: mids.length,
        });
      }),
    );
    const mids = Array.from({ length: 320 }, (_, i) => `u${i}`);
    const profiles = await createClient({ channelToken: 'T', concurrency: 1 }).getProfiles([...mids, 'u1', 'u2']);
    expect(seen.map((r) => r.search.split(',').length)).toEqual([150, 150, 20]);
    expect(seen[0]!.search.startsWith('?mids=u0,u1,u2,')).toBe(true);
    expect(seen.every((r) => r.method === 'GET' && r.path === '/v1/profiles' && r.headers['x-line-channeltoken'] === 'T')).toBe(true);
    expect(profiles.map((p) => p.mid)).toEqual(mids);
    expect(profiles[7]).toEqual({ mid: 'u7', displayName: 'name u7', pictureUrl: 'https://obs.line-apps.com/u7', statusMessage: 'hi' });
    expect(profiles[8]).toEqual({ mid: 'u8', displayName: 'name u8', pictureUrl: 'https://obs.line-apps.com/u8' });
  });

  it('maxProfilesPerRequest; no MID → no request', async () => {
    let calls = 0;
    server.use(
      http.get('https://api.line.me/v1/profiles', () => {
        calls++;
        return HttpResponse.json({ contacts: [] });
      }),
    );
    const client = createClient({ channelToken: 'T', maxProfilesPerRequest: 2 });
    expect(await client.getProfiles([])).toEqual([]);
    expect(calls).toBe(0);
    await client.getProfiles(['a', 'b', 'c']);
    expect(calls).toBe(2);
  });

  it('a 200 without contacts → ApiError', async () => {
    server.use(http.get('https://api.line.me/v1/profiles', () => new HttpResponse('<html>', { status: 200 })));
    await expect(createClient({ channelToken: 'T' }).getProfiles(['u1'])).rejects.toMatchObject({ name: 'ApiError', status: 200 });
  });
});

describe('leaveGroup / leaveRoom', () => {
  it('DELETE /v1/bot/group/leave/{mid} and /v1/bot/room/leave/{mid}', async () => {
    const seen: SeenRequest[] = [];
    server.use(
      http.delete('https://api.line.me/v1/bot/:kind/leave/:mid', async ({ request }) => {
        seen.push(await see(request));
        return HttpResponse.json({});
      }),
    );
    const client = createClient({ channelToken: 'T' });
    await client.leaveGroup('c1234');
    await client.leaveRoom('r 5');
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /v1/bot/group/leave/c1234', 'DELETE /v1/bot/room/leave/r%205']);
  });

  it('a 2xx whose body cannot be read still resolves (the bot left), with one request', async () => {
    let calls = 0;
    const fetch = async (): Promise<Response> => {
      calls++;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"par'));
          controller.error(new TypeError('terminated'));
        },
      });
      return new Response(body, { status: 200 });
    };
    const client = createClient({ channelToken: 'T', fetch });
    await expect(client.leaveGroup('c1')).resolves.toBeUndefined();
    await expect(client.leaveRoom('r1')).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });

  it.each([
    ['500', () => HttpResponse.json({ statusCode: '500', statusMessage: 'unexpected' }, { status: 500 })],
    ['502', () => new HttpResponse(null, { status: 502 })],
    ['a network error after connecting', () => HttpResponse.error()],
  ])('idempotent: retried after %s like a GET', async (_name, fail) => {
    let calls = 0;
    server.use(
      http.delete('https://api.line.me/v1/bot/room/leave/r1', () => {
        calls++;
        return calls === 1 ? fail() : HttpResponse.json({});
      }),
    );
    const retry = { sleep: () => Promise.resolve(), random: () => 0 };
    await expect(createClient({ channelToken: 'T', retry }).leaveRoom('r1')).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });

  it('an error → ApiError', async () => {
    server.use(http.delete('https://api.line.me/v1/bot/group/leave/c1', () => HttpResponse.json({ statusCode: '400', statusMessage: 'not a member' }, { status: 400 })));
    await expect(createClient({ channelToken: 'T' }).leaveGroup('c1')).rejects.toMatchObject({ name: 'ApiError', endpoint: 'DELETE /v1/bot/group/leave/c1' });
  });
});
