import { checkHttpsUrl, checkNonEmptyString, checkOptions, checkStringRecord } from './field-checks.js';
import type { LinkMessageContent } from './outgoing-message.js';

/** The parameter maps of a link message, in wire order (spec §3). */
const PARAM_FIELDS = [
  'textParams',
  'subTextParams',
  'altTextParams',
  'linkTextParams',
  'aLinkUriParams',
  'iLinkUriParams',
  'linkUriParams',
] as const;

/** The fields of a link message, in wire order. */
// concat, not a spread: a bundler drops a pure-marked call that nothing uses, never a spread (it may run an iterator).
export const LINK_MESSAGE_FIELDS: readonly string[] = /* @__PURE__ */ ['templateId', 'previewUrl'].concat(PARAM_FIELDS);

/**
 * Builds a Business Connect link message from a template registered with LINE (spec §3). The
 * client sends it with `toChannel` 1341301715 and `eventType` "137299299800026303". Every
 * `…Params` value is a map of template placeholder → string; `aLinkUriParams` is for Android,
 * `iLinkUriParams` for iOS, `linkUriParams` for the web. Omitted fields are left out of the JSON.
 *
 * @param options - `templateId` (non-empty), `previewUrl` (an `https:` URL, optional) and the parameter maps
 * @throws MessageValidationError with field `templateId`, `previewUrl` or e.g. `textParams.name`
 *   (a parameter value that is not a string)
 */
export function linkMessage(options: LinkMessageContent): LinkMessageContent {
  const input = checkOptions(options, LINK_MESSAGE_FIELDS);
  const message: LinkMessageContent = { templateId: checkNonEmptyString(input.templateId, 'templateId') };
  if (input.previewUrl !== undefined) message.previewUrl = checkHttpsUrl(input.previewUrl, 'previewUrl');
  for (const field of PARAM_FIELDS) {
    if (input[field] !== undefined) message[field] = checkStringRecord(input[field], field);
  }
  return message;
}
