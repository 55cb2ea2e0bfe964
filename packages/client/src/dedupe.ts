/**
 * A bounded set of recently seen ids: when full, the least recently seen id is forgotten.
 * Map iteration order is insertion order, so re-inserting an id moves it to the young end.
 *
 * @example
 * ```ts
 * const seen = new RecentIds(1000);
 * if (seen.add(notification.id)) deliver(notification); // false: already delivered
 * ```
 */
export class RecentIds {
  private readonly ids = new Map<string, true>();

  public constructor(private readonly capacity: number) {}

  /** Records `id`; returns true when it was not already known. */
  public add(id: string): boolean {
    const known = this.ids.delete(id);
    this.ids.set(id, true);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.keys().next();
      if (!oldest.done) this.ids.delete(oldest.value);
    }
    return !known;
  }

  /** True when `id` was seen and not yet forgotten. */
  public has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Number of remembered ids. */
  public get size(): number {
    return this.ids.size;
  }
}
