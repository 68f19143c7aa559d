/**
 * What a kept answer rests on, and when each of those things last changed. Both caches of the
 * gateway — the response cache (whole public answers) and the fetch cache (one upstream's answer
 * to one request) — keep each answer with its **tags**: the upstreams it was read from. A write
 * forgets what rests on the upstream it went to, and nothing else: a write to `mtes` leaves what
 * the 22 other partners answered where it is.
 *
 * Tags: `partner:<id>` for a partner, `subgraph:<name>` for a central subgraph, and `ANY_WRITE`
 * beside the subgraph's own for a central subgraph that reads the graph itself (the impact
 * subgraph sums every partner's data): a write anywhere forgets its answers.
 */

/** The tag of answers that any write may change. */
export const ANY_WRITE = '*';

export const partnerTag = (partnerId: string): string => `partner:${partnerId}`;
export const subgraphTag = (name: string): string => `subgraph:${name}`;

/** What a write to the upstream `tag` makes stale: its own answers and those resting on any write. */
export const staleAfterWriteTo = (tag: string): readonly string[] => [tag, ANY_WRITE];

/**
 * A logical clock of forgetting: when each tag was last forgotten. An answer computed from a
 * request that started at `ticket()` may be kept only if none of its tags was forgotten since —
 * a write that went through while it was being computed makes it unfit, even if it arrives after.
 */
export class Stamps {
  private clock = 0;
  private everything = 0;
  private readonly forgotten = new Map<string, number>();

  /** The moment now, to compare with later. */
  ticket(): number {
    return this.clock;
  }

  forget(tags: readonly string[]): void {
    const at = ++this.clock;
    for (const tag of tags) this.forgotten.set(tag, at);
  }

  forgetAll(): void {
    this.everything = ++this.clock;
    // Every stamp kept is older than `everything` now: the map can start again.
    this.forgotten.clear();
  }

  /** When `tag` was last forgotten (0: never). */
  since(tag: string): number {
    const at = this.forgotten.get(tag) ?? 0;
    return Math.max(at, this.everything);
  }

  /** Whether nothing `tags` rest on was forgotten after `ticket`. */
  unchangedSince(tags: Iterable<string>, ticket: number): boolean {
    if (this.everything > ticket) return false;
    for (const tag of tags) if ((this.forgotten.get(tag) ?? 0) > ticket) return false;
    return true;
  }
}

/** Something that keeps answers by tag: told what changed. */
export interface Forgetful {
  /** Forgets every answer resting on one of `tags`. */
  forget(tags: readonly string[]): void;
  /** Forgets everything (another supergraph, a partner joining or leaving). */
  forgetAll(): void;
}
