/** `opType` numbers of operations (spec §2.3). */
export const OpType = {
  addedAsFriend: 4,
  blocked: 8,
  /** BC; params content unconfirmed. */
  invitedToGroup: 5,
  /** BC; params content unconfirmed. */
  addedToRoom: 7,
} as const;
