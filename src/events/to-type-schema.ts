import * as v from 'valibot';
import { toTypeName } from './build-event.js';
import { guardSchema } from './guard-schema.js';

/**
 * A message's `toType` (spec §2.2): 1 → `'user'`, 2 → `'room'`, 3 → `'group'` (rooms and groups are
 * BC only). Any other value fails, so the event decodes as an `UnknownEvent` saying why.
 */
export const ToTypeSchema = v.pipe(
  guardSchema<1 | 2 | 3>((input) => input === 1 || input === 2 || input === 3, '1 | 2 | 3'),
  v.transform(toTypeName),
);
