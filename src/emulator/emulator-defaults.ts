import type { VirtualUserInit } from './emulator-types.js';

/** Default virtual users: friends of the bot from the start. */
export const DEFAULT_USERS: readonly VirtualUserInit[] = [
  { displayName: 'Sally', statusMessage: 'Out for a walk' },
  { displayName: 'Brown', statusMessage: 'Honey?' },
  { displayName: 'Cony' },
];

/** Default channel settings of the fake LINE (and of `line-bc emulator`). */
export const EMULATOR_DEFAULTS = {
  channelSecret: 'emulator-channel-secret',
  channelToken: 'emulator-channel-token',
  refreshToken: 'emulator-refresh-token',
  channelId: '1441301333',
  channelMid: 'u0a556cffd4da0dd89c94fb36e36e1cdc',
} as const;
