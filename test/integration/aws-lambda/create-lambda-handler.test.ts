// createLambdaHandler on each event shape AWS delivers (REST API v1, HTTP API v2, Function URL), with
// the real webhook flow behind it: signed batches (text and Base64 bodies), a bad signature, a GET, a
// large body, malformed events, and the answer-after-processing rule Lambda needs.
import { describe, expect, it, vi } from 'vitest';
import { createLambdaHandler } from '../../../src/aws-lambda/create-lambda-handler.js';
import type { LambdaHttpEvent } from '../../../src/aws-lambda/lambda-event.js';
import { LineError } from '../../../src/errors.js';
import type { LineEvent } from '../../../src/events/line-event.js';
import type { Logger } from '../../../src/logger.js';
import { signBody } from '../../../src/signature/sign-body.js';
import { blockedEvent, addedAsFriendEvent, resetEventFactories, textEvent } from '../../../src/testing/event-factories.js';
import { functionUrlEvent, httpApiEvent, lambdaContext, restApiEvent } from '../../helpers/lambda-events.js';

const channelSecret = 'lambda-test-secret';
const json = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
// The 200 of an accepted delivery has no body (and so no content-type).
const okBody = '';
const acceptedHeaders = { 'cache-control': 'no-store' };

/** A LINE batch with a non-ASCII text, as bytes, and its signature. */
async function batch(events = [textEvent({ text: 'こんにちは 👋', from: 'u1111' }), addedAsFriendEvent({ mid: 'u2222' })]) {
  const bytes = new TextEncoder().encode(JSON.stringify({ result: events }));
  return { bytes, signature: await signBody(bytes, channelSecret) };
}

/** A handler that records the events its callbacks see. */
function recordingHandler(extra: Parameters<typeof createLambdaHandler>[0] | object = {}) {
  const received: LineEvent[] = [];
  const handler = createLambdaHandler({ channelSecret, onEvents: (events) => void received.push(...events), ...extra });
  return { handler, received };
}

const summary = (events: LineEvent[]) =>
  events.map((event) => (event.type === 'message' && event.message.type === 'text' ? `text ${event.message.from} ${event.message.text}` : event.type === 'operation' ? `${event.operation.type} ${event.operation.mid}` : event.type));

