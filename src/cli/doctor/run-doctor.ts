import { checkChain } from './check-chain.js';
import { checkDns, checkTlsVersion, checkUrl } from './check-connection.js';
import { checkDeliveries } from './check-deliveries.js';
import { checkExpiry } from './check-expiry.js';
import { checkHostName } from './check-host-name.js';
import { checkMedia } from './check-media.js';
import { doctorReport, skip, type DoctorCheck, type DoctorReport } from './doctor-check.js';
import { probeTls } from './probe-tls.js';

/** What `line-bc doctor` checks, parsed from its command line. */
export interface DoctorOptions {
  /** The event endpoint URL. */
  url: URL;
  /** The bot's channel secret; without it the delivery checks are skipped. */
  channelSecret: string | undefined;
  /** `toChannel` of the test event (digits). Default the factories' placeholder. */
  channelId: string | undefined;
  /** Media URLs to check. */
  media: readonly string[];
  /** CAs to trust instead of the public CA store (for tests and private setups): the PEM text and where it came from. */
  ca: { pem: string; file: string } | undefined;
  /** The time LINE allows for an answer, and the limit of every network step, in ms. */
  timeoutMs: number;
}

const deliveryIds = ['signed-batch', 'forged-signature', 'missing-signature'] as const;

/**
 * Runs every check of `line-bc doctor` in order (url, dns, tls, chain, hostname, expiry, the three
 * deliveries, then each media URL) and returns the report. Never throws for what it finds: a
 * problem is a failed check. Deliveries are sent only when LINE itself would connect: over a
 * verified chain that covers the host.
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const target = options.url.href;
  const trustStore = options.ca ? `--ca ${options.ca.file}` : 'the public CA store';
  const ca = options.ca?.pem;
  const checks: DoctorCheck[] = [];
  const skipRest = (reason: string, ids: readonly string[]) => checks.push(...ids.map((id) => skip(id, target, reason)));

  const { check: urlCheck, host, port } = checkUrl(options.url);
  checks.push(urlCheck);
  if (host === undefined || port === undefined) {
    skipRest('not run: not an https: URL', ['dns', 'tls', 'chain', 'hostname', 'expiry', ...deliveryIds]);
  } else {
    const dns = await checkDns(target, host, options.timeoutMs);
    checks.push(dns);
    if (dns.status === 'fail') {
      skipRest(`not run: ${host} does not resolve`, ['tls', 'chain', 'hostname', 'expiry', ...deliveryIds]);
    } else {
      const handshake = await probeTls({ host, port, ca, timeoutMs: options.timeoutMs });
      checks.push(checkTlsVersion(target, port, handshake));
      if (!handshake.ok) skipRest('not run: no TLS 1.2+ connection', ['chain', 'hostname', 'expiry']);
      else checks.push(checkChain(target, handshake, trustStore), checkHostName(target, host, handshake.certificate), checkExpiry(target, handshake.certificate));

      if (checks.some((check) => check.status === 'fail')) {
        skipRest('not run: LINE would not connect to this endpoint (fix the failures above first)', deliveryIds);
      } else if (options.channelSecret === undefined) {
        checks.push(...deliveryIds.map((id) => skip(id, target, 'not run: no --channel-secret given', 'Pass --channel-secret <secret> to check that the bot answers signed batches in time and refuses forged ones.')));
      } else {
        checks.push(...(await checkDeliveries({ url: options.url, channelSecret: options.channelSecret, channelId: options.channelId, ca, timeoutMs: options.timeoutMs })));
      }
    }
  }
  for (const media of options.media) checks.push(await checkMedia(media, { ca, trustStore, timeoutMs: options.timeoutMs }));
  return doctorReport(options.url.href, checks);
}
