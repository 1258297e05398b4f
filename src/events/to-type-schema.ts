import * as v from 'valibot';
import type { ToTypeName } from './line-event.js';

const TO_TYPE_NAMES: Record<1 | 2 | 3, ToTypeName> = { 1: 'user', 2: 'room', 3: 'group' };

/**
 * A message's `toType` (spec §2.2): 1 → `'user'`, 2 → `'room'`, 3 → `'group'` (rooms and groups are
 * BC only). Any other value fails, so the event decodes as an `UnknownEvent` saying why.
 */
export const ToTypeSchema = v.pipe(
  v.picklist([1, 2, 3]),
  v.transform((toType): ToTypeName => TO_TYPE_NAMES[toType]),
);
