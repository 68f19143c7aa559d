/**
 * Seeds one partner from the real beta.gouv.fr data, idempotently: rows that exist are left
 * as they are (the partner owns them and may have changed them), missing ones are inserted.
 */
import type { PartnerSeed, SeedStartup } from '@gouvgraph/data';
import {
  ACTIVE_PHASES,
  accessibilityFromSource,
  eventKindFromSource,
  foldText,
  isHttpUrl,
  organisationKindFromSource,
  phaseFromSource,
  phaseRank,
  type Phase,
} from '@gouvgraph/schema';
import type { Db } from '@gouvgraph/db';
import { sql } from 'drizzle-orm';
import type { Tables } from './tables.js';

type StartupRow = Tables['startups']['$inferInsert'];
type PhaseRow = Tables['startupPhases']['$inferInsert'];

/** Keeps a URL only when it is an absolute http(s) URL: the graph's `URL` scalar promises it. */
export function cleanUrl(value: string | undefined | null): string | null {
  // A few of the source's links were written HTML-escaped (`https:&#x2F;&#x2F;…`).
  const trimmed = value
    ?.trim()
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replaceAll('&amp;', '&');
  return trimmed && isHttpUrl(trimmed) ? trimmed : null;
}

/** The derived columns of a startup: sort and search keys. */
export function startupKeys(name: string, pitch: string): { nameKey: string; searchText: string } {
  return { nameKey: foldText(name), searchText: foldText(`${name} ${pitch}`) };
}

/** Orders phase periods by start; on the same day the later lifecycle phase comes last (the site's rule). */
function orderPhases<T extends { phase: Phase; start: string }>(periods: T[]): T[] {
  return [...periods].sort((a, b) => a.start.localeCompare(b.start) || phaseRank(a.phase) - phaseRank(b.phase));
}

function phaseRows(startup: SeedStartup): PhaseRow[] {
  const periods = startup.phases.map((p) => {
    const phase = phaseFromSource(p.name);
    if (!phase) throw new Error(`startup ${startup.id}: unknown phase "${p.name}"`);
    return { phase, start: p.start, end: p.end ?? null };
  });
  return orderPhases(periods).map((p, position, all) => ({
    startupSlug: startup.id,
    position,
    phase: p.phase,
    start: p.start,
    // A period ends when it says so, or when the next one starts.
    end: p.end ?? all[position + 1]?.start ?? null,
  }));
}

function startupRow(startup: SeedStartup, phases: PhaseRow[]): StartupRow {
  const current = phases[phases.length - 1];
  const first = phases[0];
  if (!current || !first) throw new Error(`startup ${startup.id} has no phase`);
  const phase = current.phase as Phase;
  const thematics = startup.thematiques ?? [];
  return {
    slug: startup.id,
    incubatorId: startup.incubator,
    name: startup.title,
    pitch: startup.mission,
    description: startup.description ?? null,
    ...startupKeys(startup.title, startup.mission),
    coIncubatorIds: startup.incubator_ids.filter((id) => id !== startup.incubator),
    phase,
    phaseStart: current.start,
    firstPhaseStart: first.start,
    active: ACTIVE_PHASES.has(phase),
    thematics,
    thematicKeys: thematics.map(foldText),
    userTypes: startup.usertypes ?? [],
    technologies: startup.techno ?? [],
    website: cleanUrl(startup.link),
    repository: cleanUrl(startup.repository),
    statsUrl: cleanUrl(startup.stats_url),
    budgetUrl: cleanUrl(startup.budget_url),
    impactUrl: cleanUrl(startup.impact_url),
    accessibility: accessibilityFromSource(startup.accessibility_status),
    fastRound: startup.fast?.promotion ?? null,
    fastAmountEuros: startup.fast?.montant ?? null,
  };
}

