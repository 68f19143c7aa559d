/**
 * The whole government graph — one incubator subgraph per real incubator (23) and the
 * gateway — on embedded PGlite and on the real Postgres server, answering the README's query
 * exactly as the beta.gouv.fr data files say.
 */
import { loadSeedData, type SeedStartup } from '@gouvgraph/data';
import { compareBytewise, foldText, organisationKindFromSource, phaseFromSource, PHASES } from '@gouvgraph/schema';
import { startStack, type Stack } from '@gouvgraph/stack';
import { DATABASES, graphql, type TestDatabase } from '@gouvgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const data = loadSeedData();
/** The data file's own current phase, not a re-derivation: the kit must agree with the source. */
const current = (s: SeedStartup) => phaseFromSource(s.current_phase);
/** The contract's order: sort key, then global id, byte-wise. */
const byName = (a: SeedStartup, b: SeedStartup) =>
  compareBytewise(foldText(a.title), foldText(b.title)) || compareBytewise(`${a.incubator}/${a.id}`, `${b.incubator}/${b.id}`);

const TODAY = '2026-11-29';

/**
 * The six-month rule recomputed here, from the data files, with code of its own: the phases in
 * the source's order (start, then lifecycle), the outcome, the cohorts, the median.
 */
function recompute(startups: SeedStartup[]) {
  const ordered = (s: SeedStartup) =>
    s.phases
      .map((p) => ({ phase: phaseFromSource(p.name) as string, start: p.start }))
      .sort((a, b) => a.start.localeCompare(b.start) || PHASES.indexOf(a.phase as never) - PHASES.indexOf(b.phase as never));
  const beyond = ['CONSTRUCTION', 'ACCELERATION', 'CONSOLIDATION', 'TRANSFERRED', 'OPERATED'];
  const rows = startups.map((s) => {
    const phases = ordered(s);
    const outcome = phases.some((p) => beyond.includes(p.phase))
      ? 'continued'
      : ['ABANDONED', 'ABANDONED_IN_INVESTIGATION'].includes(phases.at(-1)?.phase ?? '')
        ? 'abandoned'
        : 'pending';
    const acceleration = phases.find((p) => p.phase === 'ACCELERATION');
    const toAcceleration = acceleration ? (Date.parse(acceleration.start) - Date.parse(phases[0]?.start ?? '')) / 86_400_000 : null;
    return {
      year: Number(phases[0]?.start.slice(0, 4)),
      outcome,
      toAcceleration,
      committees: (s.events ?? []).filter((e) => e.name === 'committee').length,
    };
  });
  const count = (outcome: string, list = rows) => list.filter((r) => r.outcome === outcome).length;
  const share = (list = rows) =>
    count('continued', list) + count('abandoned', list)
      ? count('continued', list) / (count('continued', list) + count('abandoned', list))
      : null;
  const days = rows.flatMap((r) => (r.toAcceleration === null ? [] : [r.toAcceleration])).sort((a, b) => a - b);
  const mid = Math.floor(days.length / 2);
  return {
    startups: rows.length,
    continued: count('continued'),
    abandoned: count('abandoned'),
    pending: count('pending'),
    passedSixMonthShare: share(),
    medianDaysToAcceleration: days.length % 2 ? days[mid] : Math.round(((days[mid - 1] ?? 0) + (days[mid] ?? 0)) / 2),
    committeeReviews: rows.reduce((n, r) => n + r.committees, 0),
    cohorts: [...new Set(rows.map((r) => r.year))]
      .sort((a, b) => a - b)
      .map((year) => {
        const cohort = rows.filter((r) => r.year === year);
        return {
          year,
          startups: cohort.length,
          continued: count('continued', cohort),
          abandoned: count('abandoned', cohort),
          pending: count('pending', cohort),
          passedSixMonthShare: share(cohort),
        };
      }),
    // The data file's own current phase: a second, independent reading.
    currentPhases: PHASES.map((phase) => ({
      phase,
      startups: startups.filter((s) => phaseFromSource(s.current_phase) === phase).length,
    })).filter((p) => p.startups > 0),
    missingPartners: [],
  };
}

