/**
 * What the gateway does around each write it sends: both caches forget what rests on the
 * upstream written to (freshness.ts) as the write leaves, and again when its answer is back —
 * an answer read in between may be older than the write — then the other gateways on the
 * registry are told to forget the same, before the writer gets its answer.
 */
import { staleAfterWriteTo, type Forgetful } from './freshness.js';

/** What the data sources tell around each write they send, naming the upstream by its tag. */
export interface WriteWatcher {
  /** A write to `tag` is about to leave. */
  writing(tag: string): void;
  /** Its answer is back (or it failed): forget again, and tell the other gateways. */
  written(tag: string): Promise<void>;
}

export interface WritesOptions {
  /** What keeps answers: the response cache, the fetch cache. */
  caches: readonly Forgetful[];
  /** Tells the other gateways that a write to `tag` went through (registry.ts). */
  announce?: ((tag: string) => Promise<void>) | undefined;
  /** Every write forgets everything, as before the caches knew where answers came from: only `pnpm bench` asks, to measure the difference. */
  forgetEverything?: boolean | undefined;
}

export class Writes implements WriteWatcher {
  private changes = 0;

  constructor(private readonly options: WritesOptions) {}

  writing(tag: string): void {
    this.forgetWrittenTo(tag);
  }

  async written(tag: string): Promise<void> {
    this.forgetWrittenTo(tag);
    await this.options.announce?.(tag);
  }

  /** Told by another gateway that a write to `tag` went through (null: it did not say where). */
  heard(tag: string | null): void {
    if (tag === null) this.forgetAll();
    else this.forgetWrittenTo(tag);
  }

  private forgetWrittenTo(tag: string): void {
    if (this.options.forgetEverything) this.forgetAll();
    else this.forget(staleAfterWriteTo(tag));
  }

  private forget(tags: readonly string[]): void {
    this.changes++;
    for (const cache of this.options.caches) cache.forget(tags);
  }

  forgetAll(): void {
    this.changes++;
    for (const cache of this.options.caches) cache.forgetAll();
  }

  /** Changes whenever something was forgotten: what others keep (the open data's feeds) may rest on it. */
  get epoch(): number {
    return this.changes;
  }
}
