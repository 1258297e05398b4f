import { certificateChain, type CertificateSummary } from './certificate-chain.js';
import { fail, pass, type DoctorCheck } from './doctor-check.js';
import type { TlsHandshake } from './probe-tls.js';

// OpenSSL verify codes (as Node reports them in `authorizationError`) that mean: the issuer of the
// top certificate is neither sent by the server nor a trusted root.
const missingIssuer = new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY']);

const publicCaFix = 'LINE only delivers to certificates from a public CA: get one from a public CA (e.g. Let\'s Encrypt) and serve it with its intermediates.';

/** `a ← b ← c`: the chain from the leaf up. */
const path = (chain: CertificateSummary[]) => chain.map((cert) => `"${cert.name}"`).join(' ← ');

/**
 * The `chain` check (spec §1: LINE needs a complete chain from a public CA): does the chain the
 * server sent verify against the trust store (Node's public CA store, or `--ca`)? When it does not,
 * says why in LINE's terms: the intermediate the server fails to send (named, with where to get it),
 * a self-signed certificate, a private root, an expired or not yet valid certificate.
 *
 * @param target - the URL the check is about
 * @param handshake - what the TLS handshake saw (`probeTls`, or an HTTPS exchange)
 * @param trustStore - how the store is named in messages (`the public CA store` or `--ca <file>`)
 */
export function checkChain(target: string, handshake: Pick<TlsHandshake, 'chainError' | 'certificate'>, trustStore: string): DoctorCheck {
  const chain = certificateChain(handshake.certificate);
  const details = { chain, verifyError: handshake.chainError ?? null };
  const error = handshake.chainError;
  const top = chain.at(-1);
  if (error === undefined) return pass('chain', target, `the chain verifies against ${trustStore}: ${path(chain)}`, details);
  if (!top) return fail('chain', target, 'the server presented no certificate', 'Configure a certificate (with its intermediates) for this host name.', details);

  if (missingIssuer.has(error)) {
    // Public CAs issue leaves from intermediates, so a leaf whose issuer is unknown almost always means
    // the server sends the leaf alone.
    const reason =
      error === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'
        ? `the server does not send the intermediate certificate "${top.issuer}" that issued "${top.name}", and ${trustStore} does not hold it (${error})`
        : `the chain stops at "${top.name}": its issuer "${top.issuer}" is neither sent by the server nor in ${trustStore} (${error})`;
    const where = top.issuerUrl ? ` It can be downloaded from ${top.issuerUrl}.` : '';
    return fail(
      'chain',
      target,
      reason,
      `Serve the intermediate certificate "${top.issuer}" after your certificate (e.g. fullchain.pem, not cert.pem).${where} If "${top.issuer}" is a private CA, ${publicCaFix}`,
      { ...details, missing: top.issuer },
    );
  }
  if (error === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
    return fail('chain', target, `the certificate "${top.name}" is self-signed (${error})`, publicCaFix, details);
  }
  if (error === 'SELF_SIGNED_CERT_IN_CHAIN') {
    return fail('chain', target, `the chain ends at the self-signed "${top.name}", which ${trustStore} does not trust (${error})`, publicCaFix, details);
  }
  if (error === 'CERT_HAS_EXPIRED') {
    const now = Date.now();
    const expired = chain.filter((cert) => Date.parse(cert.validTo) < now);
    const named = expired.map((cert) => `"${cert.name}" expired on ${cert.validTo.slice(0, 10)}`).join('; ') || 'a certificate of the chain expired';
    const fix = expired.some((cert) => cert !== chain[0])
      ? 'Serve the current intermediate certificate of your CA (your bundle holds an expired one).'
      : 'Renew the certificate and reload the server; automate renewal (e.g. certbot renew).';
    return fail('chain', target, `${named} (${error})`, fix, details);
  }
  if (error === 'CERT_NOT_YET_VALID') {
    const early = chain.find((cert) => Date.parse(cert.validFrom) > Date.now());
    return fail(
      'chain',
      target,
      `${early ? `"${early.name}" is not valid before ${early.validFrom}` : 'a certificate of the chain is not valid yet'} (${error})`,
      "Check the clock of this machine, or wait until the certificate's start date.",
      details,
    );
  }
  return fail('chain', target, `the chain does not verify against ${trustStore}: ${error}`, `Serve a complete chain from a public CA. ${publicCaFix}`, details);
}
