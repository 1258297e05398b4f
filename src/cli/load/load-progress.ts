/** Where a load run stands, for the progress display. */
export interface LoadProgressSnapshot {
  /** Since the first event, in ms. */
  elapsedMs: number;
  /** How far the run is, 0 to 1 (events delivered or failed of `--count`, or time of `--duration`). */
  fraction: number;
  /** Events the virtual users sent. */
  sent: number;
  /** Events the bot accepted (its answer was 2xx). */
  delivered: number;
  /** Deliveries that finished, and those that failed. */
  batches: number;
  failedBatches: number;
}

/** A stream to show progress on: a TTY gets a bar redrawn in place, anything else a plain line now and then. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const perSecond = (count: number, ms: number) => (ms <= 0 ? 0 : Math.round((count * 1000) / ms));

/** One plain progress line (a log or a pipe), e.g. `load 2.0 s: 2000 events sent, 1990 accepted, 20 batches (0 failed), 995 events/s`. */
export function formatProgressLine(s: LoadProgressSnapshot): string {
  return `load ${(s.elapsedMs / 1000).toFixed(1)} s: ${s.sent} events sent, ${s.delivered} accepted, ${s.batches} ${s.batches === 1 ? 'batch' : 'batches'} (${s.failedBatches} failed), ${perSecond(s.delivered, s.elapsedMs)} events/s`;
}

/**
 * The progress bar of a TTY, at most `columns` wide (80 when the terminal does not say):
 * `[#####·····]  50%  5000 sent  4990 ok  0 failed batches  998/s`.
 */
export function formatProgressBar(s: LoadProgressSnapshot, terminalColumns?: number): string {
  const columns = terminalColumns !== undefined && terminalColumns >= 20 ? terminalColumns : 80;
  const percent = Math.min(100, Math.floor(s.fraction * 100));
  const tail = ` ${String(percent).padStart(3)}%  ${s.sent} sent  ${s.delivered} ok  ${s.failedBatches} failed batches  ${perSecond(s.delivered, s.elapsedMs)}/s`;
  // A width set by the terminal alone, so that the bar keeps its length while the numbers grow.
  const width = Math.max(10, Math.min(40, columns - 55));
  const filled = Math.round((percent / 100) * width);
  return `[${'#'.repeat(filled)}${'·'.repeat(width - filled)}]${tail}`.slice(0, Math.max(1, columns - 1));
}

/**
 * Shows a load run's progress on `stream` (stderr): on a TTY a bar redrawn every 200 ms and erased at the
 * end, otherwise a plain line every second.
 */
export class LoadProgress {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly stream: ProgressStream) {}

  /** Starts showing `snapshot()` until {@link LoadProgress.stop}. */
  start(snapshot: () => LoadProgressSnapshot): void {
    const tty = this.stream.isTTY === true;
    this.timer = setInterval(
      () => {
        const now = snapshot();
        this.stream.write(tty ? `\r${formatProgressBar(now, this.stream.columns)}\u001b[K` : `${formatProgressLine(now)}\n`);
      },
      tty ? 200 : 1000,
    );
  }

  /** Stops, and erases the bar on a TTY. */
  stop(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.stream.isTTY === true) this.stream.write('\r\u001b[K');
  }
}
