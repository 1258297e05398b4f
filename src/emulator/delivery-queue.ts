import { HeaderName } from '../protocol/hosts.js';
import { signBody } from '../signature/sign-body.js';
import { Deque } from './deque.js';
import type { Delivery, DeliveryOutcome } from './emulator-types.js';
import { EmulatorInputError } from './emulator-input-error.js';
import { deliveryView, describe, type DeliveryRecord, type EntryRecord, type Platform } from './platform.js';

/** Settings of a {@link DeliveryQueue}. */
export interface DeliveryQueueOptions {
  channelSecret: string;
  batchWindowMs: number;
  maxEventsPerBatch: number;
  deliveriesInFlight: number;
  deliveryTimeoutMs: number;
  getWebhookUrl(): string | undefined;
  /** Sends one signed request to the bot. */
  fetch(request: Request): Promise<Response>;
  log(line: string): void;
  /** Gets the outcome of every delivery (see `FakeLineOptions.onDelivery`). */
  onDelivery: ((outcome: DeliveryOutcome) => void) | undefined;
}

interface Pending {
  /** The event as JSON text, serialised once when queued. */
  json: string;
  /** The conversation entry that waits for the outcome, if any. */
  entry: EntryRecord | undefined;
  done: () => void;
}

type MutableDelivery = { -readonly [K in keyof DeliveryRecord]: DeliveryRecord[K] };

const encoder = new TextEncoder();

/** The start of a bot's answer kept in the log, and the most read of it. */
const RESPONSE_KEPT_CHARS = 500;
const RESPONSE_READ_BYTES = 64 * 1024;

/**
 * Delivers queued events to the bot's endpoint as signed `{"result":[…]}` batches (spec §2): a batch
 * leaves when it holds `maxEventsPerBatch` events, when `batchWindowMs` passed since its first event, or
 * as soon as a delivery slot frees (events queued during a delivery go together). Up to
 * `deliveriesInFlight` deliveries run at once (1: strictly in order). Nothing is retried on its own:
 * every attempt is a recorded delivery; {@link DeliveryQueue.redeliver} repeats one on request.
 * Work per event is constant (one serialisation when queued); nothing here ever rejects.
 */
