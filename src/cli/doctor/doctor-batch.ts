import { randomUUID } from 'node:crypto';
import { HeaderName } from '../../protocol/hosts.js';
import { operationEvent } from '../../testing/event-factories.js';
import { signedRequest } from '../../testing/signed-request.js';

/**
 * The opType of the doctor's test event. LINE defines 4, 8 and (BC) 5 and 7 (spec §2.3); 0 is none
 * of them, so a bot ignores the event: this library decodes it as an operation of type `'unknown'`,
 * and bots built on LINE's SDKs switch on the known opTypes.
 */
export const doctorOpType = 0;

/** The body and headers of one test delivery, ready to POST. */
export interface DoctorDelivery {
  /** The exact `{"result":[…]}` bytes. */
  body: Uint8Array;
  /** `Content-Type`, and `X-LINE-ChannelSignature` unless the delivery is the unsigned one. */
  headers: Record<string, string>;
  /** The id of the one event in the batch (in the bot's logs: `line-bc-doctor-…`). */
  eventId: string;
}

/** The three deliveries of the doctor: correctly signed, signed with a wrong secret, and unsigned. */
export interface DoctorDeliveries {
  signed: DoctorDelivery;
  forged: DoctorDelivery;
  unsigned: DoctorDelivery;
}

/**
 * Builds the doctor's test deliveries with the library's own signer and event factories, as LINE
 * would send them. Each holds ONE harmless event: an operation with opType {@link doctorOpType},
 * `params` `[null, null, null]` (no user a bot could store, answer or delete), `revision` 0 (older
 * than any real one, so a bot that orders operations by revision never skips a real one after it),
 * and an event id `line-bc-doctor-<uuid>` that shows up in the bot's logs. Every delivery has its
 * own event id, so a bot that de-duplicates events before checking the signature is not mistaken
 * for one that accepts forgeries.
 *
 * @param channelSecret - the bot's channel secret (signs the `signed` delivery only)
 * @param channelId - `toChannel` of the event; give the bot's own when it checks it. Default the factories' placeholder
 */
export async function buildDoctorDeliveries(channelSecret: string, channelId?: string): Promise<DoctorDeliveries> {
  const build = async (secret: string, signed = true): Promise<DoctorDelivery> => {
    const eventId = `line-bc-doctor-${randomUUID()}`;
    const event = operationEvent(doctorOpType, {
      id: eventId,
      params: [null, null, null],
      revision: 0,
      createdTime: Date.now(),
      ...(channelId === undefined ? {} : { channelId: Number(channelId) }),
    });
    const request = await signedRequest([event], { channelSecret: secret });
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    if (!signed) delete headers[HeaderName.signature.toLowerCase()];
    return { body: new Uint8Array(await request.arrayBuffer()), headers, eventId };
  };
  return {
    signed: await build(channelSecret),
    // Any other key gives a wrong signature; a random one cannot be the real secret.
    forged: await build(`not-the-channel-secret-${randomUUID()}`),
    unsigned: await build(channelSecret, false),
  };
}
