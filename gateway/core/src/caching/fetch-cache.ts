/**
 * Upstreams' answers to reads, kept for every caller. A read the gateway sends a partner or a
 * central subgraph carries no identity (only writes do: partitioned/sender.ts), so the answer to
 * one request — the same operation and variables to the same upstream — is the same whoever
 * asked: the public, an agent or a partner. Authorisation happens before planning (the fields a
 * caller may not read are never in the request), and errors are withheld from the public after
 * the answer is read, so keeping the upstream's text here changes nothing of either.
 *
 * It is never wrong beyond what was chosen:
 * - only complete answers are kept (data, no error): a failure, a partial answer or a partner's
 *   error is asked again next time;
 * - a write through the gateway forgets what rests on the upstream it went to (freshness.ts), as
 *   it leaves and again when its answer is back, and an answer computed meanwhile is not kept;
 *   with a registry, every gateway on it forgets the same (registry.ts announces the write);
 * - an answer found to break the contract forgets everything its upstream said (client.ts);
 * - a write made directly at an upstream, bypassing the gateway, shows within `ttlMs`.
 *
 * The text is kept, not the parsed answer: what reads an answer merges into it, so each reader
 * parses its own copy.
 */
import { Stamps, type Forgetful } from './freshness.js';
import { TaggedEntries, type TaggedEntry } from './tagged-entries.js';

export interface FetchCacheOptions {
  /** How long an answer is kept, in ms. Default 5,000; 0 turns the cache off. */
  ttlMs?: number;
  /** Memory the kept answers may take, in bytes (oldest forgotten first). Default 64 MiB. */
  maxBytes?: number;
  /** The clock answers are aged by (tests pass one they move). Default `Date.now`. */
  now?: () => number;
}

interface Kept extends TaggedEntry {
  text: string;
}

export class FetchCache implements Forgetful {
  readonly ttlMs: number;
  private readonly now: () => number;
  private readonly stamps = new Stamps();
  private readonly entries: TaggedEntries<Kept>;

  constructor(options: FetchCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 5_000;
    this.now = options.now ?? Date.now;
    this.entries = new TaggedEntries(options.maxBytes ?? 64 * 1024 * 1024);
  }

  /** The moment a read starts: what it brings back is kept only if its tags are unchanged since. */
  ticket(): number {
    return this.stamps.ticket();
  }

  /**
   * Changes when something `tags` rest on is forgotten: reads in flight are shared only within
   * one epoch, so a read sent after a write never waits for an answer read before it.
   */
  epoch(tags: readonly string[]): number {
    let epoch = 0;
    for (const tag of tags) epoch = Math.max(epoch, this.stamps.since(tag));
    return epoch;
  }

  /** The text kept for `key` (within `scope`: the upstream it was read from), if it is younger than `ttlMs`. */
  read(key: string, scope = ''): string | undefined {
    return this.readWithTags(key, scope)?.text;
  }

  /** The text kept for `key` within `scope` and what it rests on, if it is younger than `ttlMs`. */
  readWithTags(key: string, scope = ''): { text: string; tags: readonly string[] } | undefined {
    return this.entries.fresh(scope, key, this.now(), this.ttlMs);
  }

  /** Keeps `text` for `key` within `scope` unless something it rests on was forgotten since `ticket`. */
  keep(key: string, text: string, tags: readonly string[], ticket: number, scope = ''): void {
    if (!this.stamps.unchangedSince(tags, ticket)) return;
    this.entries.keep(scope, key, { text, tags, storedAt: this.now(), bytes: 2 * (key.length + text.length) });
  }

  forget(tags: readonly string[]): void {
    this.stamps.forget(tags);
    this.entries.forget(tags);
  }

  forgetAll(): void {
    this.stamps.forgetAll();
    this.entries.clear();
  }

  /** Answers kept now. */
  get size(): number {
    return this.entries.size;
  }

  /** Memory they take, in bytes (UTF-16: two a character). */
  get bytes(): number {
    return this.entries.bytes;
  }
}
