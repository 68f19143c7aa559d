/**
 * The conformance sample: three startups the kit writes in its own database for the length of a
 * conformance check, so that a new partner with no startups yet can show what only startups show
 * (their order in every sort, cursors, `after`, counts, valid values, entities). They are plainly
 * a sample — slugs `conformance-sample-…`, names « Échantillon de conformité » — and read like real
 * ones: each follows a lifecycle of beta.gouv.fr's own phase vocabulary (the seed's phases, their
 * labels and descriptions), and their names, current phases and first phases sort three different
 * ways. `withConformanceSample` deletes them in a `finally`: nothing is left, even on failure.
 */
import { loadSeedData, type SeedPhaseDefinition } from '@gouvgraph/data';
import type { Db } from '@gouvgraph/db';
import { ACTIVE_PHASES, phaseFromSource, type Phase } from '@gouvgraph/schema';
import { eq, like } from 'drizzle-orm';
import { startupKeys } from './db/seed.js';
import type { Tables } from './db/tables.js';

/** Every sample slug starts so; nothing else does. */
export const SAMPLE_SLUG_PREFIX = 'conformance-sample-';

/** Each sample: its lifecycle (beta.gouv.fr phase ids) and when each phase started. */
const LIFECYCLES: readonly { phases: readonly (readonly [string, string])[] }[] = [
  {
    phases: [
      ['investigation', '2023-09-04'],
      ['construction', '2024-01-08'],
      ['acceleration', '2024-11-04'],
    ],
  },
  { phases: [['investigation', '2025-02-03']] },
  {
    phases: [
      ['investigation', '2024-05-06'],
      ['abandon-investigation', '2024-10-07'],
    ],
  },
];

interface SamplePhase {
  phase: Phase;
  start: string;
  end: string | null;
}

/** The sample startups of `incubatorId`, derived from the seed's phase vocabulary. */
function sampleRows(incubatorId: string, definitions: readonly SeedPhaseDefinition[]) {
  return LIFECYCLES.map((lifecycle, index) => {
    const periods: SamplePhase[] = lifecycle.phases.map(([id, start], i, all) => {
      const phase = phaseFromSource(id);
      if (!phase) throw new Error(`the seed's phase vocabulary has no "${id}"`);
      return { phase, start, end: all[i + 1]?.[1] ?? null };
    });
    const currentId = lifecycle.phases[lifecycle.phases.length - 1]?.[0] ?? '';
    const current = periods[periods.length - 1] as SamplePhase;
    const first = periods[0] as SamplePhase;
    const definition = definitions.find((d) => d.id === currentId);
    const label = definition?.label ?? current.phase;
    const name = `Échantillon de conformité — ${label}`;
    const pitch = `Startup d’échantillon de la vérification de conformité GouvGraph, effacée à sa fin. ${
      definition?.short_description?.split('\n')[0]?.trim() ?? ''
    }`.trim();
    const slug = `${SAMPLE_SLUG_PREFIX}${index + 1}`;
    return {
      startup: {
        slug,
        incubatorId,
        name,
        pitch,
        description: `Écrite par \`--with-sample\` pour vérifier le sous-graphe de l’incubateur ${incubatorId}.`,
        ...startupKeys(name, pitch),
        phase: current.phase,
        phaseStart: current.start,
        firstPhaseStart: first.start,
        active: ACTIVE_PHASES.has(current.phase),
        thematics: ['Conformité'],
        thematicKeys: ['conformite'],
        userTypes: ['Agents publics'],
        technologies: [],
        website: `https://conformite.example/${slug}`,
        statsUrl: `https://conformite.example/${slug}/stats`,
      },
      phases: periods.map((p, position) => ({ startupSlug: slug, position, ...p })),
      events: [{ startupSlug: slug, position: 0, kind: 'COMMITTEE', date: first.start, comment: 'Comité d’investissement (échantillon)' }],
    };
  });
}

/** Deletes every sample startup (their phases and events go with them). */
async function deleteSample(db: Db, t: Tables): Promise<void> {
  await db.delete(t.startups).where(like(t.startups.slug, `${SAMPLE_SLUG_PREFIX}%`));
}

/**
 * Writes the sample in `incubatorId`'s tables, runs `body`, and deletes the sample whatever
 * `body` did. A sample an interrupted run left behind is replaced, not added to.
 */
export async function withConformanceSample<T>(db: Db, t: Tables, incubatorId: string, body: () => Promise<T>): Promise<T> {
  const [incubator] = await db.select({ id: t.incubator.id }).from(t.incubator).where(eq(t.incubator.id, incubatorId));
  if (!incubator)
    throw new Error(`the database has no incubator "${incubatorId}": start the kit once (it creates its incubator) before checking it`);
  const rows = sampleRows(incubatorId, loadSeedData().phases);
  try {
    await db.transaction(async (tx) => {
      await tx.delete(t.startups).where(like(t.startups.slug, `${SAMPLE_SLUG_PREFIX}%`));
      await tx.insert(t.startups).values(rows.map((r) => r.startup));
      await tx.insert(t.startupPhases).values(rows.flatMap((r) => r.phases));
      await tx.insert(t.startupEvents).values(rows.flatMap((r) => r.events));
    });
    return await body();
  } finally {
    await deleteSample(db, t);
  }
}
