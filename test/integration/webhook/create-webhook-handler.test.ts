import { afterEach, describe, expect, it, vi } from 'vitest';
import { DecodeError, LineError, PayloadTooLargeError, SignatureError } from '../../../src/errors.js';
import type { LineEvent } from '../../../src/events/line-event.js';
import { signBody } from '../../../src/signature/sign-body.js';
import { createWebhookHandler } from '../../../src/webhook/create-webhook-handler.js';
import type { DedupeStore, WebhookErrorContext, WebhookHandlerOptions } from '../../../src/webhook/webhook-handler-options.js';
import { batchBody, channelSecret, malformedItem, type RawItem, rawItems, signedRequest, unknownItem } from '../../helpers/webhook-batch.js';

const jsonType = 'application/json; charset=utf-8';

function label(event: LineEvent): string {
  if (event.type === 'message') return `${event.id}/message:${event.message.type}`;
  if (event.type === 'operation') return `${event.id}/operation:${event.operation.type}`;
  return `${event.id ?? '?'}/unknown`;
}

/** Options whose callbacks append to `log`, in call order. */
function recording(log: string[], extra: Partial<WebhookHandlerOptions> = {}): WebhookHandlerOptions {
  return {
    channelSecret,
    onEvents: (events) => void log.push(`batch(${events.length})`),
    onMessage: (event) => void log.push(`onMessage ${label(event)}`),
    onOperation: (event) => void log.push(`onOperation ${label(event)}`),
    onAddedAsFriend: (event) => void log.push(`onAddedAsFriend ${label(event)}`),
    onBlocked: (event) => void log.push(`onBlocked ${label(event)}`),
    onUnknown: (event) => void log.push(`onUnknown ${label(event)}`),
    onError: (error, context) => void log.push(`onError ${context.phase} ${(error as Error).name}`),
    ...extra,
  };
}

/** The callback lines one raw item should produce, from the kind the helper says it is (not from the decoder). */
function expectedLines({ kind, item }: RawItem): string[] {
  const name = `${String(item.id)}/${kind}`;
  if (kind.startsWith('message:')) return [`onMessage ${name}`];
  if (kind === 'unknown') return [`onUnknown ${name}`];
  const specific = kind === 'operation:addedAsFriend' ? 'onAddedAsFriend' : kind === 'operation:blocked' ? 'onBlocked' : undefined;
  return [...(specific ? [`${specific} ${name}`] : []), `onOperation ${name}`];
}

async function expectJson(response: Response, status: number, body: unknown): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe(jsonType);
  expect(await response.json()).toEqual(body);
}

