import { LineError } from './errors.js';

/**
 * Every key of the options type `T`, as a list checked at compile time: a key added to `T` and not
 * listed is a type error, so the runtime check below can never fall behind the type. Write the call as
 * `/* @__PURE__ *\/ optionKeys<T>()([...])`: bundlers then drop a list its bundle does not use (an
 * unmarked call counts as a side effect, and dist/index.js would carry every list into every bundle).
 *
 * @internal Used next to each options interface; not part of the public API.
 */
export function optionKeys<T>() {
  return <const K extends readonly (keyof T & string)[]>(keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : never)): readonly string[] => keys;
}

/**
 * Refuses option keys a function does not know, naming the closest known one: in plain JavaScript a
 * misspelled option (`onMesage`) would otherwise be ignored silently, and a bot would quietly do
 * nothing. Throws a {@link LineError} such as
 * `createWebhookHandler: unknown option "onMesage" (did you mean "onMessage"?). Known options: …`
 * (or the error `error` makes of that message, e.g. the emulator's input error).
 *
 * @internal Used by the functions that take an options object; not part of the public API.
 */
export function checkOptionKeys(options: object, known: readonly string[], where: string, error: (message: string) => Error = (message) => new LineError(message)): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw error(`${where}: unknown option ${JSON.stringify(key)}${didYouMean(key, known)}. Known options: ${known.join(', ')}.`);
  }
}

/**
 * ` (did you mean "x"?)` for the known name nearest to `name`, any case: a few edits away, or one of the
 * two a part of the other (`webhook` → `webhookUrl`), or both starting the same way (`maxBodySize` →
 * `maxBodyBytes`); else `''`.
 */
export function didYouMean(name: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  const lower = name.toLowerCase();
  for (const candidate of known) {
    const other = candidate.toLowerCase();
    let shared = 0;
    while (shared < lower.length && lower[shared] === other[shared]) shared++;
    const related = lower.includes(other) || other.includes(lower) || shared >= Math.max(4, Math.min(lower.length, other.length) / 2);
    // A related name always beats an unrelated one; among either, the fewest edits win.
    const distance = editDistance(lower, other) / (related ? 100 : 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === undefined ? '' : ` (did you mean ${JSON.stringify(best)}?)`;
}

/** Levenshtein distance: inserts, deletes and substitutions, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}
