// examples/aws-lambda/handler.mjs against the BUILT package (it imports 'line-business-connect/aws-lambda',
// which resolves to dist/ through package.json `exports`; `npm test` builds first), called with the
// event shapes of API Gateway and Function URLs.
import { beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../../src/signature/sign-body.js';
import { functionUrlEvent, httpApiEvent, lambdaContext, restApiEvent } from '../../helpers/lambda-events.js';
import { batchBytes, batchLog, channelSecret } from '../node/helpers.js';

// The module makes its handler when it loads, from LINE_CHANNEL_SECRET (as on Lambda): import it once with the variable set.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let module: any;
beforeAll(async () => {
  const previous = process.env.LINE_CHANNEL_SECRET;
  process.env.LINE_CHANNEL_SECRET = channelSecret;
  try {
    module = await import(/* @vite-ignore */ new URL('../../../examples/aws-lambda/handler.mjs', import.meta.url).href);
  } finally {
    if (previous === undefined) delete process.env.LINE_CHANNEL_SECRET;
    else process.env.LINE_CHANNEL_SECRET = previous;
  }
});

const accepted = { statusCode: 200, body: '', isBase64Encoded: false };

describe('examples/aws-lambda/handler.mjs', () => {
  it('createHandler: REST API, HTTP API and Function URL deliveries are verified and logged', async () => {
    const log: string[] = [];
    const { createHandler } = module;
    const handler = createHandler({ channelSecret, log: (line: string) => log.push(line) });
    const headers = { 'X-LINE-ChannelSignature': await signBody(batchBytes, channelSecret), 'Content-Type': 'application/json; charset=UTF-8' };
    expect(await handler(restApiEvent({ body: batchBytes, base64: true, headers }), lambdaContext())).toMatchObject(accepted);
    expect(await handler(httpApiEvent({ body: new TextDecoder().decode(batchBytes), headers }), lambdaContext())).toMatchObject(accepted);
    expect(await handler(functionUrlEvent({ body: batchBytes, base64: true, headers }), lambdaContext())).toMatchObject(accepted);
    expect(log).toEqual([...batchLog, ...batchLog, ...batchLog]);
    const forged = await handler(httpApiEvent({ body: batchBytes, base64: true, headers: { 'X-LINE-ChannelSignature': await signBody('x', channelSecret) } }));
    expect(forged).toMatchObject({ statusCode: 401, body: '{"error":"signature_mismatch","message":"The X-LINE-ChannelSignature header does not match the body."}' });
    expect(log).toHaveLength(batchLog.length * 3);
  });

  it('the exported handler took the secret from LINE_CHANNEL_SECRET when the module loaded', async () => {
    const logged: unknown[][] = [];
    const original = console.log;
    console.log = (...args: unknown[]) => void logged.push(args);
    try {
      const { handler } = module;
      const headers = { 'x-line-channelsignature': await signBody(batchBytes, channelSecret) };
      expect(await handler(functionUrlEvent({ body: batchBytes, base64: true, headers }))).toMatchObject(accepted);
      expect((await handler(functionUrlEvent({ method: 'GET' }))).statusCode).toBe(405);
    } finally {
      console.log = original;
    }
    expect(logged).toEqual(batchLog.map((line) => [line]));
  });
});
