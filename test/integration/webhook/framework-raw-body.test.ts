// The framework recipes of docs/webhooks.md, run for real: the raw body reaches handleWebhookBody
// intact, and a JSON parser that re-serialises the body makes genuine deliveries fail (spec §2).
import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { SignatureError } from '../../../src/errors.js';
import { signBody } from '../../../src/signature/sign-body.js';
import { handleWebhookBody } from '../../../src/webhook/handle-webhook-body.js';
import { batchBody, channelSecret, rawItems } from '../../helpers/webhook-batch.js';

// Spacing and a \u escape that JSON.stringify(JSON.parse(body)) would not reproduce.
const body = batchBody(rawItems(3)).replace('"result":', '"result" : ').replace('hello 0', 'hello \\u0030');
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function listen(app: express.Express): Promise<string> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
}

async function post(url: string, signature: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=UTF-8', 'x-line-channelsignature': signature },
    body,
  });
  return { status: response.status, json: await response.json() };
}

describe('docs/webhooks.md framework recipes', () => {
  it('Express with express.raw: verifies and decodes', async () => {
    const app = express();
    app.post('/callback', express.raw({ type: 'application/json' }), async (req, res) => {
      try {
        const events = await handleWebhookBody(req.body as Buffer, req.get('x-line-channelsignature'), { channelSecret });
        res.status(200).json({ ok: true, count: events.length, text: events[0]?.type === 'message' && events[0].message.type === 'text' ? events[0].message.text : null });
      } catch (error) {
        res.status(error instanceof SignatureError ? 401 : 400).json({ error: 'rejected' });
      }
    });
    const url = await listen(app);
    expect(await post(url, await signBody(body, channelSecret))).toEqual({ status: 200, json: { ok: true, count: 3, text: 'hello 0 こんにちは' } });
    expect(await post(url, await signBody(body, 'other'))).toEqual({ status: 401, json: { error: 'rejected' } });
  });

  it('Express with express.json and re-serialising: a genuine delivery fails with mismatch', async () => {
    const app = express();
    app.post('/callback', express.json(), async (req, res) => {
      const error = await handleWebhookBody(JSON.stringify(req.body), req.get('x-line-channelsignature'), { channelSecret }).catch((caught: unknown) => caught);
      res.status(200).json({ reason: error instanceof SignatureError ? error.reason : 'accepted' });
    });
    const url = await listen(app);
    expect(await post(url, await signBody(body, channelSecret))).toEqual({ status: 200, json: { reason: 'mismatch' } });
  });

  it('Fastify with a buffer content type parser: verifies and decodes', async () => {
    const app = Fastify();
    closers.push(() => app.close());
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, raw, done) => done(null, raw));
    app.post('/callback', async (request, reply) => {
      const signature = request.headers['x-line-channelsignature'];
      const events = await handleWebhookBody(request.body as Buffer, typeof signature === 'string' ? signature : undefined, { channelSecret });
      return reply.send({ ok: true, count: events.length });
    });
    const response = await app.inject({
      method: 'POST',
      url: '/callback',
      headers: { 'content-type': 'application/json; charset=UTF-8', 'x-line-channelsignature': await signBody(body, channelSecret) },
      payload: body,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, count: 3 });
  });

  it('a body read with request.text() first still verifies through handleWebhookBody', async () => {
    const request = new Request('https://bot.example.com/api/line', {
      method: 'POST',
      headers: { 'x-line-channelsignature': await signBody(body, channelSecret) },
      body,
    });
    const text = await request.text();
    const events = await handleWebhookBody(text, request.headers.get('x-line-channelsignature'), { channelSecret });
    expect(events).toHaveLength(3);
  });
});
