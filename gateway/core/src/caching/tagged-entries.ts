/**
 * Kept answers by key, each with its tags (freshness.ts), bounded in memory (oldest forgotten
 * first) and aged by a time-to-live: the storage both caches share — the response cache's whole
 * answers and the fetch cache's upstream answers. Forgetting a tag finds its answers in an index,
 * without looking at the others.
 *
 * A key lives within a scope (the fetch cache's: one upstream), so that the same request body
 * sent to 64 partners is 64 lookups of one string whose hash is computed once, not 64 new strings
 * made, hashed and compared by concatenating each partner's name with the body.
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

/** An answer where it is kept: its scope and key (to drop it by its tags), and the answer. */
interface Slot<E> {
  scope: Map<string, Slot<E>>;
  key: string;
  entry: E;
}

export class TaggedEntries<E extends TaggedEntry> {
  private readonly scopes = new Map<string, Map<string, Slot<E>>>();
  /** Every slot, oldest first (a Set iterates in insertion order). */
  private readonly order = new Set<Slot<E>>();
  /** The slots resting on each tag. */
  private readonly tagged = new Map<string, Set<Slot<E>>>();
  private kept = 0;

  constructor(private readonly maxBytes: number) {}

  /** The entry kept for `key` in `scope` if it is younger than `ttlMs` at `now` (an older one is dropped). */
  fresh(scope: string, key: string, now: number, ttlMs: number): E | undefined {
    const slot = this.scopes.get(scope)?.get(key);
    if (!slot) return undefined;
    if (now - slot.entry.storedAt < ttlMs) return slot.entry;
    this.drop(slot);
    return undefined;
  }

  /** Keeps `entry` for `key` in `scope`, in place of any before it; the oldest go while the whole is over its bound. */
  keep(scope: string, key: string, entry: E): void {
    let keys = this.scopes.get(scope);
    const previous = keys?.get(key);
    if (previous) this.drop(previous);
    if (entry.bytes > this.maxBytes) return;
    if (!keys) this.scopes.set(scope, (keys = new Map()));
    const slot: Slot<E> = { scope: keys, key, entry };
    keys.set(key, slot);
    this.order.add(slot);
    this.kept += entry.bytes;
    for (const tag of entry.tags) {
      let slots = this.tagged.get(tag);
      if (!slots) this.tagged.set(tag, (slots = new Set()));
      slots.add(slot);
    }
    for (const old of this.order) {
      if (this.kept <= this.maxBytes) break;
      this.drop(old);
    }
  }

  /** Drops every entry resting on one of `tags`. */
  forget(tags: readonly string[]): void {
    for (const tag of tags) {
      const slots = this.tagged.get(tag);
      if (slots) for (const slot of slots) this.drop(slot);
    }
  }

  clear(): void {
    this.scopes.clear();
    this.order.clear();
    this.tagged.clear();
    this.kept = 0;
  }

  get size(): number {
    return this.order.size;
  }

  get bytes(): number {
    return this.kept;
  }

  private drop(slot: Slot<E>): void {
    if (!this.order.delete(slot)) return;
    slot.scope.delete(slot.key);
    this.kept -= slot.entry.bytes;
    for (const tag of slot.entry.tags) {
      const slots = this.tagged.get(tag);
      slots?.delete(slot);
      if (slots?.size === 0) this.tagged.delete(tag);
    }
  }
}