/** An accepted delivery: 200 with no body (LINE reads only the status). */
async function expectAccepted(response: Response): Promise<void> {
  expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([200, null, '']);
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createWebhookHandler: accepted deliveries', () => {
  it('runs every callback of a signed 100-event batch of every kind, in event order, then answers 200', async () => {
    const log: string[] = [];
    const items = rawItems(100);
    const response = await createWebhookHandler(recording(log))(await signedRequest(batchBody(items)));
    await expectAccepted(response);
    expect(log).toEqual(['batch(100)', ...items.flatMap(expectedLines)]);
    expect(log.filter((line) => line.startsWith('onBlocked'))).toHaveLength(7); // 100 = 7 × 13 kinds + 9
    expect(log.filter((line) => line.startsWith('onAddedAsFriend'))).toHaveLength(8);
    expect(log.filter((line) => line.startsWith('onMessage'))).toHaveLength(64);
    expect(log.filter((line) => line.startsWith('onOperation'))).toHaveLength(36);
  });

  it('gives typed events to each callback', async () => {
    const seen: string[] = [];
    const handler = createWebhookHandler({
      channelSecret,
      onMessage: (event) => void seen.push(event.message.type === 'text' ? `text:${event.message.text}` : event.message.type),
      onBlocked: (event) => void seen.push(`blocked:${event.operation.mid}`),
    });
    const items = [rawItems(1)[0]!, rawItems(10)[9]!];
    await expectAccepted(await handler(await signedRequest(batchBody(items))));
    expect(seen).toEqual(['text:hello 0 こんにちは', `blocked:u${(9).toString(16).padStart(32, 'b')}`]);
  });

  it('a block with createdTime as a string and a numeric param still reaches onBlocked (FAQ: a legal duty)', async () => {
    const seen: unknown[] = [];
    const handler = createWebhookHandler({ channelSecret, onBlocked: (event) => void seen.push(event), onUnknown: (event) => void seen.push(event) });
    const item = {
      from: 'u206d25c2ea6bd87c17655609a1c37cb8',
      fromChannel: 1341301815,
      to: ['u0cc15697597f61dd8b01cea8b027050e'],
      toChannel: 1441301333,
      eventType: '138311609100106403',
      id: 'WB1-1',
      createdTime: '1700000000000',
      content: { revision: 9, opType: 8, params: ['uBlocker', 5, null] },
    };
    await expectAccepted(await handler(await signedRequest(JSON.stringify({ result: [item] }))));
    expect(seen).toEqual([
      {
        type: 'operation',
        id: 'WB1-1',
        channelId: '1441301333',
        createdTime: 1700000000000,
        operation: { type: 'blocked', opType: 8, revision: 9, mid: 'uBlocker', params: ['uBlocker', '5', null] },
      },
    ]);
  });

  it('passes an unknown and a malformed item to onUnknown and every good one to its callback, in order', async () => {
    const log: string[] = [];
    const items = [rawItems(2)[0]!, unknownItem(1), rawItems(10)[9]!, malformedItem(3), rawItems(9)[8]!];
    const response = await createWebhookHandler(recording(log))(await signedRequest(batchBody(items)));
    await expectAccepted(response);
    expect(log).toEqual([
      'batch(5)',
      'onMessage WB1000-3426467455/message:text',
      'onUnknown WB1001-3426467456/unknown',
      'onBlocked WB1009-3426467464/operation:blocked',
      'onOperation WB1009-3426467464/operation:blocked',
      'onUnknown WB1003-3426467458/unknown',
      'onAddedAsFriend WB1008-3426467463/operation:addedAsFriend',
      'onOperation WB1008-3426467463/operation:addedAsFriend',
    ]);
  });

  it.each(['X-LINE-ChannelSignature', 'x-line-channelsignature', 'X-LINE-CHANNELSIGNATURE'])('accepts the header spelled %s', async (headerName) => {
    const response = await createWebhookHandler({ channelSecret })(await signedRequest(batchBody(rawItems(1)), { headerName }));
    await expectAccepted(response);
  });

  it('accepts both secrets while rotating', async () => {
    const handler = createWebhookHandler({ channelSecret: ['new-secret', 'old-secret'] });
    for (const secret of ['old-secret', 'new-secret']) {
      await expectAccepted(await handler(await signedRequest(batchBody(rawItems(1)), { secret })));
    }
    await expectJson(await handler(await signedRequest(batchBody(rawItems(1)), { secret: 'older-secret' })), 401, {
      error: 'signature_mismatch',
      message: 'The X-LINE-ChannelSignature header does not match the body.',
    });
  });

  it('answers 200 to an empty result array without calling onEvents', async () => {
    const log: string[] = [];
    await expectAccepted(await createWebhookHandler(recording(log))(await signedRequest('{"result":[]}')));
    expect(log).toEqual([]);
  });
});

