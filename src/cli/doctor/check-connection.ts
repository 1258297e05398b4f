import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { fail, pass, warn, type DoctorCheck } from './doctor-check.js';
import type { TlsFailure, TlsHandshake } from './probe-tls.js';

// Addresses the internet cannot reach: LINE's servers could not deliver there.
const privateAddresses = new BlockList();
for (const [net, prefix] of [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['127.0.0.0', 8], ['169.254.0.0', 16], ['100.64.0.0', 10], ['0.0.0.0', 8]] as const) {
  privateAddresses.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [['::1', 128], ['fc00::', 7], ['fe80::', 10], ['::', 128]] as const) privateAddresses.addSubnet(net, prefix, 'ipv6');

const isPrivate = (address: string) => privateAddresses.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');

/**
 * The `url` check: LINE delivers only to `https:` URLs (spec §1). Returns the host and port to
 * connect to when the URL is usable.
 */
export function checkUrl(url: URL): { check: DoctorCheck; host?: string; port?: number } {
  const target = url.href;
  if (url.protocol !== 'https:') {
    return { check: fail('url', target, `a ${url.protocol} URL: LINE only delivers events to https: URLs`, `Serve the endpoint over HTTPS and register https://${url.host}${url.pathname}.`) };
  }
  const port = url.port === '' ? 443 : Number(url.port);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return { check: pass('url', target, `an https: URL (host ${host}, port ${port})`, { host, port }), host, port };
}

/**
 * The `dns` check: the host name resolves (an IP address passes as is). Warns when every address is
 * private or loopback: fine for a local test, unreachable for LINE.
 *
 * @param lookupTimeoutMs - gives up after this many ms
 */
export async function checkDns(target: string, host: string, lookupTimeoutMs: number): Promise<DoctorCheck> {
  let addresses: string[];
  if (isIP(host) !== 0) {
    addresses = [host];
  } else {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${lookupTimeoutMs} ms`), { code: 'ETIMEDOUT' })), lookupTimeoutMs);
      });
      addresses = (await Promise.race([lookup(host, { all: true }), timeout])).map((entry) => entry.address);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'ERR_DNS';
      return fail('dns', target, `${host} does not resolve (${code})`, `Create a public DNS record (A or AAAA) for ${host}, or check the spelling.`, { host, error: code });
    } finally {
      clearTimeout(timer);
    }
  }
  const details = { host, addresses };
  const list = addresses.join(', ');
  if (addresses.every(isPrivate)) {
    return warn('dns', target, `${host} resolves only to private or loopback addresses (${list}): LINE cannot reach it from the internet`, 'Fine for a local test; for LINE, give a host name with a public address.', details);
  }
  return pass('dns', target, `${host} resolves to ${list}`, details);
}

/** The `tls` check: a TLS 1.2 or later handshake completed (spec §1: LINE calls HTTPS endpoints only). */
export function checkTlsVersion(target: string, port: number, result: TlsHandshake | TlsFailure): DoctorCheck {
  if (result.ok) return pass('tls', target, `${result.protocol} handshake (LINE needs TLS 1.2 or later)`, { protocol: result.protocol });
  const details = { error: result.code, ...(result.legacyProtocol ? { legacyProtocol: result.legacyProtocol } : {}) };
  if (result.legacyProtocol) {
    return fail('tls', target, `the server only accepts ${result.legacyProtocol}, not TLS 1.2 or later`, 'Enable TLS 1.2 and 1.3 on the server (nginx: ssl_protocols TLSv1.2 TLSv1.3;).', details);
  }
  if (result.code === 'ECONNREFUSED') return fail('tls', target, `connection refused on port ${port}`, `Start the server, or open port ${port} to it (firewall, load balancer).`, details);
  if (result.code === 'ETIMEDOUT') return fail('tls', target, `no TLS connection on port ${port}: ${result.message}`, `Check that port ${port} is open to the internet and the server answers TLS on it.`, details);
  if (result.code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return fail('tls', target, `the server does not speak TLS on port ${port} (plain HTTP?) (${result.code})`, `Serve HTTPS on port ${port}, e.g. behind a TLS-terminating proxy.`, details);
  }
  return fail('tls', target, `no TLS 1.2+ handshake on port ${port}: ${result.code} ${result.message}`, 'Enable TLS 1.2 or 1.3 with a certificate for this host name on the server.', details);
}
