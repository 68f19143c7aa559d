/**
 * The open data of a gateway deployed behind a proxy, over partners alone (no catalogue): feeds
 * link to the address the public uses, exports count against the caller's rate, and the tables
 * the graph cannot give are refused with a code rather than served empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, validateAtom } from '@gouvgraph/testing';
import { startGateway, type RunningGateway } from '../src/index.js';
import { startPartners, type Partners } from './helpers.js';

let partners: Partners;
let proxied: RunningGateway;
let configured: RunningGateway;

beforeAll(async () => {
  partners = await startPartners(['mtes']);
  const common = {
    supergraph: { kind: 'compose' as const, subgraphs: [] },
    partners: partners.kits.map((k) => ({ id: k.partnerId, url: k.url })),
    ide: false,
    dashboard: false,
  };
  proxied = await startGateway({ ...common, rateLimit: { perMinute: 4, trustProxy: true } });
  configured = await startGateway({ ...common, publicUrl: 'https://gouvgraph.beta.gouv.fr' });
});
afterAll(async () => {
  await proxied?.stop();
  await configured?.stop();
  await partners?.stop();
});

const selfOf = async (response: Response) => validateAtom(await response.text()).feed.links.find((l) => l.rel === 'self')?.href;

describe('the open data of a gateway in production', () => {
  it('links feeds to the public address: the configured one, else what the proxy says', async () => {
    expect(await selfOf(await fetch(`${configured.origin}/donnees/flux/programme.atom`))).toBe(
      'https://gouvgraph.beta.gouv.fr/donnees/flux/programme.atom',
    );
    const viaProxy = await fetch(`${proxied.origin}/donnees/flux/incubateurs/mtes.atom`, {
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'donnees.example.gouv.fr', 'x-forwarded-for': '203.0.113.7' },
    });
    expect(viaProxy.headers.get('vary')).toContain('x-forwarded-host');
    const feed = validateAtom(await viaProxy.text());
    expect(feed.feed.links.find((l) => l.rel === 'self')?.href).toBe('https://donnees.example.gouv.fr/donnees/flux/incubateurs/mtes.atom');
    expect(feed.entries.length).toBeGreaterThan(0);
    for (const entry of feed.entries)
      expect(entry.links[0]?.href.startsWith('https://donnees.example.gouv.fr/#/startups/mtes/')).toBe(true);
  });

  it('counts each export against the caller’s rate', async () => {
    const from = { 'x-forwarded-for': '198.51.100.23' };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${proxied.origin}/donnees/incubateurs.csv`, { headers: from })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const refused = await fetch(`${proxied.origin}/donnees/incubateurs.csv`, { headers: from });
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('RATE_LIMITED');
  });

  it('keeps a complete feed for a crowd of readers, and forgets it at the next write', async () => {
    const feed = () => fetch(`${configured.origin}/donnees/flux/incubateurs/mtes.atom`);
    const first = await feed();
    expect(first.headers.get('gouvgraph-cache')).toBe('miss');
    const body = await first.text();
    const second = await feed();
    expect(second.headers.get('gouvgraph-cache')).toBe('hit');
    expect(await second.text()).toBe(body);

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(),
    );
    const recorded = await graphql(
      configured.url,
      'mutation($day: Date!) { recordCommitteeReview(startupId: "mtes/aigle", date: $day, comment: "Passage en accélération validé") { id } }',
      { day: today },
    );
    expect(recorded.errors).toBeUndefined();
    const after = await feed();
    expect(after.headers.get('gouvgraph-cache')).toBe('miss');
    const [newest] = validateAtom(await after.text()).entries;
    expect(newest).toMatchObject({ id: `tag:gouvgraph.beta.gouv.fr,2026:startup/mtes/aigle/comite/${today}/1`, categories: ['committee'] });
    expect(newest?.summary).toContain(': Passage en accélération validé');
  });

  it('refuses with a code the tables its graph cannot give, and serves the others', async () => {
    const apis = await fetch(`${configured.origin}/donnees/apis.csv`);
    expect(apis.status).toBe(503);
    expect(((await apis.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    const startups = await fetch(`${configured.origin}/donnees/startups.csv`);
    expect(startups.status).toBe(200);
    expect((await startups.text()).split('\r\n').filter(Boolean).length).toBeGreaterThan(10);
  });
});
