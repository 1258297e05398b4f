import { ApiError } from '../errors.js';
import type { Profile } from './profile.js';

/** Reads a `GET /v1/profiles` answer (spec §4.2); throws {@link ApiError} when it has no `contacts` array. */
export function readContacts(text: string): Profile[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const contacts = (parsed as { contacts?: unknown } | undefined)?.contacts;
  if (!Array.isArray(contacts)) {
    throw new ApiError({ status: 200, endpoint: 'GET /v1/profiles', statusMessage: 'the answer is not JSON with a contacts array' });
  }
  return contacts.flatMap((contact: unknown): Profile[] => {
    const c = (contact ?? {}) as Record<string, unknown>;
    if (typeof c.mid !== 'string') return [];
    const profile: Profile = { mid: c.mid, displayName: typeof c.displayName === 'string' ? c.displayName : '' };
    if (typeof c.pictureUrl === 'string' && c.pictureUrl !== '') profile.pictureUrl = c.pictureUrl;
    if (typeof c.statusMessage === 'string' && c.statusMessage !== '') profile.statusMessage = c.statusMessage;
    return [profile];
  });
}
