import * as v from 'valibot';
import { guardSchema } from './guard-schema.js';
import type { ToTypeName } from './line-event.js';

const TO_TYPE_NAMES: Record<1 | 2 | 3, ToTypeName> = { 1: 'user', 2: 'room', 3: 'group' };

/**
 * A message's `toType` (spec §2.2): 1 → `'user'`, 2 → `'room'`, 3 → `'group'` (rooms and groups are
 * BC only). Any other value fails, so the event decodes as an `UnknownEvent` saying why.
 */
export const ToTypeSchema = v.pipe(
  guardSchema<1 | 2 | 3>((input) => input === 1 || input === 2 || input === 3, '1 | 2 | 3'),
  v.transform((toType): ToTypeName => TO_TYPE_NAMES[toType]),
);
