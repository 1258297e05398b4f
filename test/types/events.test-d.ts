import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type { LineEventEnvelope, LineEventEnvelopeSchema } from '../../src/events/envelope-schema.js';
import type { MessageContentSchema } from '../../src/events/message-content-schema.js';
import type { MessageEventSchema } from '../../src/events/message-event-schema.js';
import type { OperationEventSchema } from '../../src/events/operation-event-schema.js';
import type { OperationSchema } from '../../src/events/operation-schema.js';
import type { StickerMessageSchema } from '../../src/events/sticker-message-schema.js';
import { decodeEvent } from '../../src/events/decode-event.js';
import { decodeEvents } from '../../src/events/decode-events.js';
import type { LineEvent, Message, MessageBase, MessageEvent, Operation, OperationEvent, StickerMessage, ToTypeName } from '../../src/events/line-event.js';

describe('decoded event types narrow with switch', () => {
  it('decodeEvents returns LineEvent[] and decodeEvent a LineEvent', () => {
    expectTypeOf(decodeEvents).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(decodeEvents).returns.toEqualTypeOf<LineEvent[]>();
    expectTypeOf(decodeEvent).returns.toEqualTypeOf<LineEvent>();
  });

  it('narrows event, message and operation', () => {
    const event = decodeEvents({ result: [] })[0] as LineEvent;
    switch (event.type) {
      case 'message': {
        expectTypeOf(event.message).toEqualTypeOf<Message>();
        expectTypeOf(event.channelId).toEqualTypeOf<string>();
        expectTypeOf(event.createdTime).toEqualTypeOf<number | undefined>();
        expectTypeOf(event.message).toMatchTypeOf<MessageBase>();
        expectTypeOf(event.message.toType).toEqualTypeOf<ToTypeName>();
        expectTypeOf(event.message.metadata).toEqualTypeOf<Record<string, string>>();
        expectTypeOf(event).not.toHaveProperty('operation');
        const message = event.message;
        switch (message.type) {
          case 'text':
            expectTypeOf(message.text).toEqualTypeOf<string>();
            break;
          case 'sticker':
            expectTypeOf(message.packageId).toEqualTypeOf<string>();
            expectTypeOf(message.stickerId).toEqualTypeOf<string>();
            expectTypeOf(message.version).toEqualTypeOf<string | undefined>();
            break;
          case 'audio':
            expectTypeOf(message.durationMs).toEqualTypeOf<number | undefined>();
            break;
          case 'location':
            expectTypeOf(message.latitude).toEqualTypeOf<number>();
            expectTypeOf(message.title).toEqualTypeOf<string | undefined>();
            break;
          case 'contact':
            expectTypeOf(message.displayName).toEqualTypeOf<string>();
            break;
          case 'unknown':
            expectTypeOf(message.contentType).toEqualTypeOf<number>();
            break;
          case 'image':
          case 'video':
            expectTypeOf(message).not.toHaveProperty('text');
            break;
          default:
            expectTypeOf(message).toEqualTypeOf<never>();
        }
        break;
      }
      case 'operation':
        expectTypeOf(event.operation).toEqualTypeOf<Operation>();
        expectTypeOf(event.operation.mid).toEqualTypeOf<string>();
        expectTypeOf(event.operation.type).toEqualTypeOf<'addedAsFriend' | 'blocked' | 'invitedToGroup' | 'addedToRoom' | 'unknown'>();
        expectTypeOf(event).not.toHaveProperty('message');
        break;
      case 'unknown':
        expectTypeOf(event.issues).toEqualTypeOf<string[]>();
        expectTypeOf(event.raw).toEqualTypeOf<unknown>();
        expectTypeOf(event.id).toEqualTypeOf<string | undefined>();
        break;
      default:
        expectTypeOf(event).toEqualTypeOf<never>();
    }
  });
});

describe('schema outputs are the public types', () => {
  it('infers the decoded types from the schemas', () => {
    expectTypeOf<v.InferOutput<typeof MessageContentSchema>>().toEqualTypeOf<Message>();
    expectTypeOf<v.InferOutput<typeof StickerMessageSchema>>().toEqualTypeOf<StickerMessage>();
    expectTypeOf<v.InferOutput<typeof OperationSchema>>().toEqualTypeOf<Operation>();
    expectTypeOf<v.InferOutput<typeof MessageEventSchema>>().toEqualTypeOf<MessageEvent>();
    expectTypeOf<v.InferOutput<typeof OperationEventSchema>>().toEqualTypeOf<OperationEvent>();
    expectTypeOf<v.InferOutput<typeof LineEventEnvelopeSchema>>().toEqualTypeOf<LineEventEnvelope>();
  });
});
