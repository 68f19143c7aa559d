/**
 * Kept answers by key, each with its tags (freshness.ts), bounded in memory (oldest forgotten
 * first) and aged by a time-to-live: the storage both caches share — the response cache's whole
 * answers and the fetch cache's upstream answers. Forgetting a tag finds its keys in an index,
 * without looking at the other answers.
 */

/** What every kept answer carries. */
export interface TaggedEntry {
  /** The upstreams it rests on. */
  tags: readonly string[];
  /** When it was kept, in ms on the cache's clock. */
  storedAt: number;
  /** What it takes in memory. */
  bytes: number;
}

export class TaggedEntries<E extends TaggedEntry> {
  /** By key, oldest first (a Map iterates in insertion order). */
  private readonly entries = new Map<string, E>();
  /** The keys resting on each tag. */
  private readonly tagged = new Map<string, Set<string>>();
  private kept = 0;

  constructor(private readonly maxBytes: number) {}

  /** The entry kept for `key` if it is younger than `ttlMs` at `now` (an older one is dropped). */
  fresh(key: string, now: number, ttlMs: number): E | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.storedAt < ttlMs) return entry;
    this.drop(key, entry);
    return undefined;
  }

  /** Keeps `entry` for `key`, in place of any before it; the oldest go while the whole is over its bound. */
  keep(key: string, entry: E): void {
    const previous = this.entries.get(key);
    if (previous) this.drop(key, previous);
    if (entry.bytes > this.maxBytes) return;
    this.entries.set(key, entry);
    this.kept += entry.bytes;
    for (const tag of entry.tags) {
      let keys = this.tagged.get(tag);
      if (!keys) this.tagged.set(tag, (keys = new Set()));
      keys.add(key);
    }
    for (const [oldKey, old] of this.entries) {
      if (this.kept <= this.maxBytes) break;
      this.drop(oldKey, old);
    }
  }

  /** Drops every entry resting on one of `tags`. */
  forget(tags: readonly string[]): void {
    for (const tag of tags) {
      const keys = this.tagged.get(tag);
      if (!keys) continue;
      for (const key of keys) {
        const entry = this.entries.get(key);
        if (entry) this.drop(key, entry);
      }
    }
  }

  clear(): void {
    this.entries.clear();
    this.tagged.clear();
    this.kept = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.kept;
  }

  private drop(key: string, entry: E): void {
    this.entries.delete(key);
    this.kept -= entry.bytes;
    for (const tag of entry.tags) {
      const keys = this.tagged.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.tagged.delete(tag);
    }
  }
}
