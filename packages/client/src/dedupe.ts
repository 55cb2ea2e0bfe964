/**
 * A bounded set of delivered ids: when full, the id delivered longest ago is forgotten.
 *
 * A known id is looked up without being moved: ids stay in the order they were first delivered,
 * which is the order a catch-up replays them in. Refreshing an id on every sighting would let a
 * replay push out the younger ids it has not reached yet, and the whole backlog would repeat.
 *
 * @example
 * ```ts
 * const seen = new RecentIds(1000);
 * if (seen.add(notification.id)) deliver(notification); // false: already delivered
 * ```
 */
export class RecentIds {
  private readonly ids = new Set<string>();

  public constructor(private readonly capacity: number) {}

  /** Records `id` unless known; returns true when it was not already known. */
  public add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next();
      if (!oldest.done) this.ids.delete(oldest.value);
    }
    return true;
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