describe('createWebhookHandler: rejected deliveries', () => {
  it.each(['GET', 'PUT', 'HEAD', 'OPTIONS'])('answers %s with 405 and Allow: POST, without calling anything', async (method) => {
    const log: string[] = [];
    const response = await createWebhookHandler(recording(log))(new Request('https://bot.example.com/callback', { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.headers.get('content-type')).toBe(jsonType);
    if (method !== 'HEAD') {
      expect(await response.json()).toEqual({ error: 'method_not_allowed', message: 'LINE delivers events with POST; other methods are not allowed.' });
    }
    expect(log).toEqual([]);
  });

  it('answers 401 signature_missing without the header and reports it to onError', async () => {
    const errors: [unknown, WebhookErrorContext][] = [];
    const log: string[] = [];
    const handler = createWebhookHandler(recording(log, { onError: (error, context) => void errors.push([error, context]) }));
    const request = await signedRequest(batchBody(rawItems(2)), { signature: null });
    await expectJson(await handler(request), 401, {
      error: 'signature_missing',
      message: 'The X-LINE-ChannelSignature header is missing or empty.',
    });
    expect(log).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]![0]).toBeInstanceOf(SignatureError);
    expect(errors[0]![1]).toMatchObject({ phase: 'request', request, context: undefined });
  });

  it('answers 401 signature_mismatch for the wrong secret, without echoing the secret or the body', async () => {
    const log: string[] = [];
    const body = batchBody(rawItems(2));
    const response = await createWebhookHandler(recording(log))(await signedRequest(body, { secret: 'wrong-secret' }));
    const text = await response.clone().text();
    await expectJson(response, 401, { error: 'signature_mismatch', message: 'The X-LINE-ChannelSignature header does not match the body.' });
    expect(text).not.toContain(channelSecret);
    expect(text).not.toContain('wrong-secret');
    expect(text).not.toContain('WB1000');
    expect(log).toEqual(['onError request SignatureError']);
  });

  it('answers 401 for a body signed then re-serialised with JSON.stringify(JSON.parse(body), null, 2)', async () => {
    const body = batchBody(rawItems(3));
    const signature = await signBody(body, channelSecret);
    const request = await signedRequest(JSON.stringify(JSON.parse(body), null, 2), { signature });
    await expectJson(await createWebhookHandler({ channelSecret })(request), 401, {
      error: 'signature_mismatch',
      message: 'The X-LINE-ChannelSignature header does not match the body.',
    });
  });

  it.each([
    ['invalid JSON', '{"result":[{"id":"sneaky-body-text"', 'invalid_json', 'The body is not valid UTF-8 JSON.'],
    ['an empty body', '', 'invalid_json', 'The body is not valid UTF-8 JSON.'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]), 'invalid_json', 'The body is not valid UTF-8 JSON.'],
    ['{"result":{}}', '{"result":{}}', 'invalid_envelope', 'The body is not the {"result":[...]} envelope LINE sends.'],
    ['a bare array', '[{"id":"x"}]', 'invalid_envelope', 'The body is not the {"result":[...]} envelope LINE sends.'],
  ] as const)('answers 400 for %s', async (_label, body, error, message) => {
    const log: string[] = [];
    const response = await createWebhookHandler(recording(log))(await signedRequest(body));
    await expectJson(response, 400, { error, message });
    expect(log).toEqual(['onError request DecodeError']);
  });

  it('answers 413 to a streamed body past maxBodyBytes after pulling only a little more than the limit', async () => {
    const chunkBytes = 16 * 1024;
    const maxBodyBytes = 256 * 1024;
    const wouldBeChunks = (100 * 1024 * 1024) / chunkBytes;
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled === wouldBeChunks) return controller.close();
        pulled++;
        controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
      },
    });
    const request = new Request('https://bot.example.com/callback', {
      method: 'POST',
      headers: { 'x-line-channelsignature': await signBody('anything', channelSecret) },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const errors: unknown[] = [];
    const response = await createWebhookHandler({ channelSecret, maxBodyBytes, onError: (error) => void errors.push(error) })(request);
    await expectJson(response, 413, { error: 'payload_too_large', message: `The body is larger than ${maxBodyBytes} bytes.` });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pulled).toBeGreaterThan(maxBodyBytes / chunkBytes);
    expect(pulled).toBeLessThanOrEqual(maxBodyBytes / chunkBytes + 2);
    expect(errors[0]).toBeInstanceOf(PayloadTooLargeError);
  });

  it('answers 413 at once for a Content-Length past the default 1 MiB', async () => {
    const request = await signedRequest('{"result":[]}');
    const big = new Request(request, { headers: { ...Object.fromEntries(request.headers), 'content-length': String(1024 * 1024 + 1) } });
    await expectJson(await createWebhookHandler({ channelSecret })(big), 413, {
      error: 'payload_too_large',
      message: 'The body is larger than 1048576 bytes.',
    });
  });

  it('answers 500 internal_error when the body was already consumed', async () => {
    const request = await signedRequest(batchBody(rawItems(1)));
    await request.text();
    const errors: unknown[] = [];
    const response = await createWebhookHandler({ channelSecret, onError: (error) => void errors.push(error) })(request);
    await expectJson(response, 500, { error: 'internal_error', message: 'The webhook handler failed unexpectedly.' });
    expect(errors[0]).toBeInstanceOf(LineError);
    expect(errors[0]).not.toBeInstanceOf(DecodeError);
  });
});

