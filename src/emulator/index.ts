// Public API of line-business-connect/emulator: the fake LINE platform. Explicit named re-exports only.
// `createFakeLine` is a fetch handler that runs on any runtime; `startEmulator` serves it on a port (Node,
// Bun, Deno); the `line-bc emulator` command runs that server.

export { createFakeLine } from './fake-line.js';
export { startEmulator } from './start-emulator.js';
export { EmulatorInputError } from './emulator-input-error.js';
export { EMULATOR_DEFAULTS } from './emulator-defaults.js';
export type {
  FakeLine,
  FakeLineOptions,
  Emulator,
  EmulatorOptions,
  VirtualUserInit,
  VirtualUser,
  SendAsOptions,
  InviteOptions,
  UserMessageInput,
  Conversation,
  ConversationEntry,
  Delivery,
  DeliveryErrorKind,
  DeliveryOutcome,
  ApiRequestRecord,
  FailureInit,
  WaitForOptions,
} from './emulator-types.js';
