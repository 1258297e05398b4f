import type { DetailedPeerCertificate, PeerCertificate } from 'node:tls';

/** One certificate of a chain, as the doctor reports it. */
export interface CertificateSummary {
  /** Subject common name (else organisation, else the SHA-256 fingerprint). */
  name: string;
  /** Issuer common name (else organisation). */
  issuer: string;
  /** Not valid before (ISO date-time). */
  validFrom: string;
  /** Not valid after (ISO date-time). */
  validTo: string;
  /** Subject and issuer are the same certificate (a root, or a self-signed leaf). */
  selfSigned: boolean;
  /** Where the issuer's certificate can be downloaded (the AIA "CA Issuers" URL), if the certificate says. */
  issuerUrl?: string;
}

type Name = PeerCertificate['subject'] | undefined;

/** A readable name of a certificate subject or issuer: CN, else O, else undefined. */
function nameOf(name: Name): string | undefined {
  const pick = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return pick(name?.CN) ?? pick(name?.O);
}

/** ISO form of an OpenSSL date such as `Dec 20 14:47:16 2026 GMT` (the text as is when unparsable). */
export function isoDate(text: string): string {
  const time = Date.parse(text);
  return Number.isNaN(time) ? text : new Date(time).toISOString();
}

function summarise(cert: PeerCertificate, selfSigned: boolean): CertificateSummary {
  const summary: CertificateSummary = {
    name: nameOf(cert.subject) ?? cert.fingerprint256,
    issuer: nameOf(cert.issuer) ?? '(unnamed issuer)',
    validFrom: isoDate(cert.valid_from),
    validTo: isoDate(cert.valid_to),
    selfSigned,
  };
  const issuerUrl = cert.infoAccess?.['CA Issuers - URI']?.[0];
  if (issuerUrl !== undefined) summary.issuerUrl = issuerUrl;
  return summary;
}

/**
 * The chain from the leaf up, following `issuerCertificate` links: the certificates the server sent,
 * plus the trusted root when Node found it in the store. Ends at a self-signed certificate, or where
 * the issuer is missing. Empty when the server presented no certificate.
 */
export function certificateChain(leaf: DetailedPeerCertificate): CertificateSummary[] {
  const chain: CertificateSummary[] = [];
  const seen = new Set<DetailedPeerCertificate>();
  let cert: DetailedPeerCertificate | undefined = leaf;
  while (cert && cert.fingerprint256 && !seen.has(cert)) {
    seen.add(cert);
    const issuer: DetailedPeerCertificate | undefined = cert.issuerCertificate;
    // Node links a self-signed certificate to itself; compare fingerprints in case it is a copy.
    const selfSigned: boolean = issuer !== undefined && (issuer === cert || issuer.fingerprint256 === cert.fingerprint256);
    chain.push(summarise(cert, selfSigned));
    cert = selfSigned ? undefined : issuer;
  }
  return chain;
}
