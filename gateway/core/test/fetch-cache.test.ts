/**
 * The fetch cache's bookkeeping: what a write forgets (its upstream's answers and those resting on
 * any write, nothing else), answers computed across a write never kept, memory bounded.
 */
import { describe, expect, it } from 'vitest';
import { ANY_WRITE, partnerTag, staleAfterWriteTo, subgraphTag } from '../src/caching/freshness.js';
import { FetchCache } from '../src/caching/fetch-cache.js';
import { partnerPolicy, subgraphPolicy, UpstreamClient } from '../src/index.js';
import { InFlight } from '../src/upstream/in-flight.js';

const MTES = [partnerTag('mtes')];
const ANCT = [partnerTag('anct')];
const CATALOG = [subgraphTag('catalog')];
const IMPACT = [subgraphTag('impact'), ANY_WRITE];

function filled(options: ConstructorParameters<typeof FetchCache>[0] = {}) {
  const cache = new FetchCache(options);
  const ticket = cache.ticket();
  cache.keep('mtes q', '{"data":{"a":1}}', MTES, ticket);
  cache.keep('anct q', '{"data":{"a":2}}', ANCT, ticket);
  cache.keep('catalog q', '{"data":{"a":3}}', CATALOG, ticket);
  cache.keep('impact q', '{"data":{"a":4}}', IMPACT, ticket);
  return cache;
}

describe('the fetch cache', () => {
  it("tags a partner's answers with the partner, and a central subgraph's with any write unless it is self-contained", async () => {
    const partners = new UpstreamClient(partnerPolicy({}));
    const subgraphs = new UpstreamClient(subgraphPolicy({}), { selfContained: (name) => name === 'catalog' });
    expect(partners.tagsOf('mtes')).toEqual(MTES);
    expect(subgraphs.tagsOf('catalog')).toEqual(CATALOG);
    expect(subgraphs.tagsOf('impact')).toEqual(IMPACT);
    await Promise.all([partners.close(), subgraphs.close()]);
  });

  it("forgets, after a partner's write, that partner's answers and those that read the whole graph, nothing else", () => {
    const cache = filled();
    cache.forget(staleAfterWriteTo(partnerTag('mtes')));
    expect(['mtes q', 'anct q', 'catalog q', 'impact q'].map((k) => cache.read(k) !== undefined)).toEqual([false, true, true, false]);
  });

  it("forgets, after a central subgraph's write, its own answers and those that read the whole graph", () => {
    const cache = filled();
    cache.forget(staleAfterWriteTo(subgraphTag('catalog')));
    expect(['mtes q', 'anct q', 'catalog q', 'impact q'].map((k) => cache.read(k) !== undefined)).toEqual([true, true, false, false]);
  });

  it('does not keep an answer read before a write to its upstream came back, and keeps the others read meanwhile', () => {
    const cache = new FetchCache();
    const before = cache.ticket();
    cache.forget(staleAfterWriteTo(partnerTag('mtes')));
    cache.keep('mtes q', '{"data":{}}', MTES, before);
    cache.keep('anct q', '{"data":{}}', ANCT, before);
    expect(cache.read('mtes q')).toBeUndefined();
    expect(cache.read('anct q')).toBe('{"data":{}}');
    cache.keep('mtes q', '{"data":{}}', MTES, cache.ticket());
    expect(cache.read('mtes q')).toBe('{"data":{}}');
  });

  it('shares reads in flight only within one epoch of their upstream', () => {
    const cache = new FetchCache();
    const [mtes, anct] = [cache.epoch(MTES), cache.epoch(ANCT)];
    cache.forget(staleAfterWriteTo(partnerTag('mtes')));
    expect(cache.epoch(MTES)).not.toBe(mtes);
    expect(cache.epoch(ANCT)).toBe(anct);
    cache.forgetAll();
    expect(cache.epoch(ANCT)).not.toBe(anct);
  });

  it('ages answers out after ttlMs', () => {
    let now = 0;
    const cache = filled({ ttlMs: 1_000, now: () => now });
    now = 999;
    expect(cache.read('mtes q')).toBeDefined();
    now = 1_000;
    expect(cache.read('mtes q')).toBeUndefined();
    expect(cache.size).toBe(3);
  });

  it('stays within its memory, forgetting the oldest first, and counts what it holds', () => {
    const text = `{"data":{"s":"${'x'.repeat(480)}"}}`;
    const cache = new FetchCache({ maxBytes: 10_000 });
    for (let i = 0; i < 50; i++) cache.keep(`key ${i}`, text, MTES, cache.ticket());
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.size).toBe(Math.floor(10_000 / (2 * ('key 10'.length + text.length))));
    expect(cache.read('key 0')).toBeUndefined();
    expect(cache.read('key 49')).toBe(text);
    cache.forget(MTES);
    expect([cache.size, cache.bytes]).toEqual([0, 0]);
  });

  it('keeps the same request to two upstreams apart, forgets one by its tags, and bounds memory across both', () => {
    const cache = new FetchCache({ maxBytes: 1_000 });
    const body = '{"query":"{ startups { totalCount } }"}';
    cache.keep(body, '{"data":{"n":1}}', MTES, cache.ticket(), 'mtes');
    cache.keep(body, '{"data":{"n":2}}', ANCT, cache.ticket(), 'anct');
    expect([cache.read(body, 'mtes'), cache.read(body, 'anct'), cache.read(body)]).toEqual([
      '{"data":{"n":1}}',
      '{"data":{"n":2}}',
      undefined,
    ]);
    cache.forget(MTES);
    expect([cache.read(body, 'mtes'), cache.read(body, 'anct')]).toEqual([undefined, '{"data":{"n":2}}']);
    // Oldest first, whatever its upstream: anct's answer goes when a later one needs the room.
    const large = `{"data":{"s":"${'x'.repeat(400)}"}}`;
    cache.keep(body, large, MTES, cache.ticket(), 'mtes');
    expect([cache.read(body, 'anct'), cache.read(body, 'mtes')]).toEqual([undefined, large]);
    expect(cache.size).toBe(1);
  });
});

describe('reads in flight', () => {
  it('shares one exchange per upstream and body within an epoch, never across upstreams or epochs', async () => {
    const inFlight = new InFlight<number>();
    let sent = 0;
    const exchange = () => new Promise<number>((resolve) => setTimeout(() => resolve(++sent), 10));
    const body = '{"query":"{ startups { totalCount } }"}';
    const answers = await Promise.all([
      inFlight.run('mtes', body, 0, exchange),
      inFlight.run('mtes', body, 0, exchange),
      inFlight.run('anct', body, 0, exchange),
      inFlight.run('mtes', body, 1, exchange), // sent after a write to mtes
      inFlight.run('mtes', body, 1, exchange),
    ]);
    expect(sent).toBe(3);
    expect(answers[0]).toBe(answers[1]);
    expect(answers[3]).toBe(answers[4]);
    expect(new Set([answers[0], answers[2], answers[3]]).size).toBe(3);
    // Settled: the next read goes again.
    expect(await inFlight.run('mtes', body, 1, exchange)).toBe(4);
  });
});