/** Inserts what is missing of one partner's seed. Returns how many startups were new. */
export async function seedPartner(db: Db, t: Tables, seed: PartnerSeed): Promise<number> {
  return db.transaction(async (tx) => {
    if (seed.organisations.length > 0) {
      await tx
        .insert(t.organisations)
        .values(
          seed.organisations.map((o) => ({
            id: o.id,
            name: o.name,
            acronym: o.acronym || null,
            kind: organisationKindFromSource(o.type),
            ministry: o.domaine_ministeriel || null,
          })),
        )
        .onConflictDoNothing();
    }
    const i = seed.incubator;
    await tx
      .insert(t.incubator)
      .values({
        id: i.id,
        name: i.title,
        shortDescription: i.short_description?.replace(/<[^>]+>/g, '') ?? null,
        description: i.description ?? null,
        // An owner the organisations file does not define (`menj`) is left unset rather than invented.
        ownerId: i.owner_id && seed.organisations.some((o) => o.id === i.owner_id) ? i.owner_id : null,
        website: cleanUrl(i.website),
        sourceCode: cleanUrl(i.github),
        address: i.address ?? null,
        city: i.city_derived ?? null,
      })
      .onConflictDoNothing();

    if (seed.startups.length === 0) return 0;
    const phasesBySlug = new Map(seed.startups.map((s) => [s.id, phaseRows(s)] as const));
    const inserted = await tx
      .insert(t.startups)
      .values(seed.startups.map((s) => startupRow(s, phasesBySlug.get(s.id) ?? [])))
      .onConflictDoNothing()
      .returning({ slug: t.startups.slug });
    const fresh = new Set(inserted.map((r) => r.slug));
    // Once per database: afterwards, links a partner cleared stay cleared.
    const [firstTime] = await tx.insert(t.seedMarks).values({ name: LINKS_MARK }).onConflictDoNothing().returning();
    if (firstTime)
      await backfillLinks(
        tx,
        t,
        seed.startups.filter((s) => !fresh.has(s.id)),
      );
    const newStartups = seed.startups.filter((s) => fresh.has(s.id));
    if (newStartups.length === 0) return 0;

    await tx.insert(t.startupPhases).values(newStartups.flatMap((s) => phasesBySlug.get(s.id) ?? []));
    const events = newStartups.flatMap((s) =>
      [...(s.events ?? [])]
        .sort((a, b) => a.date.localeCompare(b.date))
        .map((e, position) => ({
          startupSlug: s.id,
          position,
          kind: eventKindFromSource(e.name),
          date: e.date,
          comment: e.comment ?? null,
        })),
    );
    if (events.length > 0) await tx.insert(t.startupEvents).values(events);
    const known = new Set(seed.organisations.map((o) => o.id));
    const sponsors = newStartups.flatMap((s) =>
      [...new Set(s.sponsor_ids ?? [])]
        .filter((id) => known.has(id))
        .map((organisationId, position) => ({ startupSlug: s.id, organisationId, position })),
    );
    if (sponsors.length > 0) await tx.insert(t.startupSponsors).values(sponsors);
    return newStartups.length;
  });
}

/** The mark of the one-time backfill of contract 1.1's links. */
const LINKS_MARK = 'contract-1.1-links';

/**
 * A database seeded before contract 1.1 has its startups without the accountability links 1.1
 * added: fill them in, once (see LINKS_MARK), where none of the three is set. One statement.
 */
async function backfillLinks(tx: Pick<Db, 'execute'>, t: Tables, startups: readonly SeedStartup[]): Promise<void> {
  const rows = startups
    .map((s) => [s.id, cleanUrl(s.stats_url), cleanUrl(s.budget_url), cleanUrl(s.impact_url)] as const)
    .filter(([, ...links]) => links.some((l) => l !== null));
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map(([slug, stats, budget, impact]) => sql`(${slug}, ${stats}::text, ${budget}::text, ${impact}::text)`),
    sql`, `,
  );
  await tx.execute(sql`
    update ${t.startups} set stats_url = v.stats, budget_url = v.budget, impact_url = v.impact
    from (values ${values}) as v(slug, stats, budget, impact)
    where ${t.startups.slug} = v.slug
      and ${t.startups.statsUrl} is null and ${t.startups.budgetUrl} is null and ${t.startups.impactUrl} is null`);
}
