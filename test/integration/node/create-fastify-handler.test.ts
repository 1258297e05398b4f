import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { LineError } from '../../../src/errors.js';
import type { LineEvent } from '../../../src/events/line-event.js';
import { createFastifyHandler } from '../../../src/node/create-fastify-handler.js';
import { signBody } from '../../../src/signature/sign-body.js';
import { batchBytes, channelSecret, deliver, summary } from './helpers.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function start(app: FastifyInstance): Promise<string> {
  apps.push(app);
  return app.listen({ port: 0, host: '127.0.0.1' });
}

function recording() {
  const events: LineEvent[] = [];
  const errors: unknown[] = [];
  const handler = createFastifyHandler({
    channelSecret,
    onEvents: (batch) => {
      events.push(...batch);
    },
    onError: (error) => {
      errors.push(error);
    },
  });
  return { handler, events, errors };
}

describe('createFastifyHandler', () => {
  it('accepts a signed delivery with the buffer parser in the webhook scope; other routes keep JSON', async () => {
    const { handler, events } = recording();
    const app = Fastify();
    await app.register(async (scope) => {
      scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      scope.post('/callback', handler);
      scope.get('/callback', handler);
    });
    app.post('/other', async (request) => ({ parsed: request.body }));
    const url = await start(app);

    expect(await summary(await deliver(`${url}/callback`))).toEqual({ status: 200, type: null, body: null });
    expect(events.map((event) => event.type)).toEqual(['message', 'operation']);

    const tampered = await deliver(`${url}/callback`, batchBytes, await signBody('x', channelSecret));
    expect(await summary(tampered)).toEqual({
      status: 401,
      type: 'application/json; charset=utf-8',
      body: { error: 'signature_mismatch', message: 'The X-LINE-ChannelSignature header does not match the body.' },
    });

    const get = await fetch(`${url}/callback`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');

    const other = await fetch(`${url}/other`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(await other.json()).toEqual({ parsed: { a: 1 } });
  });

  it('answers 500 body_already_parsed naming the Fastify fix without the buffer parser', async () => {
    const { handler, events, errors } = recording();
    const app = Fastify();
    app.post('/callback', handler);
    const url = await start(app);
    const message =
      "The request body was already parsed into an object, so the raw bytes the signature covers are gone. With Fastify, register fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => done(null, body)) in the scope of the webhook route.";
    expect(await summary(await deliver(`${url}/callback`))).toEqual({
      status: 500,
      type: 'application/json; charset=utf-8',
      body: { error: 'body_already_parsed', message },
    });
    expect(events).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(LineError);
  });

  it('answers 413 past maxBodyBytes', async () => {
    const handler = createFastifyHandler({ channelSecret, maxBodyBytes: 100 });
    const app = Fastify();
    await app.register(async (scope) => {
      scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      scope.post('/callback', handler);
    });
    const url = await start(app);
    expect(await summary(await deliver(`${url}/callback`))).toEqual({
      status: 413,
      type: 'application/json; charset=utf-8',
      body: { error: 'payload_too_large', message: 'The body is larger than 100 bytes.' },
    });
  });

  it('uses request.rawBody kept by a parser that also parses JSON (fastify-raw-body style)', async () => {
    const { handler, events } = recording();
    const app = Fastify();
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
      Object.assign(request, { rawBody: body });
      done(null, JSON.parse((body as Buffer).toString('utf8')) as unknown);
    });
    app.post('/callback', handler);
    const url = await start(app);
    expect((await deliver(`${url}/callback`)).status).toBe(200);
    expect(events).toHaveLength(2);
    expect((await deliver(`${url}/callback`, batchBytes, await signBody('x', channelSecret))).status).toBe(401);
  });
});