describe('createWebhookHandler: when to answer', () => {
  it("respond 'first' with waitUntil: answers 200 before the callbacks finish, which then run one at a time in order", async () => {
    const log: string[] = [];
    const gate = deferred();
    const pending: Promise<unknown>[] = [];
    const handler = createWebhookHandler({
      channelSecret,
      respond: 'first',
      onMessage: async (event) => {
        log.push(`start ${event.message.type}`);
        if (event.message.type === 'text') await gate.promise;
        log.push(`end ${event.message.type}`);
      },
      onBlocked: () => void log.push('block'),
    });
    const items = [rawItems(1)[0]!, rawItems(2)[1]!, rawItems(10)[9]!];
    const response = await handler(await signedRequest(batchBody(items)), { waitUntil: (promise) => void pending.push(promise) });
    log.push('responded');
    await expectAccepted(response);
    expect(pending).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log).toEqual(['start text', 'responded']);
    gate.resolve();
    await Promise.all(pending);
    expect(log).toEqual(['start text', 'responded', 'end text', 'start image', 'end image', 'block']);
  });

  it("respond 'auto' uses waitUntil when the runtime gives one, calling it as a method of the context", async () => {
    class ExecutionContextLike {
      readonly #promises: Promise<unknown>[] = [];
      waitUntil(promise: Promise<unknown>): void {
        this.#promises.push(promise); // throws if called unbound
      }
      get promises(): Promise<unknown>[] {
        return this.#promises;
      }
    }
    const gate = deferred();
    let done = false;
    const handler = createWebhookHandler<ExecutionContextLike>({
      channelSecret,
      onMessage: async (_event, { context }) => {
        expect(context).toBeInstanceOf(ExecutionContextLike);
        await gate.promise;
        done = true;
      },
    });
    const context = new ExecutionContextLike();
    await expectAccepted(await handler(await signedRequest(batchBody(rawItems(1))), context));
    expect(done).toBe(false);
    expect(context.promises).toHaveLength(1);
    gate.resolve();
    await context.promises[0];
    expect(done).toBe(true);
  });

  it("respond 'auto' without waitUntil processes every event before answering", async () => {
    const log: string[] = [];
    const handler = createWebhookHandler({
      channelSecret,
      onMessage: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push(event.message.type);
      },
    });
    const response = await handler(await signedRequest(batchBody(rawItems(3))), {});
    log.push('responded');
    expect(response.status).toBe(200);
    expect(log).toEqual(['text', 'image', 'video', 'responded']);
  });

  it("respond 'after-processing' ignores waitUntil and waits", async () => {
    const pending: Promise<unknown>[] = [];
    const log: string[] = [];
    const handler = createWebhookHandler({ channelSecret, respond: 'after-processing', onMessage: async () => void log.push('handled') });
    const response = await handler(await signedRequest(batchBody(rawItems(1))), { waitUntil: (promise) => void pending.push(promise) });
    expect(response.status).toBe(200);
    expect(pending).toEqual([]);
    expect(log).toEqual(['handled']);
  });

  it("respond 'first' without waitUntil still answers first and processes detached", async () => {
    const gate = deferred();
    const finished = deferred();
    const handler = createWebhookHandler({
      channelSecret,
      respond: 'first',
      onMessage: async () => {
        await gate.promise;
        finished.resolve();
      },
    });
    const response = await handler(await signedRequest(batchBody(rawItems(1))));
    expect(response.status).toBe(200);
    gate.resolve();
    await finished.promise;
  });
});

