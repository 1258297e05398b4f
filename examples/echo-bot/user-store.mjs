// @ts-check
/**
 * A tiny in-memory store of what the bot knows about each user: the profile it looked up, the
 * messages the user sent, and the media files it downloaded. LINE's FAQ requires deleting all of it
 * when the user blocks the account (spec §2.3), which `forget()` does.
 */

/**
 * @typedef {{ mid: string, displayName: string, pictureUrl?: string, statusMessage?: string }} StoredProfile
 * @typedef {{ messageId: string, type: string, summary: string }} StoredMessage
 * @typedef {{ messageId: string, contentType: string, bytes: Uint8Array }} StoredMedia
 * @typedef {{ profile?: StoredProfile, messages: StoredMessage[], media: StoredMedia[] }} UserRecord
 * @typedef {{ profile: boolean, messages: number, mediaFiles: number, mediaBytes: number }} ForgetReport
 */

export class UserStore {
  /** @type {Map<string, UserRecord>} */
  #users = new Map();

  /** @param {string} mid @returns {UserRecord} */
  #record(mid) {
    let record = this.#users.get(mid);
    if (!record) {
      record = { messages: [], media: [] };
      this.#users.set(mid, record);
    }
    return record;
  }

  /** @param {StoredProfile} profile */
  rememberProfile(profile) {
    this.#record(profile.mid).profile = profile;
  }

  /** @param {string} mid @param {StoredMessage} message */
  rememberMessage(mid, message) {
    this.#record(mid).messages.push(message);
  }

  /** @param {string} mid @param {StoredMedia} media */
  rememberMedia(mid, media) {
    this.#record(mid).media.push(media);
  }

  /** @param {string} mid @returns {UserRecord | undefined} */
  get(mid) {
    return this.#users.get(mid);
  }

  /** @param {string} mid */
  has(mid) {
    return this.#users.has(mid);
  }

  /** MIDs of every user the bot stores something about. */
  mids() {
    return [...this.#users.keys()];
  }

  /**
   * Deletes everything stored about a user. Idempotent: a second call reports nothing deleted.
   * @param {string} mid
   * @returns {ForgetReport}
   */
  forget(mid) {
    const record = this.#users.get(mid);
    this.#users.delete(mid);
    return {
      profile: record?.profile !== undefined,
      messages: record?.messages.length ?? 0,
      mediaFiles: record?.media.length ?? 0,
      mediaBytes: record?.media.reduce((sum, media) => sum + media.bytes.byteLength, 0) ?? 0,
    };
  }
}
