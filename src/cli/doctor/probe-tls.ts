import { isIP } from 'node:net';
import tls, { type DetailedPeerCertificate } from 'node:tls';

/** Where and how to open a TLS connection. */
export interface TlsTarget {
  /** Host name or IP address (IPv6 without brackets). */
  host: string;
  /** TCP port. */
  port: number;
  /** PEM text of the CAs to trust instead of Node's public CA store (`--ca`); undefined = the public store. */
  ca: string | undefined;
  /** Gives up after this many ms. */
  timeoutMs: number;
}

/** A completed handshake: what the server presented, verified or not. */
export interface TlsHandshake {
  ok: true;
  /** The negotiated protocol, e.g. `TLSv1.3`. */
  protocol: string;
  /** OpenSSL's verdict on the chain (host name not included): undefined when it verifies, else a code such as `UNABLE_TO_VERIFY_LEAF_SIGNATURE`. */
  chainError: string | undefined;
  /** The leaf with its `issuerCertificate` links (the chain the server sent, completed from the trust store where it could be). */
  certificate: DetailedPeerCertificate;
}

/** A connection or handshake that failed. */
export interface TlsFailure {
  ok: false;
  /** Node's error code (`ECONNREFUSED`, `ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION`, `ETIMEDOUT`, …). */
  code: string;
  /** Node's message. */
  message: string;
  /** When the server refused TLS 1.2+: the older protocol it accepted, if any (e.g. `TLSv1.1`). */
  legacyProtocol?: string;
}

const protocolVersionErrors = new Set(['ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', 'ERR_SSL_UNSUPPORTED_PROTOCOL', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_NO_PROTOCOLS_AVAILABLE']);

/**
 * Opens one TLS connection requiring TLS 1.2 or later, as LINE does, and reports what the server
 * presented. The chain is NOT enforced (so that a broken one can be described) and the host name is
 * checked separately (`checkHostName`). When the server only speaks an older protocol, a second
 * handshake finds out which, to name it.
 */
export async function probeTls(target: TlsTarget): Promise<TlsHandshake | TlsFailure> {
  const result = await handshake(target, { minVersion: 'TLSv1.2' });
  if (result.ok || !protocolVersionErrors.has(result.code)) return result;
  // Only to name the old protocol in the report: allow what modern defaults refuse.
  const legacy = await handshake(target, { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' });
  return legacy.ok ? { ...result, legacyProtocol: legacy.protocol } : result;
}

function handshake(target: TlsTarget, versions: Pick<tls.ConnectionOptions, 'minVersion' | 'maxVersion' | 'ciphers'>): Promise<TlsHandshake | TlsFailure> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: target.host,
      port: target.port,
      // SNI takes a host name only (RFC 6066 §3).
      servername: isIP(target.host) === 0 ? target.host : '',
      ca: target.ca,
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
      ...versions,
    });
    const timer = setTimeout(() => socket.destroy(Object.assign(new Error(`no TLS handshake within ${target.timeoutMs} ms`), { code: 'ETIMEDOUT' })), target.timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const error = socket.authorizationError as unknown;
      resolve({
        ok: true,
        protocol: socket.getProtocol() ?? 'unknown',
        chainError: error === null || error === undefined ? undefined : String((error as { code?: unknown }).code ?? error),
        certificate: socket.getPeerCertificate(true),
      });
      socket.destroy();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, code: error.code ?? 'ERR_TLS', message: error.message });
    });
  });
}