describe('createLambdaHandler: REST API events (payload 1.0)', () => {
  it('a signed batch with a text body: 200, multiValueHeaders back, events decoded from the exact bytes', async () => {
    const { handler, received } = recordingHandler();
    const { bytes, signature } = await batch();
    const result = await handler(restApiEvent({ body: new TextDecoder().decode(bytes), headers: { 'Content-Type': 'application/json; charset=UTF-8', 'X-LINE-ChannelSignature': signature } }), lambdaContext());
    expect(result).toEqual({ statusCode: 200, multiValueHeaders: { 'cache-control': ['no-store'] }, body: okBody, isBase64Encoded: false });
    expect(summary(received)).toEqual(['text u1111 こんにちは 👋', 'addedAsFriend u2222']);
  });

  it('a Base64 body (binary media types */*): decoded before the signature check', async () => {
    const { handler, received } = recordingHandler();
    const { bytes, signature } = await batch();
    const result = await handler(restApiEvent({ body: bytes, base64: true, headers: { 'X-LINE-ChannelSignature': signature } }));
    expect(result.statusCode).toBe(200);
    expect(summary(received)).toEqual(['text u1111 こんにちは 👋', 'addedAsFriend u2222']);
  });

  it('multiValueHeaders win over headers (API Gateway keeps only the last value in headers)', async () => {
    const { handler, received } = recordingHandler();
    const { bytes, signature } = await batch();
    const event = restApiEvent(
      { body: new TextDecoder().decode(bytes), headers: { 'X-LINE-ChannelSignature': 'stale-value' } },
      { multiValueHeaders: { 'X-LINE-ChannelSignature': [signature], 'Content-Type': ['application/json; charset=UTF-8'] } },
    );
    expect((await handler(event)).statusCode).toBe(200);
    expect(received).toHaveLength(2);
  });

  it('without multiValueHeaders (a console test event) answers with headers', async () => {
    const { handler } = recordingHandler();
    const { bytes, signature } = await batch();
    const event: LambdaHttpEvent = { ...restApiEvent({ body: new TextDecoder().decode(bytes), headers: { 'x-line-channelsignature': signature } }), multiValueHeaders: null };
    expect(await handler(event)).toEqual({ statusCode: 200, headers: acceptedHeaders, body: okBody, isBase64Encoded: false });
  });

  it('a bad signature: 401 with the handler body, and no callback runs', async () => {
    const { handler, received } = recordingHandler();
    const { bytes } = await batch();
    const result = await handler(restApiEvent({ body: bytes, base64: true, headers: { 'X-LINE-ChannelSignature': await signBody(bytes, 'another-secret') } }));
    expect(result).toEqual({
      statusCode: 401,
      multiValueHeaders: { 'cache-control': ['no-store'], 'content-type': ['application/json; charset=utf-8'] },
      body: '{"error":"signature_mismatch","message":"The X-LINE-ChannelSignature header does not match the body."}',
      isBase64Encoded: false,
    });
    expect(received).toEqual([]);
  });

  it('GET: 405 with Allow: POST; TRACE (which a Request cannot carry) too', async () => {
    const { handler } = recordingHandler();
    const expected = {
      statusCode: 405,
      multiValueHeaders: { allow: ['POST'], 'cache-control': ['no-store'], 'content-type': ['application/json; charset=utf-8'] },
      body: '{"error":"method_not_allowed","message":"LINE delivers events with POST; other methods are not allowed."}',
      isBase64Encoded: false,
    };
    expect(await handler(restApiEvent({ method: 'GET' }))).toEqual(expected);
    expect(await handler(restApiEvent({ method: 'TRACE', body: 'x' }))).toEqual(expected);
  });

  it('a large body: a 100-event Base64 batch passes; over maxBodyBytes is 413', async () => {
    resetEventFactories();
    const events = Array.from({ length: 100 }, (_, i) => textEvent({ text: `${'長い'.repeat(2_000)} ${i}` }));
    const { handler, received } = recordingHandler();
    const { bytes, signature } = await batch(events);
    expect(bytes.byteLength).toBeGreaterThan(1_200_000);
    const big = await handler(restApiEvent({ body: bytes, base64: true, headers: { 'X-LINE-ChannelSignature': signature } }));
    expect(big.statusCode).toBe(413);
    expect(received).toEqual([]);

    const roomy = recordingHandler({ maxBodyBytes: 2 * 1024 * 1024 });
    const result = await roomy.handler(restApiEvent({ body: bytes, base64: true, headers: { 'X-LINE-ChannelSignature': signature } }));
    expect(result.statusCode).toBe(200);
    expect(roomy.received).toHaveLength(100);
    expect(summary(roomy.received).at(-1)).toBe(`text ${textEvent({ text: '' }).content.from} ${'長い'.repeat(2_000)} 99`);
  });
});

describe('createLambdaHandler: HTTP API events (payload 2.0)', () => {
  it('a signed batch: 200 with headers (no multiValueHeaders); the cookies reach the request', async () => {
    let cookie: string | null = null;
    const { handler, received } = recordingHandler({ onMessage: (_event: unknown, { request }: { request: Request }) => void (cookie = request.headers.get('cookie')) });
    const { bytes, signature } = await batch();
    const event = httpApiEvent({ body: new TextDecoder().decode(bytes), headers: { 'X-Line-ChannelSignature': signature, 'Content-Type': 'application/json; charset=UTF-8' } }, { cookies: ['session=abc', 'theme=dark'] });
    expect(await handler(event, lambdaContext())).toEqual({ statusCode: 200, headers: acceptedHeaders, body: okBody, isBase64Encoded: false });
    expect(summary(received)).toEqual(['text u1111 こんにちは 👋', 'addedAsFriend u2222']);
    expect(cookie).toBe('session=abc; theme=dark');
  });

  it('a bad signature: 401; a missing one: 401 signature_missing', async () => {
    const { handler } = recordingHandler();
    const { bytes } = await batch();
    const forged = await handler(httpApiEvent({ body: bytes, base64: true, headers: { 'x-line-channelsignature': 'AAAA' } }));
    expect(forged).toEqual({ statusCode: 401, headers: json, body: '{"error":"signature_mismatch","message":"The X-LINE-ChannelSignature header does not match the body."}', isBase64Encoded: false });
    const unsigned = await handler(httpApiEvent({ body: bytes, base64: true }));
    expect(unsigned.statusCode).toBe(401);
    expect(JSON.parse(unsigned.body).error).toBe('signature_missing');
  });

  it('GET: 405', async () => {
    const { handler } = recordingHandler();
    expect(await handler(httpApiEvent({ method: 'GET' }))).toMatchObject({ statusCode: 405, headers: { allow: 'POST' } });
  });
});

