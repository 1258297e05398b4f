/**
 * Paces events at a steady rate (`line-bc load --rate`): tokens accrue continuously with time, one per
 * event, and at most `capacity` of them wait unused, so that after a stall (a slow bot, a busy machine)
 * the load resumes at the rate instead of catching up in one burst.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  /**
   * @param ratePerSecond tokens added per second
   * @param capacity most tokens kept (≥ 1); the bucket starts with one, so the first event leaves at once
   * @param now a clock in ms (default `performance.now`)
   */
  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = Math.min(1, capacity);
    this.last = now();
  }

  /** Takes as many whole tokens as are there, but at most `most`; returns how many were taken. */
  take(most: number): number {
    const time = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((time - this.last) * this.ratePerSecond) / 1000);
    this.last = time;
    const taken = Math.max(0, Math.min(Math.floor(this.tokens), Math.floor(most)));
    this.tokens -= taken;
    return taken;
  }
}
