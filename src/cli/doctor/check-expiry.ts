import type { PeerCertificate } from 'node:tls';
import { isoDate } from './certificate-chain.js';
import { fail, pass, warn, type DoctorCheck } from './doctor-check.js';

/** Fewer days left than this is a warning (issue 13: "warn under 30"). */
export const expiryWarningDays = 30;

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The `expiry` check of the leaf certificate: fail when expired or not yet valid, warn under
 * {@link expiryWarningDays} days left, pass otherwise. `details.daysLeft` is whole days, rounded down.
 *
 * @param target - the URL the check is about
 * @param cert - the leaf the server presented
 * @param now - the time to compare with (epoch ms). Default now
 */
export function checkExpiry(target: string, cert: PeerCertificate, now = Date.now()): DoctorCheck {
  const validTo = Date.parse(cert.valid_to);
  const validFrom = Date.parse(cert.valid_from);
  const daysLeft = Math.floor((validTo - now) / dayMs);
  const details = { validFrom: isoDate(cert.valid_from), validTo: isoDate(cert.valid_to), daysLeft };
  const until = details.validTo.slice(0, 10);
  if (Number.isNaN(validTo)) return fail('expiry', target, `the certificate's end date "${cert.valid_to}" cannot be read`, 'Serve a well-formed certificate.', details);
  if (validTo < now) {
    const ago = Math.ceil((now - validTo) / dayMs);
    return fail('expiry', target, `the certificate expired on ${until} (${ago} day${ago === 1 ? '' : 's'} ago)`, 'Renew the certificate and reload the server; automate renewal (e.g. certbot renew).', details);
  }
  if (validFrom > now) return fail('expiry', target, `the certificate is not valid before ${details.validFrom}`, "Check the clock of this machine, or wait until the certificate's start date.", details);
  const left = `the certificate expires on ${until}, in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`;
  if (daysLeft < expiryWarningDays) return warn('expiry', target, left, 'Renew it now (LINE refuses it the moment it expires) and automate renewal (e.g. certbot renew).', details);
  return pass('expiry', target, left, details);
}
