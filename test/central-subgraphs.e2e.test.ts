/**
 * Vertical federation through the gateway: the catalogue contributes `apis` to the partners'
 * startups and points its APIs at the startups that build them; the impact subgraph measures
 * each startup's history, fetched from its owner. One query mixes all three.
 */
import { loadCatalogData, loadSeedData } from '@gouvgraph/data';
import { startGateway, type RunningGateway } from '@gouvgraph/gateway';
import { startImpactSubgraph } from '@gouvgraph/impact';
import { startIncubatorSubgraph } from '@gouvgraph/incubator';
import { startStack, type Stack } from '@gouvgraph/stack';
import { graphql } from '@gouvgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PARTNERS = ['ademe', 'anct', 'dinum_produits_interministeriels', 'mtes'];
const catalog = loadCatalogData();
const data = loadSeedData();
const incubatorOf = (slug: string) => data.startups.find((s) => s.id === slug)?.incubator ?? '';
/** The medium/high "produces" links of the data: what the graph shows by default. */
const produced = catalog.links.filter((l) => l.relation === 'produces_candidate' && (l.confidence === 'medium' || l.confidence === 'high'));

let stack: Stack;
let degraded: RunningGateway;

beforeAll(async () => {
  stack = await startStack({ database: { kind: 'pglite' }, partners: PARTNERS });
  degraded = await startGateway({
    supergraph: {
      kind: 'compose',
      subgraphs: [
        { name: 'catalog', url: stack.catalog?.url ?? '' },
        { name: 'impact', url: stack.impact?.url ?? '' },
      ],
    },
    // The ADEME's subgraph is down: nothing listens on 127.0.0.2.
    partners: stack.partners.map((p) => ({ id: p.partnerId, url: p.partnerId === 'ademe' ? 'http://127.0.0.2:4001/graphql' : p.url })),
    partnerRetries: 0,
    ide: false,
  });
});
afterAll(async () => {
  await degraded?.stop();
  await stack?.stop();
});

