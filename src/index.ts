// Public API of line-business-connect: explicit named re-exports only. Runs on any fetch runtime.

// errors
export { LineError, SignatureError, DecodeError, PayloadTooLargeError, MessageValidationError, ApiError, NetworkError, TimeoutError } from './errors.js';
export type { ApiErrorDetails } from './errors.js';

// protocol constants
export { EventType, SendChannel } from './protocol/event-types.js';
export { ContentType, ToType } from './protocol/content-types.js';
export type { Recipient } from './protocol/content-types.js';
export { OpType } from './protocol/op-types.js';
export { Limits } from './protocol/limits.js';
export { Hosts, HeaderName } from './protocol/hosts.js';

// signature
export { signBody } from './signature/sign-body.js';
export { verifySignature } from './signature/verify-signature.js';

// events (decoding)
// webhook

// messages
export type { OutgoingMessage, SendableMessage, TextContent, ImageContent, VideoContent, AudioContent, LocationContent, StickerContent, RichMessageContent, LinkMessageContent } from './messages/outgoing-message.js';

// client
