/**
 * Contract 1.1 added accountability links to startups. France Travail's kit is still on 1.0;
 * the ecology ministry and the ANCT have upgraded. The graph keeps serving everyone: 1.0
 * partners are never sent what they lack, their startups read null there, and a write they
 * could not honour is refused with a code instead of half applied. On PGlite and Postgres.
 */
import { codes, DATABASES, graphql, type TestDatabase } from '@gouvgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/index.js';
import { data, startFeaturedSubgraph, startPartners, type Partners } from './helpers.js';

const IDS = ['francetravail', 'mtes', 'anct'];
const OLD = 'francetravail';
const LINKS = '{ statsUrl budgetUrl impactUrl }';
const linksOf = (slug: string) => {
  const s = data.startups.find((x) => x.id === slug);
  return { statsUrl: s?.stats_url ?? null, budgetUrl: s?.budget_url ?? null, impactUrl: s?.impact_url ?? null };
};

describe.each(DATABASES)('partners on contract 1.0 and 1.1 together, on $name', ({ create }) => {
  let database: TestDatabase;
  let partners: Partners;
  let featured: Awaited<ReturnType<typeof startFeaturedSubgraph>>;
  let gateway: RunningGateway;
  const query = (q: string, variables?: Record<string, unknown>) => graphql(gateway.url, q, variables);

  beforeAll(async () => {
    database = await create();
    partners = await startPartners(IDS, database.config, { [OLD]: '1.0' });
    featured = await startFeaturedSubgraph(['mtes/acceslibre', 'francetravail/la-bonne-boite', 'anct/aidantsconnect']);
    gateway = await startGateway({
      supergraph: { kind: 'compose', subgraphs: [{ name: 'featured', url: featured.url }] },
      partners: partners.kits.map((k) => ({ id: k.partnerId, url: k.url, contractVersion: k.contractVersion })),
      ide: false,
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await featured?.stop();
    await partners?.stop();
    await database?.drop();
  });

  it('lists every startup with the 1.1 links, null for the partner still on 1.0, and no error', async () => {
    const rows: { id: string; statsUrl: string | null; budgetUrl: string | null; impactUrl: string | null }[] = [];
    let after: string | null = null;
    let totalCount = 0;
    do {
      const page = await query(
        `query($after: String) { startups(first: 40, after: $after) { totalCount missingPartners
           edges { node { id statsUrl budgetUrl impactUrl } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(page.errors).toBeUndefined();
      expect(page.data?.startups.missingPartners).toEqual([]);
      totalCount = page.data?.startups.totalCount;
      rows.push(...page.data?.startups.edges.map((e: { node: (typeof rows)[number] }) => e.node));
      after = page.data?.startups.pageInfo.hasNextPage ? page.data.startups.pageInfo.endCursor : null;
    } while (after);
    expect(rows).toHaveLength(totalCount);
    expect(totalCount).toBe(data.startups.filter((s) => IDS.includes(s.incubator)).length);
    for (const row of rows) {
      const [partner, slug] = row.id.split('/') as [string, string];
      const { id: _, ...links } = row;
      expect(links, row.id).toEqual(partner === OLD ? { statsUrl: null, budgetUrl: null, impactUrl: null } : linksOf(slug));
    }
    // The old partner has links in the source data: they are null because its kit is on 1.0, not because they are missing.
    expect(linksOf('la-bonne-boite').statsUrl).toMatch(/^https:/);
    expect(rows.filter((r) => r.statsUrl !== null).length).toBeGreaterThan(20);
  });

  it('answers a selection made only of 1.1 fields, and entity lookups from another subgraph', async () => {
    const only = await query(`{ a: startup(id: "francetravail/la-bonne-boite") ${LINKS} b: startup(id: "mtes/acceslibre") ${LINKS} }`);
    expect(only.errors).toBeUndefined();
    expect(only.data).toEqual({ a: { statsUrl: null, budgetUrl: null, impactUrl: null }, b: linksOf('acceslibre') });
    const entities = await query(`{ featured { id name statsUrl } }`);
    expect(entities.errors).toBeUndefined();
    expect(entities.data?.featured.map((s: { id: string; statsUrl: string | null }) => [s.id, s.statsUrl])).toEqual([
      ['mtes/acceslibre', linksOf('acceslibre').statsUrl],
      ['francetravail/la-bonne-boite', null],
      ['anct/aidantsconnect', linksOf('aidantsconnect').statsUrl],
    ]);
    expect(entities.data?.featured[1].name).toBe(data.startups.find((s) => s.id === 'la-bonne-boite')?.title);
  });

  it('refuses a write of a 1.1 field to the 1.0 partner, coded and unapplied, and lets the others write it', async () => {
    const write = `mutation($id: ID!, $input: UpdateStartupInput!) { updateStartup(id: $id, input: $input) { id name statsUrl } }`;
    const before = await query('{ startup(id: "francetravail/la-bonne-boite") { name } }');
    const refused = await query(write, {
      id: 'francetravail/la-bonne-boite',
      input: { name: 'Renamed', statsUrl: 'https://labonneboite.francetravail.fr/stats' },
    });
    expect(codes(refused)).toEqual(['PARTNER_CONTRACT_OUTDATED']);
    expect(refused.errors?.[0]?.message).toMatch(/^Partner francetravail implements contract 1\.0.*statsUrl/);
    expect(refused.errors?.[0]?.extensions?.partner).toBe('francetravail');
    expect((await query('{ startup(id: "francetravail/la-bonne-boite") { name } }')).data).toEqual(before.data);
    // What its version has, it still writes.
    const renamed = await query(write, { id: 'francetravail/la-bonne-boite', input: { name: 'La bonne boîte' } });
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data).toEqual({ updateStartup: { id: 'francetravail/la-bonne-boite', name: 'La bonne boîte', statsUrl: null } });
    const upgraded = await query(write, { id: 'mtes/aigle', input: { statsUrl: 'https://aigle.beta.gouv.fr/stats' } });
    expect(upgraded.data?.updateStartup.statsUrl).toBe('https://aigle.beta.gouv.fr/stats');
  });
});
