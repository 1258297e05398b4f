import { buildMessage, MESSAGE_TYPES, toTypeName, type CheckedContent } from './build-event.js';
import { expectedIssue, fieldIssue, isNumber } from './field-issues.js';
import type { Message } from './line-event.js';
import { toMetadata } from './to-metadata.js';

// The metadata keys a content type requires (spec §2.2), in the order the schemas check them.
const REQUIRED_METADATA: Partial<Record<Message['type'], string[]>> = { sticker: ['STKPKGID', 'STKID'], contact: ['mid', 'displayName'] };

/**
 * Decodes the `content` of a message event by hand, with exactly the result of `MessageContentSchema`
 * (the schema of its `contentType`, or `UnknownMessageSchema`): the message, or undefined after adding
 * the issues (paths under `content`) to `issues`. Order and wording of the issues are the schemas'.
 *
 * @internal Used by `decodeEvent`; not part of the public API.
 */
export function decodeMessageContent(content: unknown, issues: string[]): Message | undefined {
  const contentType = (content as { contentType?: unknown } | null | undefined)?.contentType;
  const type = (typeof contentType === 'number' && MESSAGE_TYPES[contentType]) || 'unknown';
  if (!content || typeof content !== 'object') {
    issues.push(expectedIssue('content', 'object', content));
    return undefined;
  }
  const before = issues.length;
  const fields = content as Record<string, unknown>;
  if (typeof fields.id !== 'string') fieldIssue(fields, 'id', 'string', 'content.id', issues);
  const { toType } = fields;
  // In a room or group the sender may be missing (unconfirmed, spec §2.2): `buildMessage` says so instead.
  if (typeof fields.from !== 'string' && toType !== 2 && toType !== 3) fieldIssue(fields, 'from', 'string', 'content.from', issues);
  if (toType !== 1 && toType !== 2 && toType !== 3) fieldIssue(fields, 'toType', '1 | 2 | 3', 'content.toType', issues);
  const metadata = toMetadata(fields.contentMetadata);
  const required = REQUIRED_METADATA[type];
  if (required) {
    for (const key of required) {
      // Normalised values are always strings: only a missing key fails.
      if (!(key in metadata)) issues.push(`content.contentMetadata.${key}: missing`);
    }
  }
  if (type === 'unknown' && !isNumber(fields.contentType)) fieldIssue(fields, 'contentType', 'number', 'content.contentType', issues);
  if (type === 'text' && typeof fields.text !== 'string') fieldIssue(fields, 'text', 'string', 'content.text', issues);
  if (type === 'location') checkLocation(fields, issues);
  if (issues.length > before) return undefined;
  return buildMessage(type, content as CheckedContent, toTypeName(toType as 1 | 2 | 3), metadata);
}

/** `content.location` of contentType 7: an object with numbers `latitude` and `longitude` (the rest is optional). */
function checkLocation(fields: Record<string, unknown>, issues: string[]): void {
  if (!('location' in fields)) {
    issues.push('content.location: missing');
    return;
  }
  const location = fields.location;
  if (!location || typeof location !== 'object') {
    issues.push(expectedIssue('content.location', 'object', location));
    return;
  }
  const { latitude, longitude } = location as Record<string, unknown>;
  if (!isNumber(latitude)) fieldIssue(location, 'latitude', 'number', 'content.location.latitude', issues);
  if (!isNumber(longitude)) fieldIssue(location, 'longitude', 'number', 'content.location.longitude', issues);
}