const IMPACT = `{ startups continued abandoned pending passedSixMonthShare medianDaysToAcceleration committeeReviews
  cohorts { year startups continued abandoned pending passedSixMonthShare } currentPhases { phase startups } missingPartners }`;

const README_QUERY = `{
  incubators { id name owner { name kind } startups(first: 3) { totalCount edges { node { name phase } } } }
  startups(filter: { phase: ACCELERATION }, first: 10) { totalCount edges { node { id name incubator { name } } } }
}`;

describe.each(DATABASES)('the government graph on $name', ({ create }) => {
  let database: TestDatabase;
  let stack: Stack;
  const query = (q: string) => graphql(stack.gateway.url, q);

  beforeAll(async () => {
    database = await create();
    stack = await startStack({ database: database.config, today: () => TODAY });
  });
  afterAll(async () => {
    await stack?.stop();
    await database?.drop();
  });

  it('runs one subgraph per incubator of the data, each on its own port and schema', () => {
    expect(stack.partners.map((p) => p.partnerId).sort()).toEqual(data.incubators.map((i) => i.id).sort());
    expect(new Set(stack.partners.map((p) => p.url)).size).toBe(data.incubators.length);
    expect(new Set(stack.partners.map((p) => p.dbSchema)).size).toBe(data.incubators.length);
    expect(stack.partners.reduce((n, p) => n + p.seeded, 0)).toBe(data.startups.length);
  });

  it("answers the README's query with the real names and counts", async () => {
    const result = await query(README_QUERY);
    expect(result.errors).toBeUndefined();
    const expectedIncubators = [...data.incubators]
      .sort((a, b) => compareBytewise(a.id, b.id))
      .map((incubator) => {
        const owner = data.organisations.find((o) => o.id === incubator.owner_id);
        const owned = data.startups.filter((s) => s.incubator === incubator.id).sort(byName);
        return {
          id: incubator.id,
          name: incubator.title,
          owner: owner ? { name: owner.name, kind: organisationKindFromSource(owner.type) } : null,
          startups: { totalCount: owned.length, edges: owned.slice(0, 3).map((s) => ({ node: { name: s.title, phase: current(s) } })) },
        };
      });
    expect(result.data?.incubators).toEqual(expectedIncubators);

    const accelerating = data.startups.filter((s) => current(s) === 'ACCELERATION').sort(byName);
    expect(result.data?.startups).toEqual({
      totalCount: accelerating.length,
      edges: accelerating.slice(0, 10).map((s) => ({
        node: {
          id: `${s.incubator}/${s.id}`,
          name: s.title,
          incubator: { name: data.incubators.find((i) => i.id === s.incubator)?.title },
        },
      })),
    });
  });

  it('counts every startup of the government by phase and by activity', async () => {
    const aliases = PHASES.map((p) => `${p}: startups(filter: { phase: ${p} }, first: 0) { totalCount }`).join('\n');
    const result = await query(
      `{ all: startups(first: 0) { totalCount } active: startups(filter: { active: true }, first: 0) { totalCount } ${aliases} }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.all.totalCount).toBe(data.startups.length);
    expect(result.data?.active.totalCount).toBe(data.startups.filter((s) => s.is_active).length);
    for (const phase of PHASES) {
      expect(result.data?.[phase].totalCount, phase).toBe(data.startups.filter((s) => current(s) === phase).length);
    }
  });

  it('measures the six-month rule exactly as a recomputation from the data files', async () => {
    const result = await query(`{ all: programmeImpact ${IMPACT} mtes: programmeImpact(incubator: "mtes") ${IMPACT} }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.all).toEqual(recompute(data.startups));
    expect(result.data?.mtes).toEqual(recompute(data.startups.filter((s) => s.incubator === 'mtes')));
  });

  it('shows a recorded committee review in the timeline and in the numbers', async () => {
    const before = await query(
      '{ programmeImpact(incubator: "mtes") { committeeReviews } startup(id: "mtes/aigle") { impact { committeeReviews } } }',
    );
    const recorded = await query(
      'mutation { recordCommitteeReview(startupId: "mtes/aigle", date: "2026-11-20", comment: "Revue des six mois") { events { kind date comment } impact { committeeReviews } } }',
    );
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data?.recordCommitteeReview.events).toContainEqual({
      kind: 'COMMITTEE',
      date: '2026-11-20',
      comment: 'Revue des six mois',
    });
    expect(recorded.data?.recordCommitteeReview.impact.committeeReviews).toBe(before.data?.startup.impact.committeeReviews + 1);
    const after = await query('{ programmeImpact(incubator: "mtes") { committeeReviews } }');
    expect(after.data?.programmeImpact.committeeReviews).toBe(before.data?.programmeImpact.committeeReviews + 1);
    const refused = await graphql(
      stack.gateway.url,
      'mutation($d: Date!) { recordCommitteeReview(startupId: "mtes/aigle", date: $d) { id } }',
      { d: '2026-13-01' },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await query('{ programmeImpact(incubator: "mtes") { committeeReviews } }')).data?.programmeImpact.committeeReviews).toBe(
      after.data?.programmeImpact.committeeReviews,
    );
  });

  it("gathers an incubator's owner's incubators across partners, wherever the owner is reached", async () => {
    const hosted = data.incubators
      .filter((i) => i.owner_id === 'dinum')
      .map((i) => ({ id: i.id, name: i.title }))
      .sort((a, b) => compareBytewise(a.id, b.id));
    const result = await query(`{ incubator(id: "alliance") { owner { incubators { id name } } }
      organisation(id: "dinum") { incubators { id name } }
      startup(id: "dinum/pass-culture") { sponsors { id } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.incubator.owner.incubators).toEqual(hosted);
    expect(result.data?.organisation.incubators).toEqual(hosted);
    expect(hosted.length).toBeGreaterThan(1);
  });

  it('finds a startup and its full history through its owner', async () => {
    const passCulture = data.startups.find((s) => s.id === 'pass-culture');
    const result = await query('{ startup(id: "dinum/pass-culture") { name incubator { id } phases { phase start } sponsors { id } } }');
    expect(result.data?.startup).toEqual({
      name: passCulture?.title,
      incubator: { id: 'dinum' },
      phases: [...(passCulture?.phases ?? [])]
        .sort((a, b) => a.start.localeCompare(b.start))
        .map((p) => ({ phase: phaseFromSource(p.name), start: p.start })),
      sponsors: (passCulture?.sponsor_ids ?? []).map((id) => ({ id })),
    });
  });
  it('reads every startup of the data by its id, accented slugs included, and writes to one', { timeout: 120_000 }, async () => {
    const ids = data.startups.map((s) => `${s.incubator}/${s.id}`);
    expect(ids).toContain('anct/données-et-territoires');
    expect(ids).toContain('dinum/e-inspé');
    // 25 lookups a request: within the public graph's root-field limit.
    for (let i = 0; i < ids.length; i += 25) {
      const batch = ids.slice(i, i + 25);
      const variables = batch.map((_, j) => `$id${j}: ID!`).join(', ');
      const lookups = batch.map((_, j) => `s${j}: startup(id: $id${j}) { id }`).join(' ');
      const result = await graphql(
        stack.gateway.url,
        `query(${variables}) { ${lookups} }`,
        Object.fromEntries(batch.map((id, j) => [`id${j}`, id])),
      );
      expect(result.errors).toBeUndefined();
      expect(batch.map((_, j) => (result.data?.[`s${j}`] as { id: string } | null)?.id)).toEqual(batch);
    }
    // Written by its id too (its pitch, written back unchanged).
    const pitch = data.startups.find((s) => s.id === 'données-et-territoires')?.mission;
    const write = await graphql(
      stack.gateway.url,
      'mutation($id: ID!, $pitch: String!) { updateStartup(id: $id, input: { pitch: $pitch }) { id pitch } }',
      { id: 'anct/données-et-territoires', pitch },
    );
    expect(write.errors).toBeUndefined();
    expect(write.data?.updateStartup).toEqual({ id: 'anct/données-et-territoires', pitch });
  });
});