describe('the catalogue in the government graph', () => {
  it("lists the APIs that the ecology ministry's startups build", async () => {
    const result = await graphql(
      stack.gateway.url,
      '{ incubator(id: "mtes") { startups(first: 100) { edges { node { id apis { id } } } } } }',
    );
    expect(result.errors).toBeUndefined();
    const withApis = result.data?.incubator.startups.edges
      .map((e: { node: { id: string; apis: { id: string }[] } }) => e.node)
      .filter((n: { apis: unknown[] }) => n.apis.length > 0)
      .map((n: { id: string; apis: { id: string }[] }) => [n.id, n.apis.map((a) => a.id).sort()]);
    const expected = new Map<string, string[]>();
    for (const link of produced.filter((l) => incubatorOf(l.startup_id) === 'mtes')) {
      const id = `mtes/${link.startup_id}`;
      expected.set(id, [...(expected.get(id) ?? []), link.api_slug].sort());
    }
    expect(new Map(withApis)).toEqual(expected);
    expect(expected.size).toBeGreaterThan(0);
  });

  it('resolves the startup behind each API from the partner that owns it', async () => {
    const result = await graphql(
      stack.gateway.url,
      '{ apis(filter: { producer: "ademe" }, first: 50) { edges { node { id builtBy { id name incubator { id } } } } } }',
    );
    expect(result.errors).toBeUndefined();
    const built = result.data?.apis.edges.map((e: { node: { id: string; builtBy: { id: string; name: string } | null } }) => [
      e.node.id,
      e.node.builtBy?.name ?? null,
    ]);
    for (const [api, name] of built) {
      const link = produced
        .filter((l) => l.api_slug === api && PARTNERS.includes(incubatorOf(l.startup_id)))
        .sort((a, b) => (a.confidence === 'high' ? -1 : 1) - (b.confidence === 'high' ? -1 : 1))[0];
      expect(name, api).toBe(link ? (data.startups.find((s) => s.id === link.startup_id)?.title ?? null) : null);
    }
    expect(built.some(([, name]: [string, string | null]) => name !== null)).toBe(true);
  });

  it('merges what the partners and the catalogue know of an organisation', async () => {
    const result = await graphql(
      stack.gateway.url,
      '{ organisation(id: "dinum") { name incubators { id } apis { id } } api(id: "api-entreprise") { producer { organisation { id name } } } }',
    );
    expect(result.errors).toBeUndefined();
    const producers = new Set(
      catalog.producerOrganisations.filter((m) => m.organisation_candidates?.[0]?.organisation_id === 'dinum').map((m) => m.producer_slug),
    );
    expect(result.data?.organisation).toEqual({
      name: data.organisations.find((o) => o.id === 'dinum')?.name,
      // Every incubator DINUM hosts, from the directory (each one read from its partner when asked).
      incubators: data.incubators
        .filter((i) => i.owner_id === 'dinum')
        .map((i) => ({ id: i.id }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
      apis: expect.arrayContaining(catalog.apis.filter((a) => producers.has(a.producer)).map((a) => ({ id: a.slug }))),
    });
    expect(result.data?.organisation.apis).toHaveLength(catalog.apis.filter((a) => producers.has(a.producer)).length);
    expect(result.data?.api.producer.organisation).toEqual({ id: 'dinum', name: data.organisations.find((o) => o.id === 'dinum')?.name });
  });

  it("finds the APIs built by the ecology ministry's startups that passed their six-month review", async () => {
    const MIXED = `{ incubator(id: "mtes") { startups(first: 100) { edges { node { id impact { outcome } apis { id } } } } } }`;
    const result = await graphql(stack.gateway.url, MIXED);
    expect(result.errors).toBeUndefined();
    const found = result.data?.incubator.startups.edges
      .map((e: { node: { id: string; impact: { outcome: string }; apis: { id: string }[] } }) => e.node)
      .filter((n: { impact: { outcome: string } }) => n.impact.outcome === 'CONTINUED')
      .flatMap((n: { apis: { id: string }[] }) => n.apis.map((a) => a.id))
      .sort();
    // From the data files: mtes startups whose history reaches construction, and their strong links.
    const beyond = new Set(['construction', 'acceleration', 'consolidation', 'transfere', 'opere']);
    const passed = new Set(
      data.startups.filter((s) => s.incubator === 'mtes' && s.phases.some((p) => beyond.has(p.name))).map((s) => s.id),
    );
    const expected = produced
      .filter((l) => passed.has(l.startup_id))
      .map((l) => l.api_slug)
      .sort();
    expect(found).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('gives the rest of a mixed query, and one coded error, when a partner is down', async () => {
    const result = await graphql(
      degraded.url,
      '{ startups(first: 100, filter: { active: true }) { totalCount missingPartners edges { node { id impact { outcome } apis { id } } } } }',
    );
    expect(result.data?.startups.missingPartners).toEqual(['ademe']);
    const ids = result.data?.startups.edges.map((e: { node: { id: string } }) => e.node.id) as string[];
    expect(ids.length).toBe(data.startups.filter((s) => s.is_active && PARTNERS.includes(s.incubator) && s.incubator !== 'ademe').length);
    expect(ids.every((id) => !id.startsWith('ademe/'))).toBe(true);
    for (const edge of result.data?.startups.edges ?? []) expect(edge.node.impact.outcome).toMatch(/CONTINUED|ABANDONED|PENDING/);
    expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.partner])).toEqual([['PARTNER_UNAVAILABLE', 'ademe']]);
  });

  it('measures the programme from the partners’ tallies, a partner still on contract 1.2 by its histories, the same numbers', async () => {
    const IMPACT =
      '{ programmeImpact { startups continued abandoned pending medianDaysToAcceleration committeeReviews cohorts { year startups continued } currentPhases { phase startups } missingPartners } }';
    const current = await graphql(stack.gateway.url, IMPACT);
    expect(current.errors).toBeUndefined();
    expect(current.data?.programmeImpact.startups).toBe(data.startups.filter((s) => PARTNERS.includes(s.incubator)).length);
    // The same partners' data, the ANCT's served by a kit still on 1.2: it has no tally to give.
    const old = await startIncubatorSubgraph({ partnerId: 'anct', connection: stack.connection, contractVersion: '1.2' });
    const gateways: RunningGateway[] = [];
    let measured: RunningGateway | undefined;
    const impact = await startImpactSubgraph({ graphUrl: () => measured?.url });
    /** A gateway with the ANCT on 1.2, and `down` not answering, measured by `impact`. */
    const measure = async (down: string | null) => {
      measured = await startGateway({
        supergraph: { kind: 'compose', subgraphs: [{ name: 'impact', url: impact.url }] },
        partners: stack.partners.map((p) =>
          p.partnerId === down
            ? { id: p.partnerId, url: 'http://127.0.0.2:4001/graphql' }
            : p.partnerId === 'anct'
              ? { id: 'anct', url: old.url, contractVersion: '1.2' }
              : { id: p.partnerId, url: p.url },
        ),
        partnerRetries: 0,
        ide: false,
      });
      gateways.push(measured);
      return measured;
    };
    try {
      const mixed = await measure(null);
      const tallies = await graphql(mixed.url, '{ incubators { id startupTally { startups } } }');
      expect(
        tallies.data?.incubators.filter((i: { startupTally: unknown }) => i.startupTally === null).map((i: { id: string }) => i.id),
      ).toEqual(['anct']);
      const numbers = await graphql(mixed.url, IMPACT);
      expect(numbers.errors).toBeUndefined();
      expect(numbers.data).toEqual(current.data);
      // A partner down is left out and named, the others' numbers still given.
      const withoutAdeme = await graphql((await measure('ademe')).url, '{ programmeImpact { startups missingPartners } }');
      expect(withoutAdeme.data?.programmeImpact).toEqual({
        startups: data.startups.filter((s) => PARTNERS.includes(s.incubator) && s.incubator !== 'ademe').length,
        missingPartners: ['ademe'],
      });
    } finally {
      for (const g of gateways) await g.stop();
      await impact.stop();
      await old.stop();
    }
  });

  it('answers with what it has when the partner that owns a startup is down, and names it', async () => {
    const result = await graphql(
      degraded.url,
      '{ apis(filter: { producer: "ademe" }, first: 50) { edges { node { id title builtBy { id name } } } } }',
    );
    const nodes = result.data?.apis.edges.map((e: { node: { id: string; title: string; builtBy: unknown } }) => e.node) ?? [];
    expect(nodes.length).toBe(catalog.apis.filter((a) => a.producer === 'ademe').length);
    // Startups of the ADEME cannot be resolved: null, with one error naming the partner.
    const ademeBuilt = nodes.filter((n: { id: string }) =>
      produced.some((l) => l.api_slug === n.id && incubatorOf(l.startup_id) === 'ademe'),
    );
    expect(ademeBuilt.length).toBeGreaterThan(0);
    for (const node of ademeBuilt) expect(node.builtBy).toBeNull();
    expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.partner])).toEqual([['PARTNER_UNAVAILABLE', 'ademe']]);
  });
});
