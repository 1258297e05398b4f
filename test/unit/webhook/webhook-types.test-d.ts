import { describe, expectTypeOf, it } from 'vitest';
import type { LineEvent, MessageEvent, OperationEvent, UnknownEvent } from '../../../src/events/line-event.js';
import { createWebhookHandler, eventDedupeKey, handleWebhookBody, parseWebhook } from '../../../src/index.js';
import type { DedupeStore, WebhookCallbackContext, WebhookContext, WebhookErrorContext, WebhookHandler } from '../../../src/index.js';

describe('webhook types', () => {
  it('types each callback with its event kind', () => {
    createWebhookHandler({
      channelSecret: ['a', 'b'] as const,
      onMessage: (event) => expectTypeOf(event).toEqualTypeOf<MessageEvent>(),
      onAddedAsFriend: (event) => expectTypeOf(event).toEqualTypeOf<OperationEvent>(),
      onBlocked: (event) => expectTypeOf(event).toEqualTypeOf<OperationEvent>(),
      onOperation: (event) => expectTypeOf(event).toEqualTypeOf<OperationEvent>(),
      onUnknown: (event) => expectTypeOf(event).toEqualTypeOf<UnknownEvent>(),
      onEvents: (events, context) => {
        expectTypeOf(events).toEqualTypeOf<LineEvent[]>();
        expectTypeOf(context).toEqualTypeOf<WebhookCallbackContext>();
      },
      onError: (error, context) => {
        expectTypeOf(error).toBeUnknown();
        expectTypeOf(context.phase).toEqualTypeOf<'request' | 'callback' | 'dedupe'>();
        expectTypeOf(context).toEqualTypeOf<WebhookErrorContext>();
      },
    });
  });

  it('passes a runtime context type through to callbacks', () => {
    interface WorkerContext extends WebhookContext {
      waitUntil(promise: Promise<unknown>): void;
      env: { SECRET: string };
    }
    const handler = createWebhookHandler<WorkerContext>({
      channelSecret: 's',
      onMessage: (_event, { context, request }) => {
        expectTypeOf(context).toEqualTypeOf<WorkerContext | undefined>();
        expectTypeOf(request).toEqualTypeOf<Request>();
      },
    });
    expectTypeOf(handler).toEqualTypeOf<WebhookHandler<WorkerContext>>();
    expectTypeOf(handler).parameters.toEqualTypeOf<[Request, (WorkerContext | undefined)?]>();
    expectTypeOf(handler).returns.toEqualTypeOf<Promise<Response>>();
  });

  it('rejects wrong options at compile time', () => {
    // @ts-expect-error respond must be one of the three modes
    createWebhookHandler({ channelSecret: 's', respond: 'later' });
    // @ts-expect-error channelSecret is required
    createWebhookHandler({});
    // @ts-expect-error onBlocked gets an OperationEvent, not a MessageEvent
    createWebhookHandler({ channelSecret: 's', onBlocked: (event: MessageEvent) => event });
  });

  it('types the lower-level functions', () => {
    expectTypeOf(parseWebhook).returns.toEqualTypeOf<Promise<LineEvent[]>>();
    expectTypeOf(handleWebhookBody).parameter(1).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(eventDedupeKey).returns.toEqualTypeOf<string | undefined>();
    const store: DedupeStore = { has: async () => false, add: async () => {} };
    expectTypeOf(store.has).returns.toEqualTypeOf<boolean | Promise<boolean>>();
  });
});