describe('createWebhookHandler: failing callbacks', () => {
  it('goes on with the other events when a callback throws, reports it with the event, and answers 500 after processing', async () => {
    const log: string[] = [];
    const errors: [unknown, WebhookErrorContext][] = [];
    const boom = new Error('database down');
    const handler = createWebhookHandler(
      recording(log, {
        onMessage: (event) => {
          if (event.message.type === 'image') throw boom;
          log.push(`onMessage ${label(event)}`);
        },
        onError: (error, context) => void errors.push([error, context]),
      }),
    );
    const items = rawItems(3);
    const response = await handler(await signedRequest(batchBody(items)));
    await expectJson(response, 500, { error: 'processing_failed', message: 'Processing of at least one event failed.' });
    expect(log).toEqual(['batch(3)', 'onMessage WB1000-3426467455/message:text', 'onMessage WB1002-3426467457/message:video']);
    expect(errors).toHaveLength(1);
    expect(errors[0]![0]).toBe(boom);
    expect(errors[0]![1].phase).toBe('callback');
    expect(errors[0]![1].event).toMatchObject({ id: 'WB1001-3426467456', message: { type: 'image' } });
  });

  it('still runs onBlocked and onOperation when another callback of the batch rejects, and answers 200 when responding first', async () => {
    const log: string[] = [];
    const pending: Promise<unknown>[] = [];
    const handler = createWebhookHandler(
      recording(log, {
        onEvents: () => Promise.reject(new TypeError('batch hook failed')),
        onMessage: () => Promise.reject(new RangeError('message hook failed')),
      }),
    );
    const items = [rawItems(1)[0]!, rawItems(10)[9]!];
    const response = await handler(await signedRequest(batchBody(items)), { waitUntil: (promise) => void pending.push(promise) });
    await expectAccepted(response);
    await Promise.all(pending);
    expect(log).toEqual([
      'onError callback TypeError',
      'onError callback RangeError',
      'onBlocked WB1009-3426467464/operation:blocked',
      'onOperation WB1009-3426467464/operation:blocked',
    ]);
  });

  it('ignores an onError that throws', async () => {
    const log: string[] = [];
    const handler = createWebhookHandler({
      channelSecret,
      onMessage: (event) => {
        if (event.message.type === 'text') throw new Error('first fails');
        log.push(event.message.type);
      },
      onError: () => {
        throw new Error('logger broken');
      },
    });
    const response = await handler(await signedRequest(batchBody(rawItems(2))));
    expect(response.status).toBe(500);
    expect(log).toEqual(['image']);
  });

  it('logs callback errors and unexpected 500s with console.error when there is no onError, and stays quiet about 4xx rejections', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failure = new Error('callback failed');
    const handler = createWebhookHandler({
      channelSecret,
      onMessage: () => {
        throw failure;
      },
    });
    expect((await handler(await signedRequest(batchBody(rawItems(1))))).status).toBe(500);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]).toEqual(['[line-business-connect] webhook callback failed:', failure]);
    expect((await handler(await signedRequest(batchBody(rawItems(1)), { secret: 'bad' }))).status).toBe(401);
    expect((await handler(await signedRequest('not json'))).status).toBe(400);
    expect(spy).toHaveBeenCalledTimes(1);
    const consumed = await signedRequest(batchBody(rawItems(1)));
    await consumed.arrayBuffer();
    expect((await handler(consumed)).status).toBe(500);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(spy.mock.calls[1]![0]).toBe('[line-business-connect] webhook request failed:');
    expect(spy.mock.calls[1]![1]).toBeInstanceOf(LineError);
  });
});

