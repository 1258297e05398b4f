// Shared pieces of the fan-out benchmarks (bench/fanout.bench.mjs and the processes it starts, on Node,
// Bun, Deno and workerd: no Node-only import here): the recipients, the message, the bodies a bare sender
// would send.
/** The campaign: a 200-character text. */
export const messageText = 'Spring sale: 20% off everything in the shop this weekend only. Show this message at the counter or use the code SPRING20 online. '.padEnd(200, '*');

/**
 * `count` distinct MIDs in LINE's form (`u` + 32 hex digits), as flat strings: what a database driver
 * or `JSON.parse` hands over. (A template literal makes a rope that V8 flattens on first hashing,
 * a cost real recipient lists do not have.)
 */
export function mids(count) {
  return JSON.parse(JSON.stringify(Array.from({ length: count }, (_, i) => midAt(i))));
}

/** The MID number `i`. */
export function midAt(i) {
  return `u${i.toString(16).padStart(32, '0')}`;
}

/** The MIDs `0 … count - 1`, one at a time, as a database cursor would give them. */
export async function* midCursor(count) {
  for (let i = 0; i < count; i++) yield midAt(i);
}

/**
 * The `POST /v1/events` bodies a hand-written sender would build for `recipients` (150 MIDs each: a
 * 200-character text leaves room for 150 MIDs under 8192 bytes), byte for byte what the client sends.
 */
export function prebuiltBodies(recipients) {
  const bodies = [];
  for (let i = 0; i < recipients.length; i += 150) {
    bodies.push(
      JSON.stringify({ to: recipients.slice(i, i + 150), toChannel: 1383378250, eventType: '138311608800106203', content: { contentType: 1, toType: 1, text: messageText } }),
    );
  }
  for (const body of bodies) if (new TextEncoder().encode(body).byteLength >= 8192) throw new Error('bench: a pre-built body is not under 8192 bytes');
  return bodies;
}
