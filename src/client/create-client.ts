import { LineError, NetworkError } from '../errors.js';
import { defaultLogger } from '../logger.js';
import { validateOutgoingMessage } from '../messages/validate-outgoing-message.js';
import { businessConnectHost, trialHost } from '../protocol/hosts.js';
import { profilesPerRequest, recipientsPerRequest, requestBodyBytes } from '../protocol/limits.js';
import { checkOptionKeys, optionKeys } from '../option-keys.js';
import { createAuth } from './auth.js';
import { baseBodyBytes, buildEventBody, buildSendPayload, type SendPayload } from './build-send-payload.js';
import type { ClientOptions } from './client-options.js';
import { createApiCall } from './create-api-call.js';
import { createMidDeduper } from './create-mid-deduper.js';
import { resolveTransport } from './fetch-transport.js';
import type { LineClient } from './line-client.js';
import type { GetMessageContentOptions, MessageContent } from './message-content.js';
import { parseContentDisposition } from './parse-content-disposition.js';
import { normaliseBaseUrl, positiveInteger, positiveNumber } from './option-checks.js';
import { checkMid, planRequests } from './plan-requests.js';
import { readContacts } from './read-contacts.js';
import { replyTarget } from './reply-target.js';
import { redactError } from './redact-error.js';
import { mayHaveDelivered, resolveRetryOptions } from './retry.js';
import { runSend } from './run-send.js';
import { runWithConcurrency } from './run-with-concurrency.js';
import { readSendAnswer } from './send-answer.js';
import type { SendOptions } from './send-options.js';
import type { SendRequestResult } from './send-result.js';

// The options each entry point takes; a misspelled one is refused, naming the closest (option-keys.ts).
const CLIENT_OPTION_KEYS = /* @__PURE__ */ optionKeys<ClientOptions>()([
  'channelToken',
  'trial',
  'baseUrl',
  'transport',
  'fetch',
  'timeoutMs',
  'retry',
  'concurrency',
  'maxRecipientsPerRequest',
  'maxBodyBytes',
  'maxProfilesPerRequest',
  'logger',
]);
const SEND_OPTION_KEYS = /* @__PURE__ */ optionKeys<SendOptions>()(['toType', 'messageNotified', 'signal', 'onRequest']);
const REPLY_OPTION_KEYS = /* @__PURE__ */ optionKeys<Omit<SendOptions, 'toType'>>()(['messageNotified', 'signal', 'onRequest']);
const CONTENT_OPTION_KEYS = /* @__PURE__ */ optionKeys<GetMessageContentOptions>()(['preview', 'signal']);

const JSON_CONTENT_TYPE = 'application/json; charset=UTF-8';
const EVENTS_ENDPOINT = 'POST /v1/events';

/**
 * Creates a client of the LINE Business Connect REST API (or of the BOT API Trial with `trial`).
 * Throws {@link LineError} at once when the options are incomplete or contradictory.
 *
 * @example
 * ```ts
 * const client = createClient({ channelToken: 'YOUR_CHANNEL_ACCESS_TOKEN' });
 * await client.send(['u0a556cffd4da0dd89c94fb36e36e1cdc'], text('hello')); // rejects with SendError if anyone was not sent
 * ```
 */