describe('createWebhookHandler: dedupe', () => {
  function setStore(): DedupeStore & { keys: Set<string> } {
    const keys = new Set<string>();
    return { keys, has: (key) => keys.has(key), add: (key) => void keys.add(key) };
  }

  it('does not call callbacks again for a second delivery of the same batch', async () => {
    const log: string[] = [];
    const dedupe = setStore();
    const handler = createWebhookHandler(recording(log, { dedupe }));
    const body = batchBody([...rawItems(3), unknownItem(3)]);
    await expectAccepted(await handler(await signedRequest(body)));
    expect(log).toHaveLength(5);
    expect([...dedupe.keys]).toEqual(['WB1000-3426467455:m:4000000', 'WB1001-3426467456:m:4000001', 'WB1002-3426467457:m:4000002']);
    log.length = 0;
    await expectAccepted(await handler(await signedRequest(body)));
    // Unknown events have no reliable key: they are passed on again.
    expect(log).toEqual(['batch(1)', 'onUnknown WB1003-3426467458/unknown']);
  });

  it('is off by default: a second delivery runs the callbacks again', async () => {
    const log: string[] = [];
    const handler = createWebhookHandler(recording(log));
    const body = batchBody(rawItems(1));
    await handler(await signedRequest(body));
    await handler(await signedRequest(body));
    expect(log).toEqual(['batch(1)', 'onMessage WB1000-3426467455/message:text', 'batch(1)', 'onMessage WB1000-3426467455/message:text']);
  });

  it('skips a repeat inside one batch but keeps events that only share the event id', async () => {
    const log: string[] = [];
    const [text, image] = rawItems(2);
    const sameIdImage = { ...image!, item: { ...image!.item, id: text!.item.id } };
    const handler = createWebhookHandler(recording(log, { dedupe: setStore() }));
    await handler(await signedRequest(batchBody([text!, sameIdImage, text!])));
    expect(log).toEqual(['batch(2)', 'onMessage WB1000-3426467455/message:text', 'onMessage WB1000-3426467455/message:image']);
  });

  it('remembers only events whose callbacks succeeded, so a redelivery retries the failed one', async () => {
    const dedupe = setStore();
    let failImage = true;
    const handled: string[] = [];
    const handler = createWebhookHandler({
      channelSecret,
      dedupe,
      onError: () => {},
      onMessage: (event) => {
        if (event.message.type === 'image' && failImage) throw new Error('transient');
        handled.push(event.message.type);
      },
    });
    const body = batchBody(rawItems(3));
    expect((await handler(await signedRequest(body))).status).toBe(500);
    failImage = false;
    expect((await handler(await signedRequest(body))).status).toBe(200);
    expect(handled).toEqual(['text', 'video', 'image']);
  });

  it('processes the event anyway and reports phase dedupe when the store fails', async () => {
    const log: string[] = [];
    const dedupe: DedupeStore = {
      has: () => Promise.reject(new Error('store down')),
      add: () => {
        throw new Error('store down');
      },
    };
    const response = await createWebhookHandler(recording(log, { dedupe }))(await signedRequest(batchBody(rawItems(1))));
    expect(response.status).toBe(200);
    expect(log).toEqual(['onError dedupe Error', 'batch(1)', 'onMessage WB1000-3426467455/message:text', 'onError dedupe Error']);
  });
});

describe('createWebhookHandler: options', () => {
  it.each([
    ['an empty secret', { channelSecret: '' }],
    ['no secret', {}],
    ['an empty rotation list', { channelSecret: [] }],
    ['a rotation list with an empty secret', { channelSecret: ['a', ''] }],
    ['an unknown respond mode', { channelSecret, respond: 'later' }],
    ['a negative maxBodyBytes', { channelSecret, maxBodyBytes: -5 }],
  ])('throws a LineError at creation for %s', (_label, options) => {
    expect(() => createWebhookHandler(options as WebhookHandlerOptions)).toThrow(LineError);
  });
});
