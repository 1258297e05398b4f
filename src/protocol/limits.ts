// The values the library itself reads also stand alone, so that a bundle carries only those it uses
// (bundlers drop unused constants, not unused properties).
/** `Limits.defaultMaxBodyBytes`. @internal */
export const defaultMaxBodyBytes = 1024 * 1024;
/** `Limits.recipientsPerRequest`. @internal */
export const recipientsPerRequest = 150;
/** `Limits.requestBodyBytes`. @internal */
export const requestBodyBytes = 8192;
/** `Limits.richCanvasWidth`. @internal */
export const richCanvasWidth = 1040;
/** `Limits.richCanvasMaxHeight`. @internal */
export const richCanvasMaxHeight = 2080;
/** `Limits.profilesPerRequest`. @internal */
export const profilesPerRequest = 150;

/** Limits of the platform (spec §5). Values the spec marks unconfirmed are defaults you can override where used. */
export const Limits = {
  /** Events LINE packs into one callback request. */
  eventsPerCallback: 100,
  /** Recipients per send request. */
  recipientsPerRequest,
  /** A send request body must be strictly under this many UTF-8 bytes. */
  requestBodyBytes,
  /** Characters a user can send in one text. */
  incomingTextChars: 10_000,
  /** Characters of text you may send (Trial docs; BC unconfirmed, so not enforced by default). */
  outgoingTextChars: 1024,
  /** Width of a rich message canvas. */
  richCanvasWidth,
  /** Maximum height of a rich message canvas. */
  richCanvasMaxHeight,
  /** MIDs per profile lookup (unconfirmed; 150 is a safe chunk). */
  profilesPerRequest,
  /** Default webhook body limit: 1 MiB. */
  defaultMaxBodyBytes,
} as const;
