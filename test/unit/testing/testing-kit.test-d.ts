import { setupServer } from 'msw/node';
import { describe, expectTypeOf, it } from 'vitest';
import {
  blockedEvent,
  businessConnectHandlers,
  signedRequest,
  textEvent,
  type RawMessageEvent,
  type RawOperationEvent,
  type SentEnvelope,
  type BusinessConnectMock,
} from '../../../src/testing/index.js';

describe('testing kit types', () => {
  it('factories return typed raw events and require their data', () => {
    expectTypeOf(textEvent({ text: 'hi' })).toEqualTypeOf<RawMessageEvent>();
    expectTypeOf(blockedEvent()).toEqualTypeOf<RawOperationEvent>();
    expectTypeOf(blockedEvent().content.opType).toEqualTypeOf<number>();
    // @ts-expect-error text is required
    textEvent({});
    // @ts-expect-error toType is a name, not a number
    textEvent({ text: 'x', toType: 3 });
  });

  it('signedRequest takes events, a body object or raw bytes, and needs a secret', () => {
    expectTypeOf(signedRequest([textEvent({ text: 'a' }), blockedEvent()], { channelSecret: 's' })).toEqualTypeOf<Promise<Request>>();
    expectTypeOf(signedRequest({ result: [] }, { channelSecret: 's' })).toEqualTypeOf<Promise<Request>>();
    expectTypeOf(signedRequest(new Uint8Array(1), { channelSecret: 's' })).toEqualTypeOf<Promise<Request>>();
    // @ts-expect-error channelSecret is required
    void signedRequest('{}', {});
  });

  it('businessConnectHandlers resolves to handlers that plug into setupServer', async () => {
    expectTypeOf(businessConnectHandlers()).toEqualTypeOf<Promise<BusinessConnectMock>>();
    const bc = await businessConnectHandlers();
    expectTypeOf(setupServer).toBeCallableWith(...bc.handlers);
    expectTypeOf(bc.sent).toEqualTypeOf<SentEnvelope[]>();
  });
});