export function createClient(options: ClientOptions): LineClient {
  if (options === null || typeof options !== 'object') throw new LineError('createClient: pass an options object.');
  checkOptionKeys(options, CLIENT_OPTION_KEYS, 'createClient');
  const auth = createAuth(options.channelToken, options.trial);
  const trial = auth.mode === 'trial';
  const baseUrl = normaliseBaseUrl(options.baseUrl ?? (trial ? trialHost : businessConnectHost));
  const timeoutMs = positiveNumber('timeoutMs', options.timeoutMs, 30_000);
  const concurrency = positiveInteger('concurrency', options.concurrency, 4);
  const maxRecipients = positiveInteger('maxRecipientsPerRequest', options.maxRecipientsPerRequest, recipientsPerRequest);
  const maxBodyBytes = positiveInteger('maxBodyBytes', options.maxBodyBytes, requestBodyBytes);
  const maxProfiles = positiveInteger('maxProfilesPerRequest', options.maxProfilesPerRequest, profilesPerRequest);
  const apiCall = createApiCall({
    baseUrl,
    transport: resolveTransport(options, 'createClient'),
    timeoutMs,
    retry: resolveRetryOptions(options.retry),
    auth,
    logger: options.logger ?? defaultLogger,
  });

  async function sendRequest(recipients: string[], payload: SendPayload, signal: AbortSignal | undefined): Promise<SendRequestResult> {
    const trace = { ambiguous: false };
    try {
      const answer = await apiCall(
        { method: 'POST', path: '/v1/events', body: buildEventBody(recipients, payload), contentType: JSON_CONTENT_TYPE, policy: 'send', signal },
        // A 2xx means LINE took the request: an unreadable body must not turn it into a failure
        // (a caller who resends would deliver twice).
        async (response) => parseJson(await response.text().catch(() => '')),
        trace,
      );
      return readSendAnswer(recipients, answer, trace.ambiguous);
    } catch (error) {
      const lineError = toLineError(error, signal, auth.secrets());
      return { recipients, ok: false, error: lineError, maybeDelivered: trace.ambiguous || mayHaveDelivered(lineError) };
    }
  }

  const client: LineClient = {
    async send(to, message, sendOptions: SendOptions = {}) {
      checkOptionKeys(sendOptions, SEND_OPTION_KEYS, 'send');
      const messages = Array.isArray(message)
        ? (message as readonly unknown[]).map((item, index) => validateOutgoingMessage(item, { field: `messages[${index}]` }))
        : validateOutgoingMessage(message);
      const payload = buildSendPayload(messages, {
        toType: sendOptions.toType ?? 'user',
        messageNotified: sendOptions.messageNotified,
        trial,
      });
      const onRequest = sendOptions.onRequest;
      if (onRequest !== undefined && typeof onRequest !== 'function') throw new LineError('send: onRequest must be a function.');
      const plan = planRequests(to, { baseBytes: baseBodyBytes(payload), maxRecipients, maxBodyBytes });
      const signal = sendOptions.signal;
      signal?.throwIfAborted();
      return runSend(plan, { concurrency, signal, onRequest, sendRequest: (recipients) => sendRequest(recipients, payload, signal) });
    },

    async reply(message, outgoing, replyOptions = {}) {
      checkOptionKeys(replyOptions, REPLY_OPTION_KEYS, 'reply');
      const chat = replyTarget(message);
      return client.send(chat.mid, outgoing, { ...replyOptions, toType: chat.type });
    },

    async getMessageContent(messageId, contentOptions = {}) {
      checkOptionKeys(contentOptions, CONTENT_OPTION_KEYS, 'getMessageContent');
      requireId('messageId', messageId);
      const path = `/v1/bot/message/${encodeURIComponent(messageId)}/content${contentOptions.preview ? '/preview' : ''}`;
      // The timeout covers the wait for the headers only: a large video may stream for longer.
      return apiCall({ method: 'GET', path, policy: 'read', signal: contentOptions.signal }, (response) => {
        const body = response.stream();
        const signal = contentOptions.signal;
        // Not every fetch errors the body when its signal aborts after the headers: pipe through an
        // identity stream bound to the caller's signal (no buffering beyond one chunk).
        const content: MessageContent = { body: signal ? body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>(), { signal }) : body };
        const contentType = response.headers.get('content-type');
        if (contentType !== null) content.contentType = contentType;
        const length = response.headers.get('content-length');
        if (length !== null && /^\d+$/.test(length.trim())) content.contentLength = Number(length.trim());
        const fileName = parseContentDisposition(response.headers.get('content-disposition'));
        if (fileName !== undefined) content.fileName = fileName;
        return Promise.resolve(content);
      });
    },

    async getProfiles(mids) {
      if (!Array.isArray(mids)) throw new LineError('getProfiles: pass an array of MIDs.');
      const unique = dedupe(mids, 'mids');
      const chunks: string[][] = [];
      for (let i = 0; i < unique.length; i += maxProfiles) chunks.push(unique.slice(i, i + maxProfiles));
      const pages = await runWithConcurrency(chunks, concurrency, async (chunk) => {
        const text = await apiCall(
          // spec §4.2: `mids=mid1,mid2` with literal commas; each MID is percent-encoded.
          { method: 'GET', path: '/v1/profiles', query: `mids=${chunk.map(encodeURIComponent).join(',')}`, policy: 'read' },
          (response) => response.text(),
        );
        return readContacts(text);
      });
      return pages.flat();
    },

    leaveGroup: (groupMid) => leave('group', groupMid),
    leaveRoom: (roomMid) => leave('room', roomMid),
  };
  return client;

  async function leave(kind: 'group' | 'room', mid: string): Promise<void> {
    if (trial) throw new LineError(`leave${kind === 'group' ? 'Group' : 'Room'}: leaving a ${kind} is a Business Connect feature; the BOT API Trial has no such endpoint.`);
    requireId(`${kind}Mid`, mid);
    // DELETE is idempotent (leaving twice leaves once), so every transient failure is retried.
    await apiCall({ method: 'DELETE', path: `/v1/bot/${kind}/leave/${encodeURIComponent(mid)}`, policy: 'read' }, async (response) => {
      // Drain the (small) answer so the connection can be reused. A 2xx means the bot left: a body
      // that cannot be read must not turn that into a failure.
      await response.text().catch(() => {});
    });
  }
}

/** Keeps the first occurrence of each MID, in order (one pass); rejects anything but non-empty strings. */
function dedupe(mids: readonly unknown[], field: string): string[] {
  mids.forEach((mid, index) => checkMid(mid, field, index));
  const isFirst = createMidDeduper(mids as readonly string[]);
  return (mids as readonly string[]).filter((_mid, index) => isFirst(index));
}

function requireId(name: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') throw new LineError(`${name} must be a non-empty string.`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toLineError(error: unknown, signal: AbortSignal | undefined, secrets: string[]): LineError {
  if (error instanceof LineError) return error;
  if (signal?.aborted) return new NetworkError(EVENTS_ENDPOINT, { cause: signal.reason });
  // The cause is printed by console.error (`[cause]`): a token quoted in it must not get there.
  return new LineError(`${EVENTS_ENDPOINT} was not completed: the TokenProvider threw an unexpected error (see cause).`, {
    cause: redactError(error, secrets),
  });
}
