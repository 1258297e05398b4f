// Issue 12 item 1 (webhook half): a wrong secret or a flood of bad deliveries is loud but bounded. The
// handler and the Node adapters log each rejected delivery at `warn` (at most 10 lines a minute, then
// one line counting the rest) and callback errors at `error`, through the `logger` option.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../../src/logger.js';
import { createNodeMiddleware } from '../../../src/node/create-node-middleware.js';
import { createWebhookHandler } from '../../../src/webhook/create-webhook-handler.js';
import { close, deliver, listen } from '../node/helpers.js';
import { batchBody, channelSecret, rawItems, signedRequest } from '../../helpers/webhook-batch.js';

/** A logger that records every line as `<level> <message>`. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, ...details: unknown[]) => void lines.push([level, message, ...details.map(String)].join(' '));
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

const mismatch =
  'warn [line-business-connect] webhook delivery rejected with 401: SignatureError: The X-LINE-ChannelSignature header does not match the body: check the channel secret, and verify the raw body bytes, not re-serialised JSON.';

const servers: Server[] = [];
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map(close));
});

describe('createWebhookHandler logger', () => {
  it('logs a delivery signed with the wrong secret as exactly one warning, and nothing else', async () => {
    const logger = recordingLogger();
    const handler = createWebhookHandler({ channelSecret, logger });
    const response = await handler(await signedRequest(batchBody(rawItems(3)), { secret: 'the-wrong-secret' }));
    expect(response.status).toBe(401);
    expect(logger.lines).toEqual([mismatch]);
  });

  it('uses the console by default: one console.warn line, no stack, for a wrong secret', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await createWebhookHandler({ channelSecret })(await signedRequest(batchBody(rawItems(1)), { secret: 'the-wrong-secret' }));
    expect(warn.mock.calls).toEqual([[mismatch.slice('warn '.length)]]);
    expect(error).not.toHaveBeenCalled();
  });

  it('words each kind of rejection: missing signature, bad JSON, bad envelope, too large, body cut off', async () => {
    const logger = recordingLogger();
    const handler = createWebhookHandler({ channelSecret, logger, maxBodyBytes: 100 });
    const post = (body: BodyInit, headers: Record<string, string> = {}) =>
      new Request('https://bot.example.com/callback', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
    const broken = new ReadableStream({ pull: (controller) => controller.error(new TypeError('terminated')) });
    const statuses = [
      (await handler(post('{"result":[]}'))).status,
      (await handler(await signedRequest('not json'))).status,
      (await handler(await signedRequest('{"results":[]}'))).status,
      (await handler(await signedRequest(`{"result":[${'1,'.repeat(60)}1]}`))).status,
      (await handler(post(broken, { 'x-line-channelsignature': 'c2lnbmF0dXJl' }))).status,
    ];
    expect(statuses).toEqual([401, 400, 400, 413, 400]);
    const prefix = 'warn [line-business-connect] webhook delivery rejected with';
    expect(logger.lines).toEqual([
      `${prefix} 401: SignatureError: The X-LINE-ChannelSignature header is missing or empty: the request did not come from LINE, or a proxy dropped the header.`,
      `${prefix} 400: DecodeError: The webhook body is not valid JSON: LINE sends {"result":[...]} as UTF-8 JSON.`,
      `${prefix} 400: DecodeError: The webhook body is not the {"result":[...]} envelope LINE sends (result: missing). Pass the JSON-parsed request body.`,
      `${prefix} 413: PayloadTooLargeError: The request body is larger than maxBodyBytes (100 bytes): raise it if LINE's batches (at most 100 events) really need more.`,
      `${prefix} 400: BodyReadError: The request body could not be read to its end: the client probably closed the connection.`,
    ]);
  });

  it('keeps a flood of 10,000 bad deliveries to 10 lines a minute, then one line counting the rest', async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), toFake: ['Date'] });
    const logger = recordingLogger();
    const handler = createWebhookHandler({ channelSecret, logger });
    const body = batchBody(rawItems(1));
    const bad = await signedRequest(body, { secret: 'the-wrong-secret' });
    const signature = bad.headers.get('x-line-channelsignature')!;
    for (let i = 0; i < 10_000; i++) {
      const response = await handler(new Request('https://bot.example.com/callback', { method: 'POST', body, headers: { 'x-line-channelsignature': signature } }));
      expect(response.status).toBe(401);
    }
    expect(logger.lines).toEqual(Array.from({ length: 10 }, () => mismatch));
    // A minute later the next rejection first says how many were left out.
    vi.setSystemTime(new Date('2026-01-01T00:01:00Z'));
    await handler(new Request('https://bot.example.com/callback', { method: 'POST', body, headers: { 'x-line-channelsignature': signature } }));
    expect(logger.lines.slice(10)).toEqual([
      'warn [line-business-connect] 9990 more webhook log lines were left out (at most 10 a minute).',
      mismatch,
    ]);
  }, 60_000);

  it('still answers when the logger itself throws', async () => {
    const broken = () => {
      throw new Error('logger down');
    };
    const handler = createWebhookHandler({ channelSecret, logger: { debug: broken, info: broken, warn: broken, error: broken } });
    expect((await handler(await signedRequest(batchBody(rawItems(1)), { secret: 'the-wrong-secret' }))).status).toBe(401);
  });

  it('logs a throwing callback at error level with the error, when there is no onError', async () => {
    const logger = recordingLogger();
    const failure = new Error('callback failed');
    const handler = createWebhookHandler({
      channelSecret,
      logger,
      onMessage: () => {
        throw failure;
      },
    });
    expect((await handler(await signedRequest(batchBody(rawItems(1))))).status).toBe(500);
    expect(logger.lines).toEqual(['error [line-business-connect] webhook callback failed: Error: callback failed']);
  });

  it('hands callback errors to onError instead, and still warns about rejections', async () => {
    const logger = recordingLogger();
    const seen: string[] = [];
    const handler = createWebhookHandler({
      channelSecret,
      logger,
      onMessage: () => {
        throw new Error('callback failed');
      },
      onError: (error, context) => void seen.push(`${context.phase} ${(error as Error).name}`),
    });
    await handler(await signedRequest(batchBody(rawItems(1))));
    await handler(await signedRequest(batchBody(rawItems(1)), { secret: 'the-wrong-secret' }));
    expect(seen).toEqual(['callback Error', 'request SignatureError']);
    expect(logger.lines).toEqual([mismatch]);
  });
});

describe('createNodeMiddleware logger', () => {
  it('logs a delivery signed with the wrong secret as exactly one warning', async () => {
    const logger = recordingLogger();
    const server = createServer(createNodeMiddleware({ channelSecret: 'the-bot-secret', logger }));
    servers.push(server);
    const response = await deliver(await listen(server));
    expect(response.status).toBe(401);
    expect(logger.lines).toEqual([mismatch]);
  });
});
