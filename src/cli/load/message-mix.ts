import type { UserMessageInput } from '../../emulator/emulator-types.js';
import { UsageError } from '../usage-error.js';

/** The message kinds a virtual user can send in a load run (`--mix`). */
export const messageKinds = ['text', 'image', 'video', 'audio', 'location', 'sticker', 'contact'] as const;

/** One of {@link messageKinds}. */
export type MessageKind = (typeof messageKinds)[number];

/** How often each kind is sent, relative to the others (only kinds in the mix are present). */
export type MessageWeights = Partial<Record<MessageKind, number>>;

const MAX_WEIGHT = 1000;

/**
 * Parses `--mix`: kinds separated by commas, each optionally with a weight, e.g. `text,image` (one each in
 * turn) or `text:8,image:1,sticker:1`. Throws a {@link UsageError} naming the fix.
 */
export function parseMessageMix(spec: string): MessageWeights {
  const weights: MessageWeights = {};
  const usage = `use kinds from ${messageKinds.join(', ')}, each optionally with a weight: e.g. --mix text,image or --mix text:8,image:1`;
  if (spec.trim() === '') throw new UsageError(`--mix is empty: ${usage}.`);
  for (const part of spec.split(',')) {
    const match = /^\s*([a-z]+)\s*(?::\s*([0-9]+)\s*)?$/.exec(part);
    const kind = match?.[1] as MessageKind | undefined;
    if (match === null || kind === undefined || !messageKinds.includes(kind)) {
      throw new UsageError(`--mix: unknown message kind "${part.trim()}"; ${usage}.`);
    }
    if (weights[kind] !== undefined) throw new UsageError(`--mix: "${kind}" is given twice; give each kind once (with a weight to send it more often).`);
    const weight = match[2] === undefined ? 1 : Number(match[2]);
    if (!Number.isSafeInteger(weight) || weight < 1 || weight > MAX_WEIGHT) {
      throw new UsageError(`--mix: the weight of "${kind}" must be an integer from 1 to ${MAX_WEIGHT}, got "${match[2] ?? ''}".`);
    }
    weights[kind] = weight;
  }
  return weights;
}

/**
 * Picks the kind of each next message: a smooth weighted round-robin, so that every `total weight`
 * messages hold exactly each kind's weight of them, spread out rather than in runs
 * (`text:2,image:1` → text, image, text, text, image, text, …).
 */
export function createKindPicker(weights: MessageWeights): () => MessageKind {
  const entries = messageKinds.filter((kind) => weights[kind] !== undefined).map((kind) => ({ kind, weight: weights[kind]!, current: 0 }));
  if (entries.length === 0) throw new UsageError('--mix: give at least one message kind.');
  const total = entries.reduce((sum, entry) => sum + entry.weight, 0);
  return () => {
    let best = entries[0]!;
    for (const entry of entries) {
      entry.current += entry.weight;
      if (entry.current > best.current) best = entry;
    }
    best.current -= total;
    return best.kind;
  };
}

/**
 * The message a virtual user sends for a kind: a numbered text, the emulator's sample media (real bytes
 * the bot can download), Tokyo Tower, a LINE sticker, or the contact of another virtual user.
 */
export function buildLoadMessage(kind: MessageKind, sequence: number, contact: { mid: string; displayName: string }): UserMessageInput {
  switch (kind) {
    case 'text':
      return { type: 'text', text: `load test message ${sequence}` };
    case 'image':
    case 'video':
      return { type: kind };
    case 'audio':
      return { type: 'audio', durationMs: 1000 };
    case 'location':
      return { type: 'location', title: 'Tokyo Tower', address: '4-2-8 Shibakoen, Minato-ku, Tokyo', latitude: 35.65858, longitude: 139.745433 };
    case 'sticker':
      return { type: 'sticker', packageId: '11537', stickerId: '52002734' };
    case 'contact':
      return { type: 'contact', mid: contact.mid, displayName: contact.displayName };
  }
}
