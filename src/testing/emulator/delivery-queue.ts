import { signBody } from '../../signature/sign-body.js';
import { HeaderName } from '../../protocol/hosts.js';
import type { Delivery } from './emulator-types.js';
import type { EmulatorState, EntryRecord } from './emulator-state.js';

/** Settings of a {@link DeliveryQueue}. */
export interface DeliveryQueueOptions {
  channelSecret: string;
  batchWindowMs: number;
  maxEventsPerBatch: number;
  deliveryTimeoutMs: number;
  getWebhookUrl(): string | undefined;
  log(line: string): void;
}

interface Pending {
  event: Record<string, unknown>;
  entry: EntryRecord;
  done: () => void;
}

type MutableDelivery = { -readonly [K in keyof Delivery]: Delivery[K] };

/**
 * Delivers queued events to the bot's endpoint as signed `{"result":[…]}` batches (spec §2): events
 * queued within `batchWindowMs` (or while a delivery is in flight) go together, up to
 * `maxEventsPerBatch` per request. One delivery at a time, in order. Nothing is retried on its own:
 * every attempt is a recorded {@link Delivery}; {@link DeliveryQueue.redeliver} repeats one on request.
 */
export class DeliveryQueue {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private counter = 0;
  private closed = false;
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly state: EmulatorState,
    private readonly options: DeliveryQueueOptions,
  ) {}

  /** Queues one event; resolves once the delivery that carried it finished (whatever its outcome). */
  enqueue(event: Record<string, unknown>, entry: EntryRecord): Promise<void> {
    if (this.closed) {
      entry.delivered = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.pending.push({ event, entry, done: resolve });
      this.schedule();
    });
  }

  /** Resolves when nothing is queued or in flight. */
  async flush(): Promise<void> {
    while (this.pending.length > 0 || this.running !== undefined || this.timer !== undefined) {
      if (this.running) await this.running;
      else await new Promise((resolve) => setTimeout(resolve, Math.max(1, this.options.batchWindowMs)));
    }
  }

  /** Sends the events of a past delivery again, as a new delivery. */
  async redeliver(deliveryId: string): Promise<Delivery> {
    const original = this.state.deliveries.find((d) => d.id === deliveryId);
    if (!original) throw new TypeError(`redeliver: no delivery ${JSON.stringify(deliveryId)}.`);
    return this.post(original.events as Record<string, unknown>[], original.id);
  }

  /** Stops delivering: aborts requests in flight; queued events are recorded as failed. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const controller of this.inFlight) controller.abort(new Error('the emulator was closed'));
    for (const item of this.pending.splice(0)) {
      item.entry.delivered = false;
      item.done();
    }
  }

  private schedule(): void {
    if (this.timer !== undefined || this.running !== undefined || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.drain().finally(() => {
        this.running = undefined;
        if (this.pending.length > 0) this.schedule();
      });
    }, this.options.batchWindowMs);
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0 && !this.closed) {
      const batch = this.pending.splice(0, this.options.maxEventsPerBatch);
      const delivery = await this.post(batch.map((item) => item.event), undefined);
      for (const item of batch) {
        item.entry.delivered = delivery.ok;
        item.entry.deliveryId = delivery.id;
        item.done();
      }
      this.state.touch();
    }
  }

  private async post(events: Record<string, unknown>[], redeliveryOf: string | undefined): Promise<Delivery> {
    const url = this.options.getWebhookUrl();
    const delivery: MutableDelivery = {
      id: `d${++this.counter}`,
      time: Date.now(),
      url,
      events,
      status: undefined,
      ok: false,
      latencyMs: 0,
      error: undefined,
      responseBody: undefined,
      redeliveryOf,
    };
    const started = performance.now();
    if (url === undefined) {
      delivery.error = 'No webhook URL is set: start the emulator with webhookUrl (or --webhook), or set it in the inbox page.';
    } else {
      const body = JSON.stringify({ result: events });
      const controller = new AbortController();
      this.inFlight.add(controller);
      const timer = setTimeout(() => controller.abort(new Error(`timed out after ${this.options.deliveryTimeoutMs} ms`)), this.options.deliveryTimeoutMs);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json; charset=UTF-8',
            [HeaderName.signature]: await signBody(body, this.options.channelSecret),
            'User-Agent': 'line-bc-emulator',
          },
          body,
          signal: controller.signal,
          redirect: 'manual',
        });
        delivery.status = response.status;
        delivery.ok = response.status >= 200 && response.status < 300;
        const text = await response.text();
        delivery.responseBody = text.length > 500 ? `${text.slice(0, 500)}…` : text;
        if (!delivery.ok) delivery.error = `The bot answered HTTP ${response.status}.`;
      } catch (error) {
        delivery.error = describeFetchError(error, controller.signal);
      } finally {
        clearTimeout(timer);
        this.inFlight.delete(controller);
      }
    }
    delivery.latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const frozen = Object.freeze(delivery) as Delivery;
    this.state.deliveries.push(frozen);
    this.state.touch();
    this.options.log(
      `delivery ${frozen.id}: ${events.length} event(s) → ${url ?? '(no webhook URL)'} ${frozen.ok ? `HTTP ${String(frozen.status)}` : `FAILED (${frozen.error ?? ''})`} in ${frozen.latencyMs} ms`,
    );
    return frozen;
  }
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
