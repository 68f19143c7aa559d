/**
 * The incubator kit over HTTP, on embedded PGlite and on the real Postgres server: the same
 * suite, the same real data (the ecology ministry's Fabrique Numérique, `mtes`).
 */
import { loadSeedData, partnerSeed, type SeedStartup } from '@gouvgraph/data';
import { compareBytewise, foldText, phaseFromSource } from '@gouvgraph/schema';
import { codes, DATABASES, graphql, type TestDatabase } from '@gouvgraph/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, startIncubatorSubgraph, type DatabaseConnection, type RunningIncubatorSubgraph } from '../src/index.js';

const PARTNER = 'mtes';
const data = loadSeedData();
const seed = partnerSeed(data, PARTNER);
const currentPhase = (s: SeedStartup) => phaseFromSource(s.current_phase);

describe.each(DATABASES)('incubator kit on $name', ({ create }) => {
  let database: TestDatabase;
  let connection: DatabaseConnection;
  let kit: RunningIncubatorSubgraph;
  const query = (q: string, variables?: Record<string, unknown>) => graphql(kit.url, q, variables);
  const totalCount = async () => (await query('{ startups { totalCount } }')).data?.startups.totalCount as number;

  beforeAll(async () => {
    database = await create();
    connection = await openDatabase(database.config);
    kit = await startIncubatorSubgraph({ partnerId: PARTNER, connection, seed });
  });
  afterAll(async () => {
    await kit?.stop();
    await connection?.close();
    await database?.drop();
  });

  it('seeds every startup the incubator owns, and a second start duplicates nothing', async () => {
    expect(kit.seeded).toBe(seed.startups.length);
    const again = await startIncubatorSubgraph({ partnerId: PARTNER, connection, seed });
    try {
      expect(again.seeded).toBe(0);
      expect(await totalCount()).toBe(data.startups.filter((s) => s.incubator === PARTNER).length);
      const phases = await query('{ startup(id: "mtes/acceslibre") { phases { phase } } }');
      expect(phases.data?.startup.phases).toHaveLength(data.startups.find((s) => s.id === 'acceslibre')?.phases.length ?? -1);
    } finally {
      await again.stop();
    }
  });

  it('answers its incubator with the owner organisation, and nothing for another id', async () => {
    const result = await query('{ incubators { id name owner { id name kind } } other: incubator(id: "dinum") { id } }');
    expect(result.errors).toBeUndefined();
    expect(result.data?.incubators).toEqual([
      {
        id: 'mtes',
        name: seed.incubator.title,
        owner: { id: 'mtes', name: data.organisations.find((o) => o.id === 'mtes')?.name, kind: 'CENTRAL_ADMINISTRATION' },
      },
    ]);
    expect(result.data?.other).toBeNull();
  });

  it('filters by phase, activity, thematic and accent-blind text search as the data says', async () => {
    const count = async (filter: string) => (await query(`{ startups(filter: ${filter}) { totalCount } }`)).data?.startups.totalCount;
    const mine = seed.startups;
    expect(await count('{ phase: ACCELERATION }')).toBe(mine.filter((s) => currentPhase(s) === 'ACCELERATION').length);
    expect(await count('{ phaseIn: [TRANSFERRED, ABANDONED] }')).toBe(
      mine.filter((s) => ['TRANSFERRED', 'ABANDONED'].includes(currentPhase(s) ?? '')).length,
    );
    const active = mine.filter((s) => s.is_active);
    expect(await count('{ active: true }')).toBe(active.length);
    expect(await count('{ active: false }')).toBe(mine.length - active.length);
    expect(await count('{ thematic: "environnement" }')).toBe(
      mine.filter((s) => (s.thematiques ?? []).some((t) => t.toLowerCase() === 'environnement')).length,
    );
    // "rénovation" is written with its accent in the data: the search ignores accents and case.
    const renovation = mine.filter((s) => foldText(`${s.title} ${s.mission}`).includes('renovation'));
    expect(renovation.filter((s) => `${s.title} ${s.mission}`.includes('renovation'))).toEqual([]);
    expect(renovation.length).toBeGreaterThan(0);
    expect(await count('{ search: "RENOVATION" }')).toBe(renovation.length);
    expect(await count('{ search: "100%_" }')).toBe(0);
  });

  it.each(['ASC', 'DESC'] as const)('walks every startup exactly once by name %s, with small pages', async (direction) => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const result: Awaited<ReturnType<typeof query>> = await query(
        `query Walk($after: String) { startups(first: 7, after: $after, orderBy: { field: NAME, direction: ${direction} }) {
           edges { cursor node { slug } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(result.errors).toBeUndefined();
      const connection = result.data?.startups;
      seen.push(...connection.edges.map((e: { node: { slug: string } }) => e.node.slug));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    const expected = [...seed.startups]
      .sort((a, b) => compareBytewise(foldText(a.title), foldText(b.title)) || compareBytewise(a.id, b.id))
      .map((s) => s.id);
    expect(seen).toEqual(direction === 'ASC' ? expected : expected.reverse());
  });

  it('orders by the start of the current phase', async () => {
    const result = await query(
      '{ startups(first: 100, orderBy: { field: PHASE_START, direction: DESC }) { edges { node { phaseStart } } } }',
    );
    const starts = result.data?.startups.edges.map((e: { node: { phaseStart: string } }) => e.node.phaseStart) as string[];
    expect(starts).toHaveLength(seed.startups.length);
    expect(starts).toEqual([...starts].sort().reverse());
  });

  it('tallies its startups as their histories say, counts its thematics, and filters by year of entry (contract 1.3)', async () => {
    const result = await query(`{
      incubator(id: "mtes") {
        startupTally { entryYear phase reachedConstruction startups committeeReviews daysToAcceleration }
        thematics { name startups }
        startups(first: 100) { totalCount edges { node { phase thematics phases { phase start } events { kind } } } }
      } }`);
    expect(result.errors).toBeUndefined();
    const { startupTally, thematics, startups } = result.data?.incubator;
    type Node = { phase: string; thematics: string[]; phases: { phase: string; start: string }[]; events: { kind: string }[] };
    const nodes = startups.edges.map((e: { node: Node }) => e.node) as Node[];
    expect(nodes).toHaveLength(startups.totalCount);
    // The tally, recomputed here from each history, in the contract's words.
    const expected = new Map<string, { startups: number; committeeReviews: number; daysToAcceleration: number[] }>();
    for (const n of nodes) {
      const first = n.phases[0]?.start as string;
      const reached = n.phases.some((p) => ['CONSTRUCTION', 'ACCELERATION', 'CONSOLIDATION', 'TRANSFERRED', 'OPERATED'].includes(p.phase));
      const key = `${first.slice(0, 4)} ${n.phase} ${reached}`;
      const row = expected.get(key) ?? { startups: 0, committeeReviews: 0, daysToAcceleration: [] };
      row.startups++;
      row.committeeReviews += n.events.filter((e) => e.kind === 'COMMITTEE').length;
      const acceleration = n.phases.find((p) => p.phase === 'ACCELERATION');
      if (acceleration) row.daysToAcceleration.push((Date.parse(acceleration.start) - Date.parse(first)) / 86_400_000);
      expected.set(key, row);
    }
    type Row = {
      entryYear: number;
      phase: string;
      reachedConstruction: boolean;
      startups: number;
      committeeReviews: number;
      daysToAcceleration: number[];
    };
    const rows = startupTally as Row[];
    expect(
      new Map(
        rows.map((r) => [
          `${r.entryYear} ${r.phase} ${r.reachedConstruction}`,
          { startups: r.startups, committeeReviews: r.committeeReviews, daysToAcceleration: r.daysToAcceleration },
        ]),
      ),
    ).toEqual(new Map([...expected].map(([k, v]) => [k, { ...v, daysToAcceleration: v.daysToAcceleration.sort((a, b) => a - b) }])));
    expect(rows.map((r) => r.entryYear)).toEqual(rows.map((r) => r.entryYear).sort());
    expect(rows.some((r) => r.daysToAcceleration.length > 0) && rows.some((r) => r.committeeReviews > 0)).toBe(true);

    const byThematic = new Map<string, number>();
    for (const n of nodes) for (const t of n.thematics) byThematic.set(t, (byThematic.get(t) ?? 0) + 1);
    expect(thematics).toEqual(
      [...byThematic].sort(([a], [b]) => compareBytewise(a, b)).map(([name, count]) => ({ name, startups: count })),
    );

    const year = Number(nodes[0]?.phases[0]?.start.slice(0, 4));
    const count = (await query(`{ startups(filter: { startedIn: ${year} }) { totalCount } }`)).data?.startups.totalCount;
    expect(count).toBe(nodes.filter((n) => n.phases[0]?.start.startsWith(`${year}-`)).length);
    expect(count).toBeGreaterThan(0);
  });

  it('resolves K startup entities with one SQL statement', async () => {
    const representations = seed.startups.slice(0, 12).map((s) => ({ __typename: 'Startup', id: `mtes/${s.id}` }));
    representations.push({ __typename: 'Startup', id: 'dinum/not-mine' });
    const before = kit.statements.count;
    const result = await query('query($r: [_Any!]!) { _entities(representations: $r) { ... on Startup { id name phase active } } }', {
      r: representations,
    });
    expect(kit.statements.count - before).toBe(1);
    expect(result.data?._entities.slice(0, 12).map((e: { name: string }) => e.name)).toEqual(
      seed.startups.slice(0, 12).map((s) => s.title),
    );
    expect(result.data?._entities[12]).toBeNull();
  });

  it('refuses bad reads with coded errors', async () => {
    expect(codes(await query('{ startups(first: 101) { totalCount } }'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await query('{ startups(first: -1) { totalCount } }'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await query('{ startups(after: "not a cursor") { totalCount } }'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await query('{ startups(filter: { phase: FINISHED }) { totalCount } }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(codes(await query('{ startups { nope } }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(codes(await query('{ startups('))).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(codes(await query('query($s: String) { startups(filter: { search: $s }) { totalCount } }', { s: 'a\u0000b' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const nulCursor = Buffer.from(JSON.stringify(['NAME', 'ASC', 'a\u0000', 'mtes/a'])).toString('base64url');
    expect(codes(await query(`{ startups(after: "${nulCursor}") { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
  });

  it('publishes the accountability links of contract 1.1, and fills them in on a database seeded before it', async () => {
    const acceslibre = data.startups.find((s) => s.id === 'acceslibre');
    const links = '{ startup(id: "mtes/acceslibre") { statsUrl budgetUrl impactUrl } }';
    const expected = {
      statsUrl: acceslibre?.stats_url ?? null,
      budgetUrl: acceslibre?.budget_url ?? null,
      impactUrl: acceslibre?.impact_url ?? null,
    };
    expect(expected.statsUrl).toMatch(/^https:/);
    expect((await query(links)).data?.startup).toEqual(expected);
    // As a database migrated from 1.0 holds them: the columns there, empty, the backfill not done.
    const { sql } = await import('drizzle-orm');
    await connection
      .drizzle()
      .execute(sql.raw(`update "${kit.dbSchema}".startups set stats_url = null, budget_url = null, impact_url = null`));
    await connection.drizzle().execute(sql.raw(`delete from "${kit.dbSchema}".seed_marks`));
    await connection
      .drizzle()
      .execute(sql.raw(`update "${kit.dbSchema}".startups set impact_url = 'https://example.gouv.fr/impact' where slug = 'aigle'`));
    expect((await query(links)).data?.startup).toEqual({ statsUrl: null, budgetUrl: null, impactUrl: null });
    const again = await startIncubatorSubgraph({ partnerId: PARTNER, connection, seed });
    await again.stop();
    expect((await query(links)).data?.startup).toEqual(expected);
    // A startup whose links the partner set keeps them.
    const aigle = await query('{ startup(id: "mtes/aigle") { statsUrl impactUrl } }');
    expect(aigle.data?.startup).toEqual({ statsUrl: null, impactUrl: 'https://example.gouv.fr/impact' });
    // The backfill happens once: links the partner clears stay cleared across restarts.
    const cleared = await query(
      'mutation { updateStartup(id: "mtes/acceslibre", input: { statsUrl: null, budgetUrl: null, impactUrl: null }) { statsUrl } }',
    );
    expect(cleared.errors).toBeUndefined();
    const restarted = await startIncubatorSubgraph({ partnerId: PARTNER, connection, seed });
    await restarted.stop();
    expect((await query(links)).data?.startup).toEqual({ statsUrl: null, budgetUrl: null, impactUrl: null });
  });

  describe('writes', () => {
    const create = `mutation Create($input: CreateStartupInput!) { createStartup(input: $input) {
      id name phase active phases { phase start end } sponsors { id } } }`;
    const input = {
      incubatorId: PARTNER,
      slug: 'sobriete-numerique-test',
      name: 'Sobriété numérique',
      pitch: "Mesurer l'empreinte des services numériques de l'État",
      phaseStart: '2026-09-01',
      sponsorIds: ['dgaln'],
      thematics: ['Environnement'],
    };

    it('refuses invalid input with a coded error and writes nothing', async () => {
      const before = await totalCount();
      const attempts: [Record<string, unknown>, string][] = [
        [{ ...input, slug: 'Not A Slug' }, 'BAD_USER_INPUT'],
        [{ ...input, name: '   ' }, 'BAD_USER_INPUT'],
        [{ ...input, sponsorIds: ['dgaln', 'no-such-organisation'] }, 'BAD_USER_INPUT'],
        [{ ...input, incubatorId: 'dinum' }, 'BAD_USER_INPUT'],
        [{ ...input, phaseStart: '2026-02-30' }, 'BAD_USER_INPUT'],
        [{ ...input, website: 'javascript:alert(1)' }, 'BAD_USER_INPUT'],
        [{ ...input, slug: 'acceslibre' }, 'CONFLICT'],
      ];
      for (const [bad, code] of attempts) {
        const result = await query(create, { input: bad });
        expect(codes(result), JSON.stringify(bad)).toEqual([code]);
        expect(result.errors?.[0]?.message).not.toMatch(/at \w+ \(|node_modules|sql/i);
      }
      expect(await totalCount()).toBe(before);
    });

    it('creates a startup, records its phase change and its committee review', async () => {
      const created = await query(create, { input });
      expect(created.errors).toBeUndefined();
      expect(created.data?.createStartup).toEqual({
        id: 'mtes/sobriete-numerique-test',
        name: 'Sobriété numérique',
        phase: 'INVESTIGATION',
        active: true,
        phases: [{ phase: 'INVESTIGATION', start: '2026-09-01', end: null }],
        sponsors: [{ id: 'dgaln' }],
      });

      const early = await query(
        'mutation { recordPhaseChange(startupId: "mtes/sobriete-numerique-test", phase: CONSTRUCTION, start: "2026-08-01") { phase } }',
      );
      expect(codes(early)).toEqual(['CONFLICT']);

      const changed = await query(`mutation {
        recordPhaseChange(startupId: "mtes/sobriete-numerique-test", phase: CONSTRUCTION, start: "2027-03-01") { phase phaseStart phases { phase start end } }
        recordCommitteeReview(startupId: "mtes/sobriete-numerique-test", date: "2027-02-20", comment: "Poursuite en construction") { events { kind date comment } }
      }`);
      expect(changed.errors).toBeUndefined();
      expect(changed.data?.recordPhaseChange).toEqual({
        phase: 'CONSTRUCTION',
        phaseStart: '2027-03-01',
        phases: [
          { phase: 'INVESTIGATION', start: '2026-09-01', end: '2027-03-01' },
          { phase: 'CONSTRUCTION', start: '2027-03-01', end: null },
        ],
      });
      expect(changed.data?.recordCommitteeReview.events).toEqual([
        { kind: 'COMMITTEE', date: '2027-02-20', comment: 'Poursuite en construction' },
      ]);

      const updated = await query(
        `mutation { updateStartup(id: "mtes/sobriete-numerique-test", input: { name: "Écoconception des services", website: "https://example.gouv.fr", statsUrl: "https://example.gouv.fr/stats" }) { name website statsUrl } }`,
      );
      expect(updated.data?.updateStartup).toEqual({
        name: 'Écoconception des services',
        website: 'https://example.gouv.fr',
        statsUrl: 'https://example.gouv.fr/stats',
      });
      const found = await query('{ startups(filter: { search: "ecoconception" }) { edges { node { id } } } }');
      expect(found.data?.startups.edges).toEqual([{ node: { id: 'mtes/sobriete-numerique-test' } }]);
    });

    it('lets a later field of the same mutation see what an earlier one wrote', async () => {
      const result = await query(`mutation {
        a: recordCommitteeReview(startupId: "mtes/aigle", date: "2026-01-10", comment: "Premier comité") { events { comment } }
        b: recordCommitteeReview(startupId: "mtes/aigle", date: "2026-07-10", comment: "Second comité") { events { comment } }
      }`);
      expect(result.errors).toBeUndefined();
      const comments = (r: { events: { comment: string | null }[] }) => r.events.map((e) => e.comment).filter((c) => c?.endsWith('comité'));
      expect(comments(result.data?.a)).toEqual(['Premier comité']);
      expect(comments(result.data?.b)).toEqual(['Premier comité', 'Second comité']);
    });

    describe('with an idempotency key', () => {
      const review = `mutation Review($id: ID!, $date: Date!, $comment: String, $key: String) {
        recordCommitteeReview(startupId: $id, date: $date, comment: $comment, idempotencyKey: $key) { id events { comment } } }`;
      const reviews = async (id: string, comment: string) => {
        const result = await query('query($id: ID!) { startup(id: $id) { events { comment } } }', { id });
        return (result.data?.startup.events as { comment: string | null }[]).filter((e) => e.comment === comment).length;
      };

      it('applies a write sent again with its key once, and answers the second call as the first', async () => {
        const variables = { id: 'mtes/acceslibre', date: '2026-10-15', comment: 'Comité de relance', key: 'b1c9e6a4-relance' };
        const first = await query(review, variables);
        expect(first.errors).toBeUndefined();
        for (let i = 0; i < 3; i++) expect(await query(review, variables)).toEqual(first);
        expect(await reviews('mtes/acceslibre', 'Comité de relance')).toBe(1);
        // The key is the write's: without it the same write is another one.
        await query(review, { ...variables, key: null });
        expect(await reviews('mtes/acceslibre', 'Comité de relance')).toBe(2);
      });

      it('returns a created startup as the first call left it, not CONFLICT, when the creation is sent again', async () => {
        const keyed = `mutation Create($input: CreateStartupInput!, $key: String) { createStartup(input: $input, idempotencyKey: $key) { id name } }`;
        const variables = { input: { ...input, slug: 'cle-idempotence-test', name: 'Registre des aides' }, key: 'creation-registre-1' };
        const before = await totalCount();
        const first = await query(keyed, variables);
        expect(first.data?.createStartup).toEqual({ id: 'mtes/cle-idempotence-test', name: 'Registre des aides' });
        await query('mutation { updateStartup(id: "mtes/cle-idempotence-test", input: { name: "Registre des aides locales" }) { id } }');
        expect(await query(keyed, variables)).toEqual(first);
        expect(await totalCount()).toBe(before + 1);
        // Without the key, the same creation is refused as a second one.
        expect(codes(await query(keyed, { ...variables, key: null }))).toEqual(['CONFLICT']);
      });

      it('refuses the key sent with another write, writing nothing', async () => {
        const variables = { id: 'mtes/acceslibre', date: '2026-10-16', comment: 'Comité A', key: 'cle-partagee' };
        expect((await query(review, variables)).errors).toBeUndefined();
        const reused = await query(review, { ...variables, comment: 'Comité B' });
        expect(codes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
        expect(reused.errors?.[0]?.extensions?.field).toBe('idempotencyKey');
        const otherMutation = await query(
          'mutation { updateStartup(id: "mtes/acceslibre", input: { pitch: "Autre" }, idempotencyKey: "cle-partagee") { id } }',
        );
        expect(codes(otherMutation)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
        expect(await reviews('mtes/acceslibre', 'Comité B')).toBe(0);
        expect((await query('{ startup(id: "mtes/acceslibre") { pitch } }')).data?.startup.pitch).not.toBe('Autre');
      });

      it('does not use up the key of a refused write', async () => {
        const keyed = `mutation Create($input: CreateStartupInput!) { createStartup(input: $input, idempotencyKey: "cle-refusee") { id } }`;
        expect(codes(await query(keyed, { input: { ...input, slug: 'acceslibre' } }))).toEqual(['CONFLICT']);
        const fixed = await query(keyed, { input: { ...input, slug: 'cle-refusee-corrigee' } });
        expect(fixed.data?.createStartup).toEqual({ id: 'mtes/cle-refusee-corrigee' });
      });

      it('writes once when the same keyed write arrives many times at once', async () => {
        const variables = { id: 'mtes/aigle', date: '2026-10-17', comment: 'Comité concurrent', key: 'cle-concurrente' };
        const answers = await Promise.all(Array.from({ length: 8 }, () => query(review, variables)));
        for (const answer of answers) expect(answer).toEqual(answers[0]);
        expect(answers[0]?.errors).toBeUndefined();
        expect(await reviews('mtes/aigle', 'Comité concurrent')).toBe(1);
      });

      it('forgets a key after 24 hours', async () => {
        const variables = { id: 'mtes/aigle', date: '2026-10-18', comment: 'Comité espacé', key: 'cle-ancienne' };
        await query(review, variables);
        const db = connection.drizzle();
        await db.execute(
          sql`update ${sql.identifier(kit.dbSchema)}.idempotency_keys set created_at = now() - interval '25 hours' where key = 'cle-ancienne'`,
        );
        await query(review, variables);
        expect(await reviews('mtes/aigle', 'Comité espacé')).toBe(2);
      });

      it('refuses an empty, overlong or control-character key', async () => {
        for (const key of ['', 'x'.repeat(256), 'cle\u0000nulle']) {
          const refused = await query(review, { id: 'mtes/aigle', date: '2026-10-19', comment: 'Jamais', key });
          expect(codes(refused), JSON.stringify(key)).toEqual(['BAD_USER_INPUT']);
          expect(refused.errors?.[0]?.extensions?.field).toBe('idempotencyKey');
        }
        expect(await reviews('mtes/aigle', 'Jamais')).toBe(0);
      });
    });

    it("does not touch another partner's startup or an unknown one", async () => {
      const other = await query('mutation { updateStartup(id: "dinum/pass-culture", input: { name: "x" }) { id } }');
      expect(codes(other)).toEqual(['NOT_FOUND']);
      const missing = await query('mutation { recordCommitteeReview(startupId: "mtes/nope", date: "2026-01-01") { id } }');
      expect(codes(missing)).toEqual(['NOT_FOUND']);
      const malformed = await query('mutation { recordCommitteeReview(startupId: "no-slash", date: "2026-01-01") { id } }');
      expect(codes(malformed)).toEqual(['BAD_USER_INPUT']);
    });
  });
});

describe('incubator kit schema', () => {
  it('serves exactly the contract SDL (snapshot)', async () => {
    const connection = await openDatabase({ kind: 'pglite' });
    const kit = await startIncubatorSubgraph({ partnerId: 'menj', connection });
    try {
      const result = await graphql(kit.url, '{ _service { sdl } }');
      await expect(result.data?._service.sdl).toMatchFileSnapshot('__snapshots__/incubator.graphql');
    } finally {
      await kit.stop();
      await connection.close();
    }
  });

  it('serves an earlier contract version when told to, for a partner that has not upgraded', async () => {
    const connection = await openDatabase({ kind: 'pglite' });
    const kit = await startIncubatorSubgraph({ partnerId: 'mtes', connection, seed: partnerSeed(data, 'mtes'), contractVersion: '1.0' });
    try {
      expect(kit.contractVersion).toBe('1.0');
      const sdl = (await graphql(kit.url, '{ _service { sdl } }')).data?._service.sdl as string;
      expect(sdl).toContain('fastFunding: FastFunding');
      expect(sdl).not.toContain('statsUrl');
      expect(codes(await graphql(kit.url, '{ startup(id: "mtes/acceslibre") { statsUrl } }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      await expect(startIncubatorSubgraph({ partnerId: 'mtes', connection, contractVersion: '0.9' })).rejects.toThrow(/no version "0.9"/);
    } finally {
      await kit.stop();
      await connection.close();
    }
  });
  it('refuses every write, changing nothing, when it has no key to tell who writes and is not told to take them anyway', async () => {
    const connection = await openDatabase({ kind: 'pglite' });
    const kit = await startIncubatorSubgraph({ partnerId: 'mtes', connection, seed: partnerSeed(data, 'mtes'), unsignedWrites: 'closed' });
    try {
      const count = async () => (await graphql(kit.url, '{ startups(first: 0) { totalCount } }')).data?.startups.totalCount as number;
      const before = await count();
      const create = await graphql(
        kit.url,
        `mutation { createStartup(input: { incubatorId: "mtes", slug: "sans-cle", name: "Sans clé", pitch: "Écrire sans être vu", phaseStart: "2026-11-03" }) { id } }`,
      );
      expect(codes(create)).toEqual(['FORBIDDEN']);
      expect(create.errors?.[0]?.message).toContain('GOUVGRAPH_IDENTITY_PUBLIC_KEY');
      expect(await count()).toBe(before);
      // Reads are served as ever.
      expect((await graphql(kit.url, '{ startup(id: "mtes/acceslibre") { id } }')).data?.startup).toEqual({ id: 'mtes/acceslibre' });
    } finally {
      await kit.stop();
      await connection.close();
    }
  });
});
