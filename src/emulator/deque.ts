/**
 * A first-in first-out list with O(1) `push` and `shift` (an array with a moving head, compacted once
 * half of it is spent), for the emulator's bounded history: `Array.prototype.shift` moves every element.
 */
export class Deque<T> {
  private items: T[] = [];
  private head = 0;

  /** How many items are held. */
  get length(): number {
    return this.items.length - this.head;
  }

  /** Appends an item. */
  push(item: T): void {
    this.items.push(item);
  }

  /** Removes and returns the oldest item. */
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined as T;
    if (this.head > 64 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** The newest item. */
  last(): T | undefined {
    return this.length === 0 ? undefined : this.items[this.items.length - 1];
  }

  /** Removes everything. */
  clear(): void {
    this.items = [];
    this.head = 0;
  }

  /** The items, oldest first. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i] as T;
  }
}
