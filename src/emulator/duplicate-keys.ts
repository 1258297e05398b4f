/**
 * The paths of keys that appear twice in one object of a JSON text, e.g. `content.contentType` for LINE's
 * Java SDK, which wrote `"contentType":"1"` and then `"contentType":1` in every message (spec §3.1).
 * `JSON.parse` keeps the last value silently; the emulator warns about it. `text` must be valid JSON
 * (parse it first); the scan is linear and never recurses, so any nesting depth is safe.
 */
export function duplicateKeys(text: string): string[] {
  const found: string[] = [];
  // One frame per open object or array: the keys seen so far (objects) or the next index (arrays).
  const frames: { keys: Set<string> | undefined; index: number; segment: string }[] = [];
  let pendingKey: string | undefined;
  let i = 0;
  // `content.messages[0]`: each frame knows how its parent reaches it (`.key` or `[index]`).
  const pathTo = (key: string) => `${frames.map((frame) => frame.segment).join('')}.${key}`.replace(/^\./, '');
  while (i < text.length) {
    const char = text[i]!;
    if (char === '"') {
      const end = stringEnd(text, i);
      const frame = frames.at(-1);
      // A string directly inside an object, before its colon, is a key.
      if (frame?.keys && pendingKey === undefined && nextNonSpace(text, end) === ':') {
        pendingKey = JSON.parse(text.slice(i, end)) as string;
        if (frame.keys.has(pendingKey)) found.push(pathTo(pendingKey));
        frame.keys.add(pendingKey);
      } else {
        pendingKey = undefined;
      }
      i = end;
      continue;
    }
    if (char === '{' || char === '[') {
      const parent = frames.at(-1);
      const segment = parent === undefined ? '' : parent.keys ? `.${pendingKey ?? ''}` : `[${parent.index}]`;
      frames.push({ keys: char === '{' ? new Set() : undefined, index: 0, segment });
      pendingKey = undefined;
    } else if (char === '}' || char === ']') {
      frames.pop();
      pendingKey = undefined;
    } else if (char === ',') {
      const frame = frames.at(-1);
      if (frame && !frame.keys) frame.index++;
      pendingKey = undefined;
    }
    i++;
  }
  return found;
}

/** The index after the closing quote of the string starting at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

function nextNonSpace(text: string, from: number): string | undefined {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return text[i];
}
