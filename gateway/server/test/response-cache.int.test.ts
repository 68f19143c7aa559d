/**
 * The response cache is never wrong: a write through the gateway shows in the very next read,
 * a write made directly at a partner within the configured staleness, and nothing but complete
 * anonymous answers is ever served from memory.
 */
import { graphql, manualClock, startMisbehavingProxy, waitFor, type MisbehavingProxy } from '@gouvgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayOptions, type RunningGateway } from '../src/index.js';
import { startPartners, type Partners } from './helpers.js';

const TTL_MS = 1_500;
/** The cached gateway's clock: answers age only when a test advances it. */
const clock = manualClock();
let partners: Partners;
let mtesProxy: MisbehavingProxy;
let anctProxy: MisbehavingProxy;
let cached: RunningGateway;
/** The same partners without a cache: the truth each cached answer is compared with. */
let uncached: RunningGateway;

async function gateway(options: Partial<GatewayOptions>): Promise<RunningGateway> {
  return startGateway({
    supergraph: { kind: 'compose', subgraphs: [] },
    partners: partners.kits.map((k) => ({ id: k.partnerId, url: k.partnerId === 'mtes' ? mtesProxy.url : anctProxy.url })),
    ide: false,
    partnerRetries: 0,
    ...options,
  });
}

beforeAll(async () => {
  partners = await startPartners(['mtes', 'anct']);
  mtesProxy = await startMisbehavingProxy(partners.kits.find((k) => k.partnerId === 'mtes')?.url ?? '');
  anctProxy = await startMisbehavingProxy(partners.kits.find((k) => k.partnerId === 'anct')?.url ?? '');
  // The fetch cache is off in both: this file is about whole answers (fetch-cache.int.test.ts is about both).
  cached = await gateway({ responseCache: { ttlMs: TTL_MS, now: clock.now }, fetchCache: false });
  uncached = await gateway({ responseCache: false, fetchCache: false });
});
afterAll(async () => {
  await Promise.all([cached?.stop(), uncached?.stop()]);
  await Promise.all([mtesProxy?.stop(), anctProxy?.stop()]);
  await partners?.stop();
});

/** A POST as a dashboard sends it: the answer's text and what the cache did. */
async function ask(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { text: await response.text(), cache: response.headers.get('gouvgraph-cache') };
}

const NAME = '{ startup(id: "mtes/aigle") { name pitch } }';
const rename = (name: string) =>
  graphql(cached.url, 'mutation($name: String!) { updateStartup(id: "mtes/aigle", input: { name: $name }) { name } }', { name });
const nameOf = async (gateway: RunningGateway = cached) => JSON.parse((await ask(gateway.url, NAME)).text).data.startup.name as string;

