/**
 * Values read from the database, each kept with the change stamp (`ReadConnection.stamp`) that was
 * current before it was read, and given out again only while the database's stamp is still that
 * one: nothing was committed since, so reading again would give the same. Any commit, by this
 * instance or another, changes the stamp, so a kept value never outlives a write.
 *
 * Bounded by a count and a total size (each value's `size`, e.g. its bytes); the least recently
 * used go first. A null stamp (a database that offers none) keeps nothing.
 */
export class StampedCache<V> {
  private readonly entries = new Map<string, { stamp: string; value: V; size: number }>();
  private size = 0;

  constructor(private readonly limits: { entries: number; size?: number }) {}

  /** Whether it keeps anything at all (a limit of 0 entries turns it off). */
  get keeps(): boolean {
    return this.limits.entries > 0;
  }

  get(key: string, stamp: string | null): V | undefined {
    if (stamp === null) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.remove(key);
    if (entry.stamp !== stamp) return undefined;
    this.add(key, entry);
    return entry.value;
  }

  /** Keeps `value`, read after `stamp` was current. */
  set(key: string, stamp: string | null, value: V, size = 1): void {
    if (stamp === null || this.limits.entries <= 0 || size > (this.limits.size ?? Infinity)) return;
    this.remove(key);
    this.add(key, { stamp, value, size });
    while (this.entries.size > this.limits.entries || this.size > (this.limits.size ?? Infinity)) {
      this.remove(this.entries.keys().next().value!);
    }
  }

  private add(key: string, entry: { stamp: string; value: V; size: number }): void {
    this.entries.set(key, entry);
    this.size += entry.size;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.size -= entry.size;
  }
}
