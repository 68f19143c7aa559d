/**
 * The catalogue over HTTP, on embedded PGlite and on the real Postgres server, with the real
 * api.gouv.fr data.
 */
import { loadCatalogData, loadSeedData } from '@gouvgraph/data';
import { openDatabase, type DatabaseConnection } from '@gouvgraph/db';
import { foldText } from '@gouvgraph/schema';
import { codes, DATABASES, graphql, type TestDatabase } from '@gouvgraph/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCatalogSubgraph, type RunningCatalogSubgraph } from '../src/index.js';

const catalog = loadCatalogData();
const startups = loadSeedData().startups;
const globalId = (slug: string) => `${startups.find((s) => s.id === slug)?.incubator}/${slug}`;
const rank = { low: 1, medium: 2, high: 3 } as Record<string, number>;

describe.each(DATABASES)('catalogue on $name', ({ create }) => {
  let database: TestDatabase;
  let connection: DatabaseConnection;
  let server: RunningCatalogSubgraph;
  const query = (q: string, variables?: Record<string, unknown>) => graphql(server.url, q, variables);

  beforeAll(async () => {
    database = await create();
    connection = await openDatabase(database.config);
    server = await startCatalogSubgraph({ connection });
  });
  afterAll(async () => {
    await server?.stop();
    await connection?.close();
    await database?.drop();
  });

  it('holds every API of the catalogue once, however often it starts', async () => {
    expect(server.seeded).toBe(catalog.apis.length);
    const again = await startCatalogSubgraph({ connection });
    try {
      expect(again.seeded).toBe(0);
    } finally {
      await again.stop();
    }
    const result = await query(
      '{ all: apis { totalCount } open: apis(filter: { access: OPEN }) { totalCount } restricted: apis(filter: { access: RESTRICTED }) { totalCount } account: apis(filter: { access: ACCOUNT_REQUIRED }) { totalCount } }',
    );
    expect(result.data).toEqual({
      all: { totalCount: catalog.apis.length },
      open: { totalCount: catalog.apis.filter((a) => a.access === 'open').length },
      restricted: { totalCount: catalog.apis.filter((a) => a.access === 'restricted').length },
      account: { totalCount: catalog.apis.filter((a) => a.access === 'account_required').length },
    });
  });

  it('searches in French: accents, case and plurals do not matter, and the best match comes first', async () => {
    const ids = async (search: string) =>
      ((await query('query($s: String) { apis(search: $s, first: 100) { edges { rank node { id title } } } }', { s: search })).data?.apis
        .edges ?? []) as {
        rank: number;
        node: { id: string; title: string };
      }[];
    const energie = await ids('énergie');
    expect(energie.length).toBeGreaterThan(3);
    expect((await ids('ENERGIES')).map((e) => e.node.id)).toEqual(energie.map((e) => e.node.id));
    // An API with the word in its title ranks above those with it only in tagline or keywords.
    expect(foldText(energie[0]?.node.title ?? '')).toContain('energie');
    const ranks = energie.map((e) => e.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    // Every API whose title says "énergie" (any accent, any case) is found.
    const titled = catalog.apis.filter((a) => /\benergie/.test(foldText(a.title))).map((a) => a.slug);
    expect(titled.length).toBeGreaterThan(0);
    for (const slug of titled) expect(energie.map((e) => e.node.id)).toContain(slug);
    expect(await ids('zzzqqq')).toEqual([]);
  });

  it('rewrites at start a search vector that is not what the catalogue indexes now (one written by an older version)', async () => {
    const first = async (search: string) =>
      (await query('query($s: String) { apis(search: $s, first: 1) { edges { node { id } } } }', { s: search })).data?.apis.edges[0]?.node
        .id;
    await connection
      .drizzle()
      .execute(sql`update catalog.apis set search = to_tsvector('catalog.french_unaccent', 'zzzqqq') where slug = 'sirene_v3'`);
    expect(await first('zzzqqq')).toBe('sirene_v3');
    const again = await startCatalogSubgraph({ connection });
    await again.stop();
    expect(await first('zzzqqq')).toBeUndefined();
    expect(await first('sirene')).toBe('sirene_v3');
  });

  it('drops the null keywords the source holds, keeping the others in order', async () => {
    const source = catalog.apis.find((a) => a.slug === 'api-smart-verify')?.keywords ?? [];
    expect(source).toContain(null);
    const answer = await query(
      '{ api(id: "api-smart-verify") { keywords } empty: api(id: "api-annuaire-administration-services-publics") { keywords } }',
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.api.keywords).toEqual(source.filter((k) => k !== null));
    expect(answer.data?.empty.keywords).toEqual([]);
  });

  it('filters by theme (any case) and producer as the data says', async () => {
    const count = async (filter: string) => (await query(`{ apis(filter: ${filter}) { totalCount } }`)).data?.apis.totalCount;
    expect(await count('{ theme: "environnement" }')).toBe(
      catalog.apis.filter((a) => (a.themes ?? []).some((t) => t?.toLowerCase() === 'environnement')).length,
    );
    expect(await count('{ producer: "dinum" }')).toBe(catalog.apis.filter((a) => a.producer === 'dinum').length);
    expect(await count('{ producer: "dinum", access: OPEN }')).toBe(
      catalog.apis.filter((a) => a.producer === 'dinum' && a.access === 'open').length,
    );
  });

  it.each([
    ['by title', undefined, 7],
    ['by relevance', 'données', 3],
  ])('walks every page once, %s', async (_, search, size) => {
    const all = (
      await query('query($s: String) { apis(search: $s, first: 100) { totalCount edges { node { id } } } }', { s: search ?? null })
    ).data?.apis;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const result: Awaited<ReturnType<typeof query>> = await query(
        `query($s: String, $after: String) { apis(search: $s, first: ${size}, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { s: search ?? null, after },
      );
      seen.push(...result.data?.apis.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!result.data?.apis.pageInfo.hasNextPage) break;
      after = result.data?.apis.pageInfo.endCursor;
    }
    // The walk agrees with one large page, as far as that page goes.
    expect(seen.slice(0, all.edges.length)).toEqual(all.edges.map((e: { node: { id: string } }) => e.node.id));
    expect(new Set(seen).size).toBe(search ? all.totalCount : catalog.apis.length);
  });

  it('names the startup that builds an API only on medium or high confidence, and shows every link on request', async () => {
    const produces = (slug: string, min: number) =>
      catalog.links.filter((l) => l.api_slug === slug && l.relation === 'produces_candidate' && (rank[l.confidence] ?? 0) >= min);
    const lowOnly = catalog.apis.find((a) => produces(a.slug, 1).length > 0 && produces(a.slug, 2).length === 0);
    const strong = catalog.links.find((l) => l.confidence === 'high' && l.relation === 'produces_candidate');
    expect(lowOnly && strong).toBeTruthy();
    const result =
      await query(`{ low: api(id: "${lowOnly?.slug}") { builtBy { id } startupLinks(minConfidence: LOW) { startup { id } confidence } }
      strong: api(id: "${strong?.api_slug}") { builtBy { id } } }`);
    expect(result.data?.low.builtBy).toBeNull();
    expect(result.data?.low.startupLinks.map((l: { confidence: string }) => l.confidence)).toContain('LOW');
    expect(result.data?.strong.builtBy).toEqual({ id: globalId(strong?.startup_id ?? '') });
  });

  it('resolves K APIs, and the APIs of K startups, with one SQL statement each', async () => {
    const apis = catalog.apis.slice(0, 15).map((a) => ({ __typename: 'Api', id: a.slug }));
    let before = server.statements.count;
    const entities = await query('query($r: [_Any!]!) { _entities(representations: $r) { ... on Api { id title access } } }', { r: apis });
    expect(server.statements.count - before).toBe(1);
    expect(entities.data?._entities.map((e: { id: string }) => e.id)).toEqual(apis.map((a) => a.id));

    const owners = [...new Set(catalog.links.map((l) => l.startup_id))]
      .slice(0, 10)
      .map((slug) => ({ __typename: 'Startup', id: globalId(slug) }));
    before = server.statements.count;
    const startupApis = await query('query($r: [_Any!]!) { _entities(representations: $r) { ... on Startup { id apis { id } } } }', {
      r: owners,
    });
    expect(server.statements.count - before).toBe(1);
    expect(startupApis.data?._entities).toHaveLength(owners.length);
  });

  it('refuses bad arguments with coded errors', async () => {
    expect(codes(await query('{ apis(first: 101) { totalCount } }'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await query('{ apis(after: "nope") { totalCount } }'))).toEqual(['BAD_USER_INPUT']);
    const titleCursor = (await query('{ apis(first: 1) { pageInfo { endCursor } } }')).data?.apis.pageInfo.endCursor;
    expect(codes(await query(`{ apis(search: "api", after: "${titleCursor}") { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await query('{ apis(filter: { access: FREE }) { totalCount } }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(codes(await query('query($s: String) { apis(search: $s) { totalCount } }', { s: 'énergie\u0000' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('counts each theme as its filter matches it, whatever its case or accents', async () => {
    const themes = (await query('{ apiThemes { name apiCount } }')).data?.apiThemes as { name: string; apiCount: number }[];
    expect(new Set(themes.map((t) => foldText(t.name))).size).toBe(themes.length);
    for (const theme of themes.slice(0, 8)) {
      const filtered = await query('query($t: String) { apis(filter: { theme: $t }) { totalCount } }', { t: theme.name });
      expect(filtered.data?.apis.totalCount, theme.name).toBe(theme.apiCount);
    }
  });

  it('names themes in French, however the source spells them, and filters by any spelling', async () => {
    const names = ((await query('{ apiThemes { name } }')).data?.apiThemes as { name: string }[]).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['Énergie', 'Écologie', 'Éducation', 'Urbanisme', 'Enseignement supérieur']));
    expect(names.filter((name) => name.charAt(0) !== name.charAt(0).toUpperCase() || /^E(nergie|cologie|ducation)$/.test(name))).toEqual(
      [],
    );
    // The source says urbanisme, planification, ecologie, environnement.
    const aln = await query('{ api(id: "api-aln") { themes } }');
    expect(aln.data?.api.themes).toEqual(['Urbanisme', 'Planification', 'Écologie', 'Environnement']);
    const ecologie = catalog.apis.filter((a) => (a.themes ?? []).some((t) => t !== null && foldText(t) === 'ecologie')).length;
    expect(ecologie).toBeGreaterThan(1);
    for (const theme of ['Écologie', 'ecologie', 'ECOLOGIE']) {
      expect((await query('query($t: String) { apis(filter: { theme: $t }) { totalCount } }', { t: theme })).data?.apis.totalCount).toBe(
        ecologie,
      );
    }
  });
});

describe('catalogue schema', () => {
  it('serves its SDL (snapshot)', async () => {
    const connection = await openDatabase({ kind: 'pglite' });
    const server = await startCatalogSubgraph({ connection, seed: false });
    try {
      const result = await graphql(server.url, '{ _service { sdl } }');
      await expect(result.data?._service.sdl).toMatchFileSnapshot('__snapshots__/catalog.graphql');
    } finally {
      await server.stop();
      await connection.close();
    }
  });
});
