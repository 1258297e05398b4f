// Stands alone too, so that the webhook path does not carry the whole object (bundlers drop unused
// constants, not unused properties).
/** `Limits.defaultMaxBodyBytes`. @internal */
export const defaultMaxBodyBytes = 1024 * 1024;

/** Limits of the platform (spec §5). Values the spec marks unconfirmed are defaults you can override where used. */
export const Limits = {
  /** Events LINE packs into one callback request. */
  eventsPerCallback: 100,
  /** Recipients per send request. */
  recipientsPerRequest: 150,
  /** A send request body must be strictly under this many UTF-8 bytes. */
  requestBodyBytes: 8192,
  /** Characters a user can send in one text. */
  incomingTextChars: 10_000,
  /** Characters of text you may send (Trial docs; BC unconfirmed, so not enforced by default). */
  outgoingTextChars: 1024,
  /** Width of a rich message canvas. */
  richCanvasWidth: 1040,
  /** Maximum height of a rich message canvas. */
  richCanvasMaxHeight: 2080,
  /** MIDs per profile lookup (unconfirmed; 150 is a safe chunk). */
  profilesPerRequest: 150,
  /** Default webhook body limit: 1 MiB. */
  defaultMaxBodyBytes,
} as const;
