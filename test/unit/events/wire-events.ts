// Wire-format builders for the event decoding tests (spec §2.1–2.3). Plain objects as LINE sends them.
import { EventType } from '../../../src/protocol/event-types.js';

export const SENDER = 'uff2aec188e58752ee1fb0f9507c6529a';

/** A message event around `content`; `content` fields override the text-message defaults. */
export function wireMessage(content: Record<string, unknown>, event: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    from: 'u206d25c2ea6bd87c17655609a1c37cb8',
    fromChannel: 1341301815,
    to: ['u0cc15697597f61dd8b01cea8b027050e'],
    toChannel: 1441301333,
    eventType: EventType.receivedMessage,
    id: 'WB1519-3426467455',
    createdTime: 1460000000000,
    content: {
      id: '325708',
      createdTime: 1332394961610,
      from: SENDER,
      to: ['u0a556cffd4da0dd89c94fb36e36e1cdc'],
      toType: 1,
      contentMetadata: null,
      ...content,
    },
    ...event,
  };
}

/** An operation event around `content`. */
export function wireOperation(content: Record<string, unknown>, event: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    from: 'u206d25c2ea6bd87c17655609a1c37cb8',
    fromChannel: '1341301815',
    to: ['u0cc15697597f61dd8b01cea8b027050e'],
    toChannel: '1441301333',
    eventType: EventType.receivedOperation,
    id: 'WB1519-3426467456',
    content,
    ...event,
  };
}
