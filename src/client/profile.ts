/** A user's profile from `GET /v1/profiles` (spec §4.2). */
export interface Profile {
  /** The user's MID. */
  mid: string;
  /** The user's display name. */
  displayName: string;
  /** URL of the profile picture, when the user has one. */
  pictureUrl?: string;
  /** Omitted by LINE when empty. */
  statusMessage?: string;
}
