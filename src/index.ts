// Public API of line-business-connect: what a bot uses (webhook, decoding, message builders, client, errors,
// the event and message types). The schemas, wire tables and constants are in line-business-connect/protocol.
// Explicit named re-exports only. Runs on any fetch runtime.

// errors
export { LineError, SignatureError, DecodeError, BodyReadError, PayloadTooLargeError, MessageValidationError, ApiError, NetworkError, TimeoutError, SendError } from './errors.js';
export type { ApiErrorDetails } from './errors.js';

// logging
export { defaultLogger } from './logger.js';
export type { Logger } from './logger.js';

// signature
export { signBody } from './signature/sign-body.js';
export { verifySignature } from './signature/verify-signature.js';

// events (decoding)
export { decodeEvents } from './events/decode-events.js';
export { decodeEvent } from './events/decode-event.js';
export type { LineEvent, MessageEvent, OperationEvent, UnknownEvent, Message, TextMessage, ImageMessage, VideoMessage, AudioMessage, LocationMessage, StickerMessage, ContactMessage, UnknownMessage, Operation, ToTypeName, MessageBase, Chat } from './events/line-event.js';
// webhook
export { parseWebhook } from './webhook/parse-webhook.js';
export { handleWebhookBody } from './webhook/handle-webhook-body.js';
export { createWebhookReceiver } from './webhook/create-webhook-receiver.js';
export type { WebhookBodyOptions, WebhookReceiver } from './webhook/create-webhook-receiver.js';
export { createWebhookHandler } from './webhook/create-webhook-handler.js';
export { eventDedupeKey } from './webhook/event-dedupe-key.js';
export type { WebhookHandlerOptions, WebhookHandler, WebhookContext, WebhookCallbackContext, WebhookErrorContext, DedupeStore } from './webhook/webhook-handler-options.js';

// messages
export type { OutgoingMessage, SendableMessage, TextContent, ImageContent, VideoContent, AudioContent, LocationContent, StickerContent, RichMessageContent, LinkMessageContent } from './messages/outgoing-message.js';
export { text } from './messages/text.js';
export type { TextOptions } from './messages/text.js';
export { image } from './messages/image.js';
export type { ImageOptions } from './messages/image.js';
export { video } from './messages/video.js';
export type { VideoOptions } from './messages/video.js';
export { audio } from './messages/audio.js';
export type { AudioOptions } from './messages/audio.js';
export { location } from './messages/location.js';
export type { LocationOptions } from './messages/location.js';
export { sticker } from './messages/sticker.js';
export type { StickerOptions } from './messages/sticker.js';
export { richMessage } from './messages/rich-message.js';
export type { RichMessageOptions, RichMessageAreasOptions, RichMessageMarkupOptions, RichMessageBase } from './messages/rich-message.js';
export { richMarkupFromAreas } from './messages/rich-markup-from-areas.js';
export type { RichArea, RichAreaRect, RichMarkupFromAreasOptions } from './messages/rich-markup-from-areas.js';
export { validateRichMarkup } from './messages/rich-markup.js';
export type { RichMarkup, RichRect, RichAction, RichWebAction, RichSendMessageAction, RichDraw, RichListener, RichScene } from './messages/rich-markup.js';
export { linkMessage } from './messages/link-message.js';
export { isLinkMessage } from './messages/is-link-message.js';
export { validateOutgoingMessage } from './messages/validate-outgoing-message.js';
export type { ValidateOutgoingMessageOptions } from './messages/validate-outgoing-message.js';

// client
export { createClient } from './client/create-client.js';
export type { ClientOptions } from './client/client-options.js';
export type { TrialCredentials } from './client/trial-credentials.js';
export type { LineClient } from './client/line-client.js';
export type { SendOptions } from './client/send-options.js';
export type { SendResult, SendRequestResult, SendFailure } from './client/send-result.js';
export type { Recipients } from './client/plan-requests.js';
export type { Transport, TransportRequest, TransportResponse } from './client/transport.js';
export type { MessageContent, GetMessageContentOptions } from './client/message-content.js';
export type { Profile } from './client/profile.js';
export type { RetryOptions } from './client/retry.js';
export type { TokenProvider } from './client/token-provider.js';
export { createRefreshingToken } from './client/create-refreshing-token.js';
export type { RefreshingTokenOptions, RefreshedToken } from './client/create-refreshing-token.js';
export { createMemoryTokenStore } from './client/token-store.js';
export type { TokenStore, StoredToken } from './client/token-store.js';
