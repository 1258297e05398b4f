import tls, { type PeerCertificate } from 'node:tls';
import { fail, pass, type DoctorCheck } from './doctor-check.js';

/** The names a certificate is valid for: its DNS and IP subject alternative names, else its CN. */
function certificateNames(cert: PeerCertificate): string[] {
  const names = (cert.subjectaltname ?? '')
    .split(', ')
    .filter((entry) => entry.startsWith('DNS:') || entry.startsWith('IP Address:'))
    .map((entry) => entry.slice(entry.indexOf(':') + 1));
  const cn = cert.subject?.CN;
  return names.length > 0 ? names : typeof cn === 'string' ? [cn] : [];
}

/**
 * The `hostname` check: does the certificate cover the URL's host name? Node's own
 * `tls.checkServerIdentity` decides (the rules LINE's HTTPS client applies too: RFC 6125 wildcards,
 * SANs before the CN).
 *
 * @param target - the URL the check is about
 * @param host - its host name (IPv6 without brackets)
 * @param cert - the leaf the server presented
 */
export function checkHostName(target: string, host: string, cert: PeerCertificate): DoctorCheck {
  const names = certificateNames(cert);
  const error = tls.checkServerIdentity(host, cert);
  if (error === undefined) return pass('hostname', target, `the certificate covers ${host}`, { host, names });
  return fail(
    'hostname',
    target,
    `the certificate is for ${names.join(', ') || '(no names)'}, not ${host} (${(error as NodeJS.ErrnoException).code ?? error.message})`,
    `Serve a certificate whose subject alternative names include ${host} (check which certificate the server picks for this name: SNI).`,
    { host, names },
  );
}
