import { checkChain } from './check-chain.js';
import { checkExpiry } from './check-expiry.js';
import { checkHostName } from './check-host-name.js';
import { fail, pass, warn, type DoctorCheck } from './doctor-check.js';
import { HttpsExchangeError, httpsExchange } from './https-exchange.js';

/** Content types the LINE app can show for image, video and audio messages and rich message images. */
const mediaType = /^(image|audio|video)\//i;

/**
 * The `media` check of one URL (spec §3: the LINE app downloads media straight from your server, over
 * HTTPS with a valid certificate): an `https:` URL whose chain verifies and covers the host, answering
 * `GET` with 200 and an `image/*`, `audio/*` or `video/*` content type. Only the headers are read.
 *
 * @param url - the media URL as given
 * @param options - trust store (`ca`, and its name for messages) and time limit
 */
export async function checkMedia(url: string, options: { ca: string | undefined; trustStore: string; timeoutMs: number }): Promise<DoctorCheck> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail('media', url, 'not an absolute URL', 'Give the full https:// URL of the file.');
  }
  if (parsed.protocol !== 'https:') return fail('media', url, `a ${parsed.protocol} URL`, 'LINE needs media on https: URLs with a certificate from a public CA.');
  let result;
  try {
    result = await httpsExchange({ url: parsed, method: 'GET', ca: options.ca, timeoutMs: options.timeoutMs, verify: false });
  } catch (error) {
    const { code, message } = error instanceof HttpsExchangeError ? error : new HttpsExchangeError('ERR_HTTPS', String(error));
    return fail('media', url, `GET failed: ${code} ${message}`, 'Check that the media server is up and reachable from the internet at this URL.', { error: code });
  }
  const details: Record<string, unknown> = { status: result.status, contentType: result.headers['content-type'] ?? null, ms: result.ms };
  // The same certificate rules as the endpoint: the first failure is the verdict.
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const expiry = checkExpiry(url, result.certificate);
  for (const check of [checkChain(url, result, options.trustStore), checkHostName(url, host, result.certificate), expiry]) {
    if (check.status === 'fail') return fail('media', url, check.reason, check.fix ?? '', { ...details, [check.id]: check.details });
  }
  if (result.status !== 200) {
    const location = result.headers.location ? ` (Location: ${result.headers.location})` : '';
    return fail('media', url, `GET answered ${result.status}${location}, not 200`, 'Serve the file itself at this URL with 200 (the LINE app downloads exactly this URL).', details);
  }
  const type = result.headers['content-type'];
  if (type === undefined || !mediaType.test(type)) {
    return fail('media', url, `GET answered 200 with ${type === undefined ? 'no Content-Type' : `Content-Type ${type}`}, not an image, audio or video type`, 'Serve the file with its media type (e.g. image/jpeg, video/mp4, audio/x-m4a); an HTML page here is usually a login or error page.', details);
  }
  if (expiry.status === 'warn') return warn('media', url, `GET answered 200 ${type}, but ${expiry.reason}`, expiry.fix ?? '', details);
  return pass('media', url, `GET answered 200 ${type} in ${result.ms} ms`, details);
}
