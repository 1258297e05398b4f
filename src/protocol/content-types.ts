/** `contentType` numbers of messages (spec §2.2, §3). */
export const ContentType = {
  text: 1,
  image: 2,
  video: 3,
  audio: 4,
  location: 7,
  sticker: 8,
  contact: 10,
  richMessage: 12,
} as const;

/** `toType` numbers: who a message is addressed to (spec §2.2; rooms and groups are BC only). */
export const ToType = { user: 1, room: 2, group: 3 } as const;

/** The names of {@link ToType}. */
export type Recipient = keyof typeof ToType;
