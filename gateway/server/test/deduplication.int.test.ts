/**
 * Identical reads in flight share one answer: concurrent clients asking the same thing cost a
 * partner, or an ordinary subgraph, one request. Writes always go, each of them.
 */
import { graphql, startMisbehavingProxy, type MisbehavingProxy } from '@gouvgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayOptions, type RunningGateway } from '../src/index.js';
import { startFeaturedSubgraph, startPartners, type Partners } from './helpers.js';

let partners: Partners;
let featured: Awaited<ReturnType<typeof startFeaturedSubgraph>>;
let anctProxy: MisbehavingProxy;
let featuredProxy: MisbehavingProxy;
const opened: RunningGateway[] = [];

async function gateway(options: Partial<GatewayOptions> = {}): Promise<RunningGateway> {
  const started = await startGateway({
    supergraph: { kind: 'compose', subgraphs: [{ name: 'featured', url: featuredProxy.url }] },
    partners: partners.kits.map((k) => ({ id: k.partnerId, url: k.partnerId === 'anct' ? anctProxy.url : k.url })),
    ide: false,
    // What is measured is what reaches the subgraphs: no answer from the response cache.
    responseCache: false,
    ...options,
  });
  opened.push(started);
  return started;
}

beforeAll(async () => {
  partners = await startPartners(['mtes', 'anct']);
  featured = await startFeaturedSubgraph(['anct/aidantsconnect']);
  anctProxy = await startMisbehavingProxy(partners.kits.find((k) => k.partnerId === 'anct')?.url ?? '');
  featuredProxy = await startMisbehavingProxy(featured.url);
});
afterAll(async () => {
  await Promise.all(opened.map((g) => g.stop()));
  await Promise.all([anctProxy?.stop(), featuredProxy?.stop(), featured?.stop()]);
  await partners?.stop();
});

/** Sends `query` five times at once; what reached each proxy meanwhile, and the answers. */
async function fiveAtOnce(url: string, query: string) {
  const before = [anctProxy.received, featuredProxy.received];
  const answers = await Promise.all(Array.from({ length: 5 }, () => graphql(url, query)));
  return { answers, anct: anctProxy.received - (before[0] ?? 0), featured: featuredProxy.received - (before[1] ?? 0) };
}

describe('deduplication of identical reads in flight', () => {
  it('asks a partner and an ordinary subgraph once for five identical concurrent reads, and answers all five', async () => {
    const shared = await gateway();
    anctProxy.setMode({ kind: 'delay', ms: 300 });
    featuredProxy.setMode({ kind: 'delay', ms: 300 });
    try {
      const partner = await fiveAtOnce(shared.url, '{ startups(first: 5) { totalCount edges { node { id } } } }');
      expect(partner.anct).toBe(1);
      expect(new Set(partner.answers.map((a) => JSON.stringify(a.data))).size).toBe(1);
      expect(partner.answers[0]?.data?.startups.edges).toHaveLength(5);
      const central = await fiveAtOnce(shared.url, '{ featured { id } }');
      expect(central.featured).toBe(1);
      expect(central.answers.every((a) => JSON.stringify(a.data) === JSON.stringify({ featured: [{ id: 'anct/aidantsconnect' }] }))).toBe(
        true,
      );
    } finally {
      anctProxy.setMode({ kind: 'pass' });
      featuredProxy.setMode({ kind: 'pass' });
    }
  });

  it('sends every read when told not to share, and every write always', async () => {
    const separate = await gateway({ deduplicateRequests: false });
    anctProxy.setMode({ kind: 'delay', ms: 300 });
    try {
      expect((await fiveAtOnce(separate.url, '{ startups(first: 5) { totalCount } }')).anct).toBe(5);
      const shared = await gateway();
      const review =
        'mutation { recordCommitteeReview(startupId: "anct/aidantsconnect", date: "2026-11-20", comment: "Comité de suivi") { id } }';
      const before = anctProxy.received;
      const writes = await Promise.all([graphql(shared.url, review), graphql(shared.url, review)]);
      expect(writes.every((w) => !w.errors)).toBe(true);
      expect(anctProxy.received - before).toBe(2);
    } finally {
      anctProxy.setMode({ kind: 'pass' });
    }
    const events = await graphql(separate.url, '{ startup(id: "anct/aidantsconnect") { events { comment } } }');
    expect(events.data?.startup.events.filter((e: { comment: string | null }) => e.comment === 'Comité de suivi')).toHaveLength(2);
  });
});
