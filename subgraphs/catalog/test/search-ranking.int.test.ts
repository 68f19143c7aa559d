/**
 * What people type into the catalogue and what they mean: real queries, and the APIs of the real
 * api.gouv.fr catalogue they should find in the first three answers. On PGlite and on Postgres.
 */
import { loadCatalogData } from '@gouvgraph/data';
import { openDatabase, type DatabaseConnection } from '@gouvgraph/db';
import { DATABASES, graphql, type TestDatabase } from '@gouvgraph/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCatalogSubgraph, type RunningCatalogSubgraph } from '../src/index.js';

interface Expectation {
  search: string;
  /** Each of these is among the first three. */
  top3?: string[];
  /** The first three are all among these. */
  top3Among?: string[];
  /** Each of these is found at all. */
  found?: string[];
}

const FRANCE_TRAVAIL = ['api-agences-pole-emploi', 'api-evenements-pole-emploi', 'api-indemnisation-pole-emploi', 'LaBonneBoite'];

const EXPECTED: Expectation[] = [
  // The company numbers come from the Sirene register, which API Sirene and Recherche d'entreprises name.
  { search: 'siret', top3: ['sirene_v3', 'api-recherche-entreprises'] },
  // The three APIs about companies themselves, before those that only mention them.
  { search: 'entreprise', top3: ['api-entreprise', 'sirene_v3', 'api-recherche-entreprises'] },
  // Energy: consumption data and the energy performance diagnostics first; heat networks, filed
  // under the theme Énergie, found too.
  {
    search: 'énergie',
    top3: ['api-donnees-locales-energie', 'api_dpe_logements'],
    found: ['api-france-chaleur-urbaine', 'api_dpe_batiments_publics', 'api-mes-aides-reno'],
  },
  // The tax administration's data on a person, whose texts say "fiscal" and "DGFiP" more than "impôt".
  { search: 'impôts', top3: ['impot-particulier', 'api-sfip'], found: ['api_comptes_bancaires_ficoba', 'api_r2p'] },
  { search: 'DPE', top3: ['api_dpe_logements', 'api_dpe_batiments_publics', 'api-grdf-adict'] },
  // Pôle emploi has been France Travail since 2024: the titles say so, the slugs do not.
  { search: 'pôle emploi', top3Among: FRANCE_TRAVAIL },
  // ameli.fr is the Assurance Maladie's name for the public; no API text says it.
  { search: 'ameli', top3: ['api_ameli_droits_cnam', 'api-indemnites-journalieres-cnam'] },
  { search: 'adresse', top3: ['base-adresse-nationale'] },
  {
    search: 'santé',
    top3Among: ['api-pro-sante-connect', 'api-terminologies-sante', 'api_complementaire_sante_solidaire', 'api-transparence-sante'],
  },
];

const slugs = new Set(loadCatalogData().apis.map((a) => a.slug));

describe.each(DATABASES)('search ranking on $name', ({ create }) => {
  let database: TestDatabase;
  let connection: DatabaseConnection;
  let server: RunningCatalogSubgraph;

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

  const found = async (search: string): Promise<string[]> => {
    const result = await graphql(server.url, 'query($s: String) { apis(search: $s, first: 100) { edges { node { id } } } }', { s: search });
    expect(result.errors).toBeUndefined();
    return result.data?.apis.edges.map((e: { node: { id: string } }) => e.node.id);
  };

  it('expects only APIs the catalogue holds', () => {
    const named = EXPECTED.flatMap((e) => [...(e.top3 ?? []), ...(e.top3Among ?? []), ...(e.found ?? [])]);
    expect(named.filter((slug) => !slugs.has(slug))).toEqual([]);
  });

  it.each(EXPECTED)('$search finds what it means', async ({ search, top3, top3Among, found: anywhere }) => {
    const ids = await found(search);
    const first = ids.slice(0, 3);
    for (const slug of top3 ?? []) expect(first, `${slug} in the first three of ${ids.join(', ')}`).toContain(slug);
    if (top3Among) {
      expect(first).toHaveLength(3);
      for (const slug of first) expect(top3Among, `${slug}, among the first three of "${search}"`).toContain(slug);
    }
    for (const slug of anywhere ?? []) expect(ids).toContain(slug);
  });

  it('ignores accents, case, plurals, hyphens and elisions, in the words and in the synonyms', async () => {
    expect(await found('SIRET')).toEqual(await found('siret'));
    expect(await found('ENERGIE')).toEqual(await found('énergie'));
    expect(await found('impots')).toEqual(await found('impôts'));
    expect(await found('Pole Emploi')).toEqual(await found('pôle emploi'));
    expect(await found('SIRENS')).toEqual(await found('siren'));
    // Not the same results (the phrase, the article), but the same synonyms.
    expect((await found('pole-emploi')).slice(0, 3)).toEqual((await found('pôle emploi')).slice(0, 3));
    expect(await found("l'énergie")).toContain('api_dpe_batiments_publics');
  });

  it('searches words without synonyms, and quoted or excluded words, as websearch_to_tsquery does', async () => {
    const direct = async (search: string) => {
      const query = sql`websearch_to_tsquery('catalog.french_unaccent', ${search})`;
      const result = await connection
        .drizzle()
        .execute(
          sql`select slug from catalog.apis where search @@ ${query} order by round(ts_rank_cd(search, ${query})::numeric, 6) desc, slug limit 100`,
        );
      // postgres.js answers the rows, PGlite an object holding them.
      const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { slug: string }[];
      return rows.map((r) => r.slug);
    };
    const searches = [
      'données ouvertes',
      'adresse or cadastre',
      'cadastre OR -parcelle',
      '"base adresse" -rennes',
      '"qualité de',
      'transport -taxi',
      '"SIRET"',
      'adresse -siret',
      'api-entreprise',
      'data.gouv.fr',
      "Hub'Eau rivières",
      'de la',
      '-',
      '"',
    ];
    for (const search of searches) expect(await found(search), search).toEqual(await direct(search));
    expect((await found('adresse or cadastre')).length).toBeGreaterThan((await found('adresse')).length);
  });

  it('keeps the web search syntax: quoted phrases, -exclusions and or', async () => {
    // A phrase is searched as written: "réseaux de chaleur" is in two APIs' keywords.
    expect((await found('"réseaux de chaleur"')).sort()).toEqual(['api-france-chaleur-urbaine', 'api-impact-co2']);
    // An exclusion takes its word literally: "siret -sirene" leaves out every API that says Sirene.
    const siret = await found('siret');
    const withoutSirene = await found('siret -sirene');
    expect(withoutSirene.length).toBeGreaterThan(0);
    expect(withoutSirene).not.toContain('sirene_v3');
    expect(withoutSirene).not.toContain('api-recherche-entreprises');
    for (const slug of withoutSirene) expect(siret).toContain(slug);
    // Either word: what each finds, together.
    const either = await found('ameli or dpe');
    expect(new Set(either)).toEqual(new Set([...(await found('ameli')), ...(await found('dpe'))]));
  });
});
