// Public API of line-business-connect/protocol: the description of the wire format (spec §2–§5) for code that
// works with it directly: the valibot schemas of received events (Standard Schema: usable with any library
// that reads one), the wire tables and the protocol constants. A bot needs none of it: the root entry
// decodes, verifies and sends. Explicit named re-exports only; runs on any fetch runtime.

// protocol constants
export { EventType, SendChannel } from './event-types.js';
export { ContentType, ToType } from './content-types.js';
export type { Recipient } from './content-types.js';
export { OpType } from './op-types.js';
export { Limits } from './limits.js';
export { Hosts, HeaderName } from './hosts.js';

// schemas of received events (spec §2.1–2.3)
export { LineEventEnvelopeSchema } from '../events/envelope-schema.js';
export type { LineEventEnvelope } from '../events/envelope-schema.js';
export { MessageEventSchema } from '../events/message-event-schema.js';
export { OperationEventSchema } from '../events/operation-event-schema.js';
export { MessageContentSchema } from '../events/message-content-schema.js';
export { TextMessageSchema } from '../events/text-message-schema.js';
export { ImageMessageSchema } from '../events/image-message-schema.js';
export { VideoMessageSchema } from '../events/video-message-schema.js';
export { AudioMessageSchema } from '../events/audio-message-schema.js';
export { LocationMessageSchema } from '../events/location-message-schema.js';
export { StickerMessageSchema } from '../events/sticker-message-schema.js';
export { ContactMessageSchema } from '../events/contact-message-schema.js';
export { UnknownMessageSchema } from '../events/unknown-message-schema.js';
export { OperationSchema } from '../events/operation-schema.js';