describe('the response cache', () => {
  it('answers a repeated anonymous read from memory, without calling the partner, with the same answer', async () => {
    const query = '{ startups(first: 5, filter: { incubator: "mtes" }) { totalCount edges { node { id name phase } } } }';
    const first = await ask(cached.url, query);
    const before = mtesProxy.received;
    const second = await ask(cached.url, query);
    expect([first.cache, second.cache]).toEqual(['miss', 'hit']);
    expect(second.text).toBe(first.text);
    expect(mtesProxy.received).toBe(before);
    expect(second.text).toBe((await ask(uncached.url, query)).text);
  });

  it('shows a write made through the gateway in the very next read', async () => {
    const original = await nameOf();
    expect((await ask(cached.url, NAME)).cache).toBe('hit');
    const renamed = await rename(`${original} (renommée)`);
    expect(renamed.errors).toBeUndefined();
    expect(await nameOf()).toBe(`${original} (renommée)`);
    await rename(original);
    expect(await nameOf()).toBe(original);
  });

  it('forgets, after a write to mtes, the answers that read mtes and keeps those that read only anct', async () => {
    const onlyAnct = '{ startup(id: "anct/aidantsconnect") { name } }';
    const both = '{ startups(first: 2) { edges { node { id } } } }';
    for (const query of [NAME, onlyAnct, both]) await ask(cached.url, query);
    await rename(`${await nameOf()}`);
    const after = [await ask(cached.url, NAME), await ask(cached.url, onlyAnct), await ask(cached.url, both)];
    expect(after.map((a) => a.cache)).toEqual(['miss', 'hit', 'miss']);
    expect(after[1]?.text).toBe((await ask(uncached.url, onlyAnct)).text);
  });

  it('forgets nothing for a write refused before it left: nothing changed', async () => {
    await ask(cached.url, NAME);
    const refused = await graphql(cached.url, 'mutation { updateStartup(id: "nowhere/aigle", input: { name: "Aigle" }) { name } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNKNOWN_PARTNER');
    expect((await ask(cached.url, NAME)).cache).toBe('hit');
  });

  it('shows a write made directly at the partner within its staleness bound, and not before', async () => {
    const original = await nameOf();
    const kit = partners.kits.find((k) => k.partnerId === 'mtes');
    const direct = await graphql(
      kit?.url ?? '',
      'mutation { updateStartup(id: "mtes/aigle", input: { name: "Aigle, écrit chez le partenaire" }) { name } }',
    );
    expect(direct.errors).toBeUndefined();
    // Bounded staleness, as configured: the gateway did not see this write.
    expect(await nameOf()).toBe(original);
    expect(await nameOf(uncached)).toBe('Aigle, écrit chez le partenaire');
    clock.advance(TTL_MS - 1);
    expect(await nameOf()).toBe(original);
    clock.advance(1);
    expect(await nameOf()).toBe('Aigle, écrit chez le partenaire');
    await rename(original);
  });

  it('does not keep an answer that was being computed when a write went through', async () => {
    const original = await nameOf();
    const both = '{ aigle: startup(id: "mtes/aigle") { name } aidants: startup(id: "anct/aidantsconnect") { name } }';
    let answerAnct = () => {};
    anctProxy.setMode({ kind: 'hold', until: new Promise<void>((resolve) => (answerAnct = resolve)) });
    try {
      // The read has mtes's (old) name and waits for anct's part while the write comes and goes.
      const [mtesBefore, anctBefore] = [mtesProxy.answered, anctProxy.received];
      const slowRead = ask(cached.url, both);
      const reached = await waitFor(() => mtesProxy.answered > mtesBefore && anctProxy.received > anctBefore, { timeoutMs: 10_000 });
      expect(reached).toBe(true);
      expect((await rename(`${original} (pendant)`)).errors).toBeUndefined();
      answerAnct();
      expect(JSON.parse((await slowRead).text).data.aigle.name).toBe(original);
    } finally {
      answerAnct();
      anctProxy.setMode({ kind: 'pass' });
    }
    expect(JSON.parse((await ask(cached.url, both)).text).data.aigle.name).toBe(`${original} (pendant)`);
    await rename(original);
  });

  it('never keeps an answer with a missing partner', async () => {
    const query = '{ startups(first: 3) { totalCount missingPartners edges { node { id } } } }';
    mtesProxy.setMode({ kind: 'refuse' });
    try {
      const partial = await ask(cached.url, query);
      expect(JSON.parse(partial.text).data.startups.missingPartners).toEqual(['mtes']);
      expect(partial.cache).toBe('miss');
    } finally {
      mtesProxy.setMode({ kind: 'pass' });
    }
    const complete = JSON.parse((await ask(cached.url, query)).text);
    expect(complete.data.startups.missingPartners).toEqual([]);
    expect(complete.errors).toBeUndefined();
  });

  it('never serves from memory, nor keeps, what a caller with credentials asked', async () => {
    const query = '{ incubators { id name } }';
    await ask(cached.url, query);
    const withToken = await ask(cached.url, query, undefined, { authorization: 'Bearer made-up' });
    expect(withToken.cache).toBeNull();
    const debug = await ask(cached.url, query, undefined, { 'gouvgraph-debug': 'partner-calls' });
    expect(debug.cache).toBeNull();
    expect(JSON.parse(debug.text).extensions.gouvgraph.totalPartnerCalls).toBeGreaterThan(0);
  });

  it('answers exactly as the uncached gateway through a random run of reads and writes', async () => {
    const reads = [
      NAME,
      '{ startups(first: 10, filter: { incubator: "mtes" }) { edges { node { name phase } } } }',
      '{ startups(first: 4, filter: { active: true }) { totalCount edges { node { id name incubator { name } } } } }',
      '{ incubator(id: "mtes") { name startups(first: 3) { edges { node { name pitch } } } } }',
    ];
    const original = await nameOf(uncached);
    const pitches = ['Détecter les piscines non déclarées', 'Repérer les constructions sans permis par l’image aérienne'];
    // A fixed sequence from a small linear congruential generator: the same run every time.
    let seed = 2026;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let hits = 0;
    for (let step = 0; step < 60; step++) {
      if (next() < 0.2) {
        const answer = await graphql(
          cached.url,
          'mutation($pitch: String!) { updateStartup(id: "mtes/aigle", input: { pitch: $pitch }) { pitch } }',
          {
            pitch: `${pitches[step % 2]} (${step})`,
          },
        );
        expect(answer.errors).toBeUndefined();
        continue;
      }
      const query = reads[Math.floor(next() * reads.length)] ?? NAME;
      const fromCache = await ask(cached.url, query);
      if (fromCache.cache === 'hit') hits++;
      expect(fromCache.text).toBe((await ask(uncached.url, query)).text);
    }
    expect(hits).toBeGreaterThan(10); // the run did exercise the cache
    expect(await nameOf(uncached)).toBe(original);
  });
});