export class DeliveryQueue {
  private readonly pending = new Deque<Pending>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = 0;
  private counter = 0;
  private closed = false;
  private readonly controllers = new Set<AbortController>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly platform: Platform,
    private readonly options: DeliveryQueueOptions,
  ) {}

  /** Queues one event; resolves once the delivery that carried it finished (whatever its outcome). */
  enqueue(event: Record<string, unknown>, entry: EntryRecord | undefined): Promise<void> {
    if (this.closed) {
      if (entry) entry.delivered = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.pending.push({ json: JSON.stringify(event), entry, done: resolve });
      this.pump(false);
    });
  }

  /** Resolves when nothing is queued or in flight. */
  flush(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Sends the events of a past delivery again, as a new delivery. */
  async redeliver(deliveryId: string): Promise<Delivery> {
    const original = this.platform.findDelivery(deliveryId);
    if (!original) throw new EmulatorInputError(`redeliver: no delivery ${describe(deliveryId)} in the delivery log.`);
    const view = deliveryView(original);
    this.inFlight++;
    try {
      return deliveryView(await this.post(original.body, view.events.length, original.id));
    } finally {
      this.inFlight--;
      this.pump(true);
    }
  }

  /** Stops delivering: aborts requests in flight; queued events are recorded as not delivered. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const controller of this.controllers) controller.abort(new Error('the emulator was closed'));
    for (let item = this.pending.shift(); item; item = this.pending.shift()) {
      if (item.entry) item.entry.delivered = false;
      item.done();
    }
    this.settleIdle();
  }

  /** Starts the batches that may leave now; `force` sends a partial batch without waiting for the window. */
  private pump(force: boolean): void {
    while (!this.closed && this.inFlight < this.options.deliveriesInFlight && this.pending.length > 0) {
      if (!force && this.pending.length < this.options.maxEventsPerBatch) {
        this.timer ??= setTimeout(() => {
          this.timer = undefined;
          this.pump(true);
        }, this.options.batchWindowMs);
        return;
      }
      const batch: Pending[] = [];
      while (batch.length < this.options.maxEventsPerBatch && this.pending.length > 0) batch.push(this.pending.shift()!);
      this.inFlight++;
      void this.deliver(batch);
    }
    if (this.pending.length === 0 && this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.settleIdle();
  }

  private async deliver(batch: Pending[]): Promise<void> {
    let record: DeliveryRecord | undefined;
    try {
      record = await this.post(`{"result":[${batch.map((item) => item.json).join(',')}]}`, batch.length, undefined);
    } catch (error) {
      // post() records every failure itself; reaching here is a bug, logged rather than lost.
      this.options.log(`delivery failed unexpectedly: ${String(error)}`);
    }
    for (const item of batch) {
      if (item.entry) {
        item.entry.delivered = record?.ok ?? false;
        if (record) item.entry.deliveryId = record.id;
      }
      item.done();
    }
    this.platform.touch();
    this.inFlight--;
    this.pump(true);
  }

  private async post(body: string, events: number, redeliveryOf: string | undefined): Promise<DeliveryRecord> {
    const url = this.options.getWebhookUrl();
    const delivery: MutableDelivery = {
      id: `d${++this.counter}`,
      time: this.platform.settings.now(),
      url,
      body,
      status: undefined,
      ok: false,
      latencyMs: 0,
      error: undefined,
      errorKind: undefined,
      responseBody: undefined,
      redeliveryOf,
    };
    const started = performance.now();
    if (url === undefined) {
      delivery.error = 'No webhook URL is set: start the emulator with webhookUrl (or --webhook), or set it in the inbox page.';
      delivery.errorKind = 'no-webhook-url';
    } else {
      const controller = new AbortController();
      this.controllers.add(controller);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new Error(`timed out after ${this.options.deliveryTimeoutMs} ms`));
      }, this.options.deliveryTimeoutMs);
      try {
        // Encoded once: the signature covers exactly the bytes sent (spec §2).
        const bytes = encoder.encode(body);
        const request = new Request(url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json; charset=UTF-8',
            [HeaderName.signature]: await signBody(bytes, this.options.channelSecret),
            'User-Agent': 'line-bc-emulator',
          },
          body: bytes,
          signal: controller.signal,
          redirect: 'manual',
        });
        const response = await this.options.fetch(request);
        delivery.status = response.status;
        delivery.ok = response.status >= 200 && response.status < 300;
        const text = await readStart(response);
        delivery.responseBody = text.length > RESPONSE_KEPT_CHARS ? `${text.slice(0, RESPONSE_KEPT_CHARS)}…` : text;
        if (!delivery.ok) {
          delivery.error = `The bot answered HTTP ${response.status}.`;
          delivery.errorKind = 'refused';
        }
      } catch (error) {
        if (delivery.status !== undefined) {
          // The bot answered, then its body failed: a 2xx stays a success (it accepted the batch), any
          // other status stays a refusal, not a connection failure.
          const reason = error instanceof Error ? error.message : String(error);
          delivery.error = `The bot answered HTTP ${delivery.status}, but its answer body could not be read: ${reason}.`;
          if (!delivery.ok) delivery.errorKind = 'refused';
        } else {
          delivery.error = describeFetchError(error, controller.signal);
          delivery.errorKind = !controller.signal.aborted ? 'connection' : timedOut ? 'timeout' : 'closed';
        }
      } finally {
        clearTimeout(timer);
        this.controllers.delete(controller);
      }
    }
    delivery.latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const frozen = Object.freeze(delivery) as DeliveryRecord;
    this.platform.recordDelivery(frozen);
    this.report(frozen, events);
    this.options.log(
      `delivery ${frozen.id}: ${events} event(s) → ${url ?? '(no webhook URL)'} ${frozen.ok ? `HTTP ${String(frozen.status)}` : `FAILED (${frozen.error ?? ''})`} in ${frozen.latencyMs} ms`,
    );
    return frozen;
  }

  /** Hands the outcome to `onDelivery`; what it throws is logged, never breaks the queue. */
  private report(record: DeliveryRecord, eventCount: number): void {
    const onDelivery = this.options.onDelivery;
    if (onDelivery === undefined) return;
    const { body: _body, ...outcome } = record;
    try {
      onDelivery(Object.freeze({ ...outcome, eventCount }));
    } catch (error) {
      this.options.log(`onDelivery threw for delivery ${record.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private idle(): boolean {
    return this.pending.length === 0 && this.inFlight === 0 && this.timer === undefined;
  }

  private settleIdle(): void {
    if (this.idleWaiters.length === 0 || !this.idle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** The start of a response body as text, reading at most {@link RESPONSE_READ_BYTES}: a bot's answer is only logged. */
async function readStart(response: Response): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let read = 0;
  while (read < RESPONSE_READ_BYTES) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    read += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
  reader.cancel().catch(() => {});
  return text;
}

function describeFetchError(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) {
    const reason = signal.reason instanceof Error ? signal.reason.message : 'aborted';
    return `The bot did not answer: ${reason}.`;
  }
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const code = cause && typeof cause === 'object' && 'code' in cause ? ` (${String((cause as { code: unknown }).code)})` : '';
    const causeMessage = cause instanceof Error ? `: ${cause.message}` : '';
    return `Could not reach the bot: ${error.message}${causeMessage}${code}.`;
  }
  return `Could not reach the bot: ${String(error)}.`;
}
