import { buildDoctorDeliveries, type DoctorDelivery } from './doctor-batch.js';
import { fail, pass, skip, warn, type DoctorCheck } from './doctor-check.js';
import { HttpsExchangeError, httpsExchange, type HttpsExchangeResult } from './https-exchange.js';

/** What the delivery checks need. */
export interface DeliveryCheckOptions {
  /** The event endpoint URL. */
  url: URL;
  /** The bot's channel secret. */
  channelSecret: string;
  /** `toChannel` of the test event. Default the factories' placeholder. */
  channelId: string | undefined;
  /** PEM CAs instead of the public store. */
  ca: string | undefined;
  /** The time LINE allows for an answer, in ms. */
  timeoutMs: number;
}

const verifyFix =
  'Verify X-LINE-ChannelSignature over the raw body bytes before anything else and answer 401 when it is missing or does not match (createWebhookHandler does).';

async function post(options: DeliveryCheckOptions, delivery: DoctorDelivery): Promise<HttpsExchangeResult | HttpsExchangeError> {
  const headers = { ...delivery.headers, 'user-agent': 'line-bc-doctor' };
  try {
    return await httpsExchange({ url: options.url, method: 'POST', headers, body: delivery.body, ca: options.ca, timeoutMs: options.timeoutMs, verify: true });
  } catch (error) {
    return error instanceof HttpsExchangeError ? error : new HttpsExchangeError('ERR_HTTPS', String(error));
  }
}

const statusText = (result: HttpsExchangeResult) => `${result.status}${result.headers.location ? ` (Location: ${result.headers.location})` : ''}`;

/** The `signed-batch` check: a correctly signed harmless batch must get a 2xx within the time LINE allows. */
function checkSigned(options: DeliveryCheckOptions, eventId: string, result: HttpsExchangeResult | HttpsExchangeError): DoctorCheck {
  const target = options.url.href;
  const limit = `${options.timeoutMs} ms`;
  if (result instanceof HttpsExchangeError) {
    if (result.code === 'ETIMEDOUT') {
      return fail('signed-batch', target, `no answer to a signed batch within ${limit}, the time LINE allows (--timeout-ms)`, "Answer 200 as soon as the signature is verified and process afterwards (createWebhookHandler's respond: 'first', waitUntil, or a queue).", { eventId, timeoutMs: options.timeoutMs });
    }
    return fail('signed-batch', target, `the signed batch could not be delivered: ${result.code} ${result.message}`, 'Check that the server is up and reachable at this URL (firewall, port, reverse proxy).', { eventId, error: result.code });
  }
  const details = { eventId, status: result.status, ms: result.ms, timeoutMs: options.timeoutMs };
  const { status } = result;
  if (status >= 200 && status < 300) {
    const answered = `answered ${status} to a signed batch in ${result.ms} ms (LINE allows ${limit})`;
    if (result.ms * 2 > options.timeoutMs) {
      return warn('signed-batch', target, `${answered}: more than half the time allowed`, "Answer 200 first and process afterwards (respond: 'first', waitUntil, or a queue), so a slow moment does not lose deliveries.", details);
    }
    return pass('signed-batch', target, answered, details);
  }
  const refused = `answered ${statusText(result)} to a correctly signed batch`;
  if (status >= 300 && status < 400) return fail('signed-batch', target, refused, 'LINE posts events to the exact URL you register: register the final URL, not one that redirects.', details);
  if (status === 401 || status === 403) return fail('signed-batch', target, refused, 'Check that --channel-secret is the secret the bot verifies with (this channel\'s secret), and that the bot verifies the raw body bytes, not re-serialised JSON.', details);
  if (status === 404 || status === 405) return fail('signed-batch', target, `${refused}: nothing takes POST at this path`, 'Check the path of the event endpoint URL and that the route accepts POST.', details);
  return fail('signed-batch', target, `${refused} (one operation event with an unknown opType, which a bot must accept and ignore)`, 'See the bot\'s logs: it must answer 200 to every correctly signed batch, including events it does not know.', details);
}

/** The `forged-signature` and `missing-signature` checks: the bot must refuse both. */
function checkRefused(id: 'forged-signature' | 'missing-signature', options: DeliveryCheckOptions, eventId: string, result: HttpsExchangeResult | HttpsExchangeError): DoctorCheck {
  const target = options.url.href;
  const what = id === 'forged-signature' ? 'a batch signed with a wrong secret' : 'a batch without X-LINE-ChannelSignature';
  if (result instanceof HttpsExchangeError) {
    return warn(id, target, `${what} got no answer: ${result.code} ${result.message}`, `Answer 401 at once. ${verifyFix}`, { eventId, error: result.code });
  }
  const details = { eventId, status: result.status, ms: result.ms };
  if (result.status === 401 || result.status === 403) return pass(id, target, `refused ${what} with ${result.status}`, details);
  if (result.status >= 400 && result.status < 500) return pass(id, target, `refused ${what} with ${result.status} (401 is the usual answer)`, details);
  if (result.status >= 500) return warn(id, target, `answered ${what} with ${result.status}: refused, but as a server error`, `Answer 401, so a forgery does not look like an outage. ${verifyFix}`, details);
  return fail(id, target, `accepted ${what} (${statusText(result)}): anyone can send this bot forged events`, verifyFix, details);
}

/**
 * The delivery checks: POSTs a correctly signed harmless batch (see `buildDoctorDeliveries`), then
 * the same kind of batch signed with a wrong secret, then one without a signature, one at a time.
 * When the signed batch cannot be delivered at all, the other two are skipped.
 */
export async function checkDeliveries(options: DeliveryCheckOptions): Promise<DoctorCheck[]> {
  const deliveries = await buildDoctorDeliveries(options.channelSecret, options.channelId);
  const signed = await post(options, deliveries.signed);
  const checks = [checkSigned(options, deliveries.signed.eventId, signed)];
  if (signed instanceof HttpsExchangeError) {
    const reason = 'not run: the signed batch got no answer';
    return [...checks, skip('forged-signature', options.url.href, reason), skip('missing-signature', options.url.href, reason)];
  }
  checks.push(checkRefused('forged-signature', options, deliveries.forged.eventId, await post(options, deliveries.forged)));
  checks.push(checkRefused('missing-signature', options, deliveries.unsigned.eventId, await post(options, deliveries.unsigned)));
  return checks;
}
