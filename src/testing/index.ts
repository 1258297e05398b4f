// Public API of line-business-connect/testing: explicit named re-exports only.
// Signing helpers and event factories run on any fetch runtime; the msw handlers need msw 2 (an optional
// peer dependency). The fake LINE and the emulator have their own entry, line-business-connect/emulator.

// raw wire events (spec §2.1–2.3)
export type { RawEvent, RawMessageEvent, RawOperationEvent, RawMessageContent, RawOperationContent, RawLocation, RawWebhookBody } from './raw-event.js';

// event factories
export {
  FactoryDefaults,
  resetEventFactories,
  textEvent,
  imageEvent,
  videoEvent,
  audioEvent,
  locationEvent,
  stickerEvent,
  contactEvent,
  unknownMessageEvent,
  operationEvent,
  addedAsFriendEvent,
  blockedEvent,
  invitedToGroupEvent,
  addedToRoomEvent,
} from './event-factories.js';
export type {
  EventEnvelopeOptions,
  MessageEventOptions,
  OperationEventOptions,
  ChatOperationEventOptions,
  TextEventOptions,
  AudioEventOptions,
  LocationEventOptions,
  StickerEventOptions,
  ContactEventOptions,
} from './event-factories.js';

// signed webhook requests
export { signedRequest } from './signed-request.js';
export type { SignedRequestBody, SignedRequestOptions } from './signed-request.js';

// msw handlers for the REST API
export { businessConnectHandlers } from './business-connect-handlers.js';
export type {
  BusinessConnectHandlersOptions,
  BusinessConnectMock,
  ProfileFixture,
  ContentFixture,
  ContentFixturePreview,
  MockTrialCredentials,
  LeftChat,
  RecordedRequest,
  SentEnvelope,
  MockFailure,
} from './business-connect-handlers.js';
