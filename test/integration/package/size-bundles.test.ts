// What `npm run size` measures must be what a user ships: dist with valibot bundled in, and an app that only
// receives webhooks must not carry the sending client or the message builders (tree-shaking through
// `sideEffects: false` and the chunking of dist/). The budget itself is enforced by `npm run size`.
// Needs `npm run build` first (npm test does it).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureSizes, type SizeRow } from '../../../scripts/size.mjs';

let rows: SizeRow[];

beforeAll(async () => {
  rows = await measureSizes();
});

function row(name: SizeRow['name']): SizeRow {
  const found = rows.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no ${name} row`);
  return found;
}

describe('size bundles', () => {
  it('measure the webhook path, the client path and the root entry against a budget, and fit it', () => {
    expect(rows.map((candidate) => candidate.name)).toEqual(['webhook', 'client', 'root']);
    // The budgets are the ones package.json declares (read, not defaulted or swapped).
    const { sizeBudget } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { sizeBudget: Record<string, number> };
    expect(Object.fromEntries(rows.map((candidate) => [candidate.name, candidate.budgetBytes]))).toEqual(sizeBudget);
    for (const candidate of rows) {
      // valibot (in dist, tree-shaken) comes only with the schemas, which live in line-business-connect/protocol:
      // the decoder is hand-written, so no bundle of the root entry carries it.
      expect(candidate.code.includes('"valibot"')).toBe(false);
      expect(candidate.gzipBytes, `${candidate.name} gzip bytes vs budget ${candidate.budgetBytes}`).toBeLessThanOrEqual(candidate.budgetBytes);
      expect(candidate.gzipBytes).toBeGreaterThan(0);
      expect(candidate.gzipBytes).toBeLessThan(candidate.minifiedBytes);
    }
  });

  it('webhook: holds the handler and nothing of the client or the message builders', () => {
    const { code } = row('webhook');
    expect(code).toContain('X-LINE-ChannelSignature');
    expect(code).not.toContain('/v1/events');
    expect(code).not.toContain('/v1/oauth/accessToken');
    expect(code).not.toContain('MARKUP_JSON');
    expect(row('webhook').gzipBytes).toBeLessThan(row('root').gzipBytes);
  });

  it('webhook: leaves out what a receiving app never runs', () => {
    const { code } = row('webhook');
    // Signing (signBody): the handler only verifies.
    expect(code).not.toContain('sign("HMAC"');
    expect(row('root').code).toContain('sign("HMAC"');
    // The in-memory body path (parseBody, handleWebhookBody): the handler reads the Request.
    expect(code).not.toContain('body must be a string');
    expect(row('root').code).toContain('body must be a string');
    // The option-key lists of other functions (an unmarked list call would keep every one).
    expect(code).toContain('"onAddedToRoom"');
    expect(code).not.toContain('"maxRecipientsPerRequest"');
    expect(code).not.toContain('"refreshAheadMs"');
    // The protocol objects: only the values it reads.
    expect(code).not.toContain('richMessage');
  });

  it('client: holds the sender and none of the webhook flow', () => {
    const { code } = row('client');
    expect(code).toContain('/v1/events');
    expect(code).not.toContain('signature_mismatch');
    expect(code).not.toContain('MARKUP_JSON":');
    // Only the protocol values it sends with, not the whole EventType or Limits objects.
    expect(code).toContain('138311608800106203');
    expect(code).not.toContain('138311609000106303');
    expect(code).not.toContain('eventsPerCallback');
    expect(code).not.toContain('"channelSecret","maxBodyBytes","respond"');
  });

  it('root: holds the client and the builders', () => {
    const { code } = row('root');
    expect(code).toContain('/v1/events');
    expect(code).toContain('MARKUP_JSON');
  });
});
