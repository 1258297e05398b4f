import { checkOptions, checkStickerId } from './field-checks.js';
import type { StickerContent } from './outgoing-message.js';

/** Options of {@link sticker}. Ids are digit strings or non-negative integers; they go out as strings. */
export interface StickerOptions {
  /** Sticker package id (`STKPKGID`), e.g. `332` or `'332'`. */
  packageId: string | number;
  /** Sticker id (`STKID`), e.g. `3`. */
  stickerId: string | number;
  /** Sticker package version (`STKVER`), e.g. `100`. Default: omitted. */
  version?: string | number;
}

/**
 * Builds a sticker message:
 * `{"contentType":8,"contentMetadata":{"STKID":"3","STKPKGID":"332","STKVER":"100"}}` (spec §3).
 *
 * @throws MessageValidationError with field `packageId`, `stickerId` or `version` (not a
 *   non-empty digit string or a non-negative integer)
 */
export function sticker(options: StickerOptions): StickerContent {
  const input = checkOptions(options, ['packageId', 'stickerId', 'version']);
  const STKPKGID = checkStickerId(input.packageId, 'packageId');
  const STKID = checkStickerId(input.stickerId, 'stickerId');
  const STKVER = input.version === undefined ? undefined : checkStickerId(input.version, 'version');
  return { contentType: 8, contentMetadata: STKVER === undefined ? { STKID, STKPKGID } : { STKID, STKPKGID, STKVER } };
}
