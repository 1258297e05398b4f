import type { StoredToken } from '../client/token-store.js';
import type { DurableObjectStateLike, DurableObjectStorageLike } from './queue-types.js';

/** The lease as the object stores it. */
interface Lease {
  holder: string;
  until: number;
}

const PAIR = 'pair';
const LEASE = 'lease';

/**
 * A Durable Object that holds the channel's token pair and its reissue lease for every Worker isolate
 * and queue consumer of the channel: the one {@link TokenStore} they share, reached through
 * {@link createDurableTokenStore}. Cloudflare runs one instance of a named object at a time, and it
 * handles one request at a time while it reads and writes its storage, so each compare-and-set and each
 * lease is atomic; both live in durable storage, so a restart of the object keeps them. With it, LINE
 * sees one reissue per rotation however many isolates run (the one holding the lease reissues; the
 * others read its new pair).
 *
 * Export it from your Worker's main module and bind it (`[[durable_objects.bindings]]` with
 * `class_name = "ChannelTokenObject"`, plus a migration; see docs/scaling.md). It is reached only
 * through its binding, never from the internet. It speaks JSON over `fetch` (POST `/read`,
 * `/compare-and-set`, `/acquire-lease`, `/release-lease`), so it needs no RPC support and no import of
 * `cloudflare:workers`.
 */
export class ChannelTokenObject {
  private readonly storage: DurableObjectStorageLike;

  /** Called by the Workers runtime with the object's state (and the Worker's env, not used). */
  constructor(state: DurableObjectStateLike, _env?: unknown) {
    this.storage = state.storage;
  }

  /** Answers one {@link TokenStore} operation; 400 with a JSON error for a malformed one, 404 for an unknown path. */
  async fetch(request: Request): Promise<Response> {
    if (request.method !== 'POST') return Response.json({ error: 'Use POST.' }, { status: 405, headers: { allow: 'POST' } });
    let input: Record<string, unknown>;
    try {
      const parsed: unknown = await request.json();
      if (parsed === null || typeof parsed !== 'object') throw new TypeError('not an object');
      input = parsed as Record<string, unknown>;
    } catch {
      return badRequest('the body must be a JSON object.');
    }
    // Between reading and writing the storage below, no other request reaches this object (its input
    // gate stays closed during storage calls), so each operation is atomic.
    switch (new URL(request.url).pathname) {
      case '/read':
        return Response.json({ pair: (await this.storage.get<StoredToken>(PAIR)) ?? null });
      case '/compare-and-set': {
        const { expectedAccessToken, next } = input;
        if (expectedAccessToken !== null && typeof expectedAccessToken !== 'string') return badRequest('expectedAccessToken must be a string or null.');
        if (!isStoredToken(next)) return badRequest('next must be { accessToken, refreshToken, expiresAt? } with non-empty strings.');
        const current = await this.storage.get<StoredToken>(PAIR);
        if ((current?.accessToken ?? null) !== expectedAccessToken) return Response.json({ stored: false });
        const pair: StoredToken = { accessToken: next.accessToken, refreshToken: next.refreshToken };
        if (next.expiresAt !== undefined) pair.expiresAt = next.expiresAt;
        await this.storage.put(PAIR, pair);
        return Response.json({ stored: true });
      }
      case '/acquire-lease': {
        const { holder, ttlMs } = input;
        if (typeof holder !== 'string' || holder === '') return badRequest('holder must be a non-empty string.');
        if (typeof ttlMs !== 'number' || !Number.isFinite(ttlMs) || ttlMs <= 0) return badRequest('ttlMs must be a positive number.');
        const now = Date.now();
        const lease = await this.storage.get<Lease>(LEASE);
        if (lease !== undefined && lease.holder !== holder && lease.until > now) return Response.json({ acquired: false });
        await this.storage.put<Lease>(LEASE, { holder, until: now + ttlMs });
        return Response.json({ acquired: true });
      }
      case '/release-lease': {
        const { holder } = input;
        if (typeof holder !== 'string' || holder === '') return badRequest('holder must be a non-empty string.');
        if ((await this.storage.get<Lease>(LEASE))?.holder === holder) await this.storage.delete(LEASE);
        return Response.json({ released: true });
      }
      default:
        return Response.json({ error: 'Unknown operation: POST /read, /compare-and-set, /acquire-lease or /release-lease.' }, { status: 404 });
    }
  }
}

function isStoredToken(value: unknown): value is StoredToken {
  if (value === null || typeof value !== 'object') return false;
  const pair = value as Partial<StoredToken>;
  return (
    typeof pair.accessToken === 'string' &&
    pair.accessToken !== '' &&
    typeof pair.refreshToken === 'string' &&
    pair.refreshToken !== '' &&
    (pair.expiresAt === undefined || (typeof pair.expiresAt === 'number' && Number.isFinite(pair.expiresAt)))
  );
}

function badRequest(message: string): Response {
  return Response.json({ error: `Bad request: ${message}` }, { status: 400 });
}
