import { checkCoordinate, checkNonEmptyString, checkObject, checkOptions, checkString, type NoteForm } from './field-checks.js';
import type { LocationContent } from './outgoing-message.js';

/** Options of {@link location}. */
export interface LocationOptions {
  /** Name of the place; also sent as the message `text`. Non-empty. */
  title: string;
  /** Street address. Default: omitted. */
  address?: string;
  /** Degrees, -90..90. */
  latitude: number;
  /** Degrees, -180..180. */
  longitude: number;
}

/**
 * Builds a location message (spec §3):
 * `{"contentType":7,"text":"<title>","location":{"title":"…","address":"…","latitude":35.6,"longitude":139.7}}`.
 *
 * @throws MessageValidationError with field `title`, `address`, `latitude` or `longitude`
 *   (coordinates must be finite numbers in range)
 */
export function location(options: LocationOptions): LocationContent {
  const place = checkLocationFields(checkOptions(options, ['title', 'address', 'latitude', 'longitude']), 'options', '');
  return { contentType: 7, text: place.title, location: place };
}

/**
 * Checks `{title, address?, latitude, longitude}` and returns it in wire order. Shared with
 * `validateOutgoingMessage`, which passes the prefix `location.` and a `note`: coordinates as decimal
 * strings are then accepted too (spec §3.1). Internal.
 */
export function checkLocationFields(value: unknown, field: string, prefix: string, note?: NoteForm): LocationContent['location'] {
  const input = checkObject(value, field);
  const title = checkNonEmptyString(input.title, `${prefix}title`);
  const address = input.address === undefined ? undefined : checkString(input.address, `${prefix}address`);
  const latitude = checkCoordinate(input.latitude, `${prefix}latitude`, 90, note);
  const longitude = checkCoordinate(input.longitude, `${prefix}longitude`, 180, note);
  return address === undefined ? { title, latitude, longitude } : { title, address, latitude, longitude };
}
