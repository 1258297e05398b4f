// Every example under examples/ runs here on Node against the BUILT package (it imports
// 'line-business-connect' and 'line-business-connect/node', which resolve to dist/ through package.json
// `exports`; `npm test` builds first). Servers listen on 127.0.0.1 and get real signed deliveries; the
// fetch-style examples (Hono, Next.js, Deno, Bun, Workers) are called with a signed Web Request.
// Deno, Bun and workerd themselves run these examples in the runtime matrix (test/runtimes/).
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { signBody } from '../../../src/signature/sign-body.js';
import { batchBytes, batchLog, channelSecret, close, deliver, listen, summary } from './helpers.js';

/** Imports an example by path; typed loosely because the .mjs examples carry no type declarations. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function example(path: string): Promise<any> {
  return import(/* @vite-ignore */ new URL(`../../../examples/${path}`, import.meta.url).href);
}

async function signedRequest(url = 'https://bot.example.com/callback', body: Uint8Array<ArrayBuffer> = batchBytes): Promise<Request> {
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=UTF-8', 'x-line-channelsignature': await signBody(body, channelSecret) },
    body,
  });
}

const accepted = { status: 200, type: null, body: null };
const rejected = {
  status: 401,
  type: 'application/json; charset=utf-8',
  body: { error: 'signature_mismatch', message: 'The X-LINE-ChannelSignature header does not match the body.' },
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function serve(server: Server): Promise<string> {
  cleanups.push(() => close(server));
  return listen(server);
}

describe('examples on Node servers', () => {
  it('node-http/server.mjs', async () => {
    const log: string[] = [];
    const { createWebhookServer } = await example('node-http/server.mjs');
    const url = await serve(createWebhookServer({ channelSecret, log: (line: string) => log.push(line) }));
    expect(await summary(await deliver(`${url}/callback`))).toEqual(accepted);
    expect(log).toEqual(batchLog);
    expect((await deliver(`${url}/elsewhere`)).status).toBe(404);
    expect(await summary(await deliver(`${url}/callback`, batchBytes, await signBody('x', channelSecret)))).toEqual(rejected);
    expect(log).toEqual(batchLog);
  });

  it('express/server.mjs (webhook before express.json(), JSON routes still parsed)', async () => {
    const log: string[] = [];
    const { createApp } = await example('express/server.mjs');
    const url = await serve(createApp({ channelSecret, log: (line: string) => log.push(line) }).listen(0, '127.0.0.1'));
    expect(await summary(await deliver(`${url}/callback`))).toEqual(accepted);
    expect(log).toEqual(batchLog);
    const echo = await fetch(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":[1]}' });
    expect(await echo.json()).toEqual({ a: [1] });
  });

  it('fastify/server.mjs (buffer parser scoped to the webhook)', async () => {
    const log: string[] = [];
    const { createApp } = await example('fastify/server.mjs');
    const app = createApp({ channelSecret, log: (line: string) => log.push(line) });
    cleanups.push(() => app.close());
    const url: string = await app.listen({ port: 0, host: '127.0.0.1' });
    expect(await summary(await deliver(`${url}/callback`))).toEqual(accepted);
    expect(log).toEqual(batchLog);
    expect(await summary(await deliver(`${url}/callback`, batchBytes, await signBody('x', channelSecret)))).toEqual(rejected);
    const echo = await fetch(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":[1]}' });
    expect(await echo.json()).toEqual({ a: [1] });
  });
});

describe('fetch-style examples called with a signed Request', () => {
  it('hono/app.ts without an ExecutionContext (Node): processes, then answers', async () => {
    const log: string[] = [];
    const { createApp } = await example('hono/app.ts');
    const app = createApp({ channelSecret, log: (line: string) => log.push(line) });
    expect(await summary(await app.fetch(await signedRequest()))).toEqual(accepted);
    expect(log).toEqual(batchLog);
    expect((await app.fetch(new Request('https://bot.example.com/callback'))).status).toBe(404);
  });

  it('hono/app.ts with a Workers ExecutionContext: answers first, finishes under waitUntil; secret from env', async () => {
    const log: string[] = [];
    const { createApp } = await example('hono/app.ts');
    const app = createApp({ log: (line: string) => log.push(line) });
    const pending: Promise<unknown>[] = [];
    const ctx = { waitUntil: (promise: Promise<unknown>) => void pending.push(promise), passThroughOnException() {}, props: {} };
    const response = await app.fetch(await signedRequest(), { LINE_CHANNEL_SECRET: channelSecret }, ctx);
    expect(await summary(response)).toEqual(accepted);
    expect(pending).toHaveLength(1);
    await Promise.all(pending);
    expect(log).toEqual(batchLog);
  });

  it('nextjs/route.ts POST(request), secret from process.env', async () => {
    const previous = process.env.LINE_CHANNEL_SECRET;
    process.env.LINE_CHANNEL_SECRET = channelSecret;
    try {
      const { POST } = await example('nextjs/route.ts');
      expect(await summary(await POST(await signedRequest()))).toEqual(accepted);
      expect(await summary(await POST(await signedRequest('https://bot.example.com/callback', new TextEncoder().encode('{"result":[]}'))))).toEqual(accepted);
      const tampered = new Request('https://bot.example.com/callback', { method: 'POST', headers: { 'x-line-channelsignature': await signBody('x', channelSecret) }, body: batchBytes });
      expect(await summary(await POST(tampered))).toEqual(rejected);
    } finally {
      if (previous === undefined) delete process.env.LINE_CHANNEL_SECRET;
      else process.env.LINE_CHANNEL_SECRET = previous;
    }
  });

  it.each(['deno/main.ts', 'bun/server.ts'])('%s createHandler (imported without serving)', async (path) => {
    const log: string[] = [];
    const { createHandler } = await example(path);
    const handler = createHandler({ channelSecret, log: (line: string) => log.push(line) });
    expect(await summary(await handler(await signedRequest()))).toEqual(accepted);
    expect(log).toEqual(batchLog);
    expect((await handler(new Request('https://bot.example.com/other', { method: 'POST' }))).status).toBe(404);
  });

  it('cloudflare-worker/worker.mjs: secret from env, answers first, work under ctx.waitUntil', async () => {
    const { default: worker } = await example('cloudflare-worker/worker.mjs');
    const pending: Promise<unknown>[] = [];
    const ctx = { waitUntil: (promise: Promise<unknown>) => void pending.push(promise) };
    const env = { LINE_CHANNEL_SECRET: channelSecret };
    const logged: unknown[][] = [];
    const original = console.log;
    console.log = (...args: unknown[]) => void logged.push(args);
    try {
      expect(await summary(await worker.fetch(await signedRequest(), env, ctx))).toEqual(accepted);
      expect(pending).toHaveLength(1);
      await Promise.all(pending);
    } finally {
      console.log = original;
    }
    expect(logged).toEqual(batchLog.map((line) => [line]));
    expect((await worker.fetch(new Request('https://bot.example.com/'), env, ctx)).status).toBe(404);
  });
});