describe('createLambdaHandler: Function URL events', () => {
  it('a Base64 body and a text body both pass; callbacks get the Lambda event and context', async () => {
    const seen: unknown[] = [];
    const context = lambdaContext();
    const { handler, received } = recordingHandler({
      onOperation: (_event: unknown, { context: c }: { context: { event: LambdaHttpEvent; lambdaContext: unknown } }) => void seen.push(c.event, c.lambdaContext),
    });
    const { bytes, signature } = await batch([blockedEvent({ mid: 'u3333' })]);
    const event = functionUrlEvent({ body: bytes, base64: true, headers: { 'x-line-channelsignature': signature } });
    expect(await handler(event, context)).toEqual({ statusCode: 200, headers: acceptedHeaders, body: okBody, isBase64Encoded: false });
    expect(await handler(functionUrlEvent({ body: new TextDecoder().decode(bytes), headers: { 'x-line-channelsignature': signature } }), context)).toMatchObject({ statusCode: 200 });
    expect(summary(received)).toEqual(['blocked u3333', 'blocked u3333']);
    expect(seen[0]).toBe(event);
    expect(seen[1]).toBe(context);
  });
});

describe('createLambdaHandler: answering after the work, and bad input', () => {
  it('runs every callback before it resolves (Lambda freezes after the answer); a throwing callback gives 500', async () => {
    const steps: string[] = [];
    const handler = createLambdaHandler({
      channelSecret,
      onMessage: async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        steps.push('callback done');
      },
      onError: () => void steps.push('error reported'),
      onAddedAsFriend: () => {
        throw new Error('database down');
      },
    });
    const { bytes, signature } = await batch();
    const result = await handler(httpApiEvent({ body: bytes, base64: true, headers: { 'x-line-channelsignature': signature } }));
    steps.push(`answered ${result.statusCode}`);
    expect(steps).toEqual(['callback done', 'error reported', 'answered 500']);
    expect(JSON.parse(result.body)).toEqual({ error: 'processing_failed', message: 'Processing of at least one event failed.' });
  });

  it("refuses respond: 'first' at creation, and checks the options like createWebhookHandler", () => {
    expect(() => createLambdaHandler({ channelSecret, respond: 'first' as 'auto' })).toThrow(
      new LineError(
        "createLambdaHandler: respond 'first' would lose work: Lambda freezes the function once the handler returns. Keep the default (callbacks run, then 200) and hand slow work to a queue from your callback.",
      ),
    );
    expect(() => createLambdaHandler({ channelSecret: '' })).toThrow(LineError);
    expect(() => createLambdaHandler({ channelSecret, respond: 'auto' })).not.toThrow();
  });

  it('a body marked Base64 that is not: 400 invalid_event, one warning to the logger', async () => {
    const logger: Logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const { handler, received } = recordingHandler({ logger });
    const event = { ...httpApiEvent({ headers: { 'x-line-channelsignature': 'x' } }), body: '%%% not base64 %%%', isBase64Encoded: true };
    expect(await handler(event)).toEqual({
      statusCode: 400,
      headers: json,
      body: '{"error":"invalid_event","message":"The Lambda event could not be read as an HTTP request."}',
      isBase64Encoded: false,
    });
    expect(received).toEqual([]);
    expect(logger.warn).toHaveBeenCalledExactlyOnceWith('[line-business-connect] Lambda event rejected (400):', 'The Lambda event says isBase64Encoded, but its body is not valid Base64.');
  });

  it('an event from another trigger (SQS) rejects with a LineError naming the fix', async () => {
    const { handler } = recordingHandler();
    const sqs = { Records: [{ messageId: '1', body: '{}', eventSource: 'aws:sqs' }] };
    await expect(handler(sqs as unknown as LambdaHttpEvent)).rejects.toThrow(
      new LineError(
        'createLambdaHandler got an event without httpMethod or requestContext.http.method: it takes API Gateway REST or HTTP API and Function URL events. Check the trigger of the function.',
      ),
    );
    await expect(handler(null as unknown as LambdaHttpEvent)).rejects.toThrow(LineError);
  });
});
