/**
 * Every read and write the incubator subgraph makes, over one partner's tables.
 * Reads are batched by the loaders (one statement per kind of row per request).
 */
import { and, asc, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { OrderDirection, Phase, StartupFacts, StartupFilter, StartupOrderField } from '@gouvgraph/schema';
import { foldText, REACHED_CONSTRUCTION } from '@gouvgraph/schema';
import type { CursorPosition } from '../cursor.js';
import type { Db } from '@gouvgraph/db';
import type { Tables } from './tables.js';

export type StartupRecord = Tables['startups']['$inferSelect'];
export type IncubatorRecord = Tables['incubator']['$inferSelect'];
export type OrganisationRecord = Tables['organisations']['$inferSelect'];
export type PhaseRecord = Tables['startupPhases']['$inferSelect'];
export type EventRecord = Tables['startupEvents']['$inferSelect'];

export interface StartupPageQuery {
  filter: StartupFilter | null | undefined;
  field: StartupOrderField;
  direction: OrderDirection;
  first: number;
  after: CursorPosition | null;
  /** Skip the count when the client did not ask for `totalCount`. */
  wantCount: boolean;
  /** Skip the rows when the client selected neither edges nor pageInfo (e.g. only `totalCount`). */
  wantRows: boolean;
}

export interface StartupPage {
  totalCount: number;
  rows: StartupRecord[];
  hasNextPage: boolean;
}

/** One row of `Incubator.thematics`. */
export interface ThematicCountRecord {
  name: string;
  startups: number;
}

/** Escapes LIKE wildcards in user text. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export class IncubatorStore {
  constructor(
    readonly db: Db,
    readonly t: Tables,
  ) {}

  /** The sort key column of an order field, as SQL (text for every field so cursors are uniform). */
  sortKey(field: StartupOrderField): SQL {
    const s = this.t.startups;
    switch (field) {
      case 'NAME':
        return sql`${s.nameKey}`;
      case 'PHASE_START':
        return sql`${s.phaseStart}::text`;
      case 'STARTED':
        return sql`${s.firstPhaseStart}::text`;
      default: {
        const never: never = field;
        throw new Error(`unknown order field ${String(never)}`);
      }
    }
  }

  /** The sort key of a row, as `sortKey` computes it in SQL. */
  sortKeyOf(row: StartupRecord, field: StartupOrderField): string {
    switch (field) {
      case 'NAME':
        return row.nameKey;
      case 'PHASE_START':
        return row.phaseStart;
      case 'STARTED':
        return row.firstPhaseStart;
      default: {
        const never: never = field;
        throw new Error(`unknown order field ${String(never)}`);
      }
    }
  }

  private filterConditions(filter: StartupFilter | null | undefined): SQL[] {
    const s = this.t.startups;
    const where: SQL[] = [];
    if (!filter) return where;
    if (filter.incubator) where.push(eq(s.incubatorId, filter.incubator));
    if (filter.phase) where.push(eq(s.phase, filter.phase));
    if (filter.phaseIn) where.push(filter.phaseIn.length ? inArray(s.phase, filter.phaseIn) : sql`false`);
    if (filter.active !== null && filter.active !== undefined) where.push(eq(s.active, filter.active));
    if (filter.startedIn !== null && filter.startedIn !== undefined) {
      where.push(sql`extract(year from ${s.firstPhaseStart}) = ${filter.startedIn}`);
    }
    if (filter.thematic) where.push(sql`${foldText(filter.thematic)} = any(${s.thematicKeys})`);
    if (filter.search) {
      for (const word of foldText(filter.search).split(' ').filter(Boolean)) {
        where.push(sql`${s.searchText} like ${`%${likeLiteral(word)}%`}`);
      }
    }
    return where;
  }

  /**
   * One page and its count. Both come from one statement — the count as a scalar subquery
   * beside the rows — so they share one snapshot and cost one round trip; only a page with
   * no row left needs a second statement for the count.
   */
  async startupPage(q: StartupPageQuery): Promise<StartupPage> {
    const s = this.t.startups;
    const where = this.filterConditions(q.filter);
    const filter = where.length ? sql` where ${and(...where)}` : sql``;
    const count = () => sql<number>`(select count(*)::int from ${s}${filter})`;
    if (!q.wantRows) {
      if (!q.wantCount) return { totalCount: 0, rows: [], hasNextPage: false };
      const [row] = await this.db.select({ n: count() }).from(sql`(select 1) as one`);
      return { totalCount: row?.n ?? 0, rows: [], hasNextPage: false };
    }

    const key = this.sortKey(q.field);
    const bytewise = (e: SQL) => sql`(${e}) collate "C"`;
    const page = [...where];
    if (q.after) {
      const cmp = q.direction === 'ASC' ? sql`>` : sql`<`;
      page.push(sql`(${bytewise(key)}, ${s.globalId}) ${cmp} (${q.after.key} collate "C", ${q.after.id} collate "C")`);
    }
    const dir = q.direction === 'ASC' ? asc : desc;
    const rows = await this.db
      .select({ ...getTableColumns(s), ...(q.wantCount ? { totalCount: count() } : {}) })
      .from(s)
      .where(and(...page))
      .orderBy(dir(bytewise(key)), dir(s.globalId))
      .limit(q.first + 1);
    let totalCount = 0;
    if (q.wantCount) {
      const first = rows[0] as { totalCount?: number } | undefined;
      totalCount = first ? (first.totalCount ?? 0) : (await this.startupPage({ ...q, wantRows: false })).totalCount;
    }
    const records = rows.slice(0, q.first).map((row) => {
      const { totalCount: _, ...record } = row as StartupRecord & { totalCount?: number };
      return record;
    });
    return { totalCount, rows: records, hasNextPage: rows.length > q.first };
  }

  /**
   * What the tally counts of each startup of these incubators (contract 1.3
   * `Incubator.startupTally`), one row per startup, in one statement. Grouped by the caller
   * (`tallyOf` in @gouvgraph/schema): a few hundred rows are cheaper to group in JavaScript than arrays to aggregate
   * in SQL in a way PGlite and postgres.js both read alike.
   */
  startupFacts(incubatorIds: readonly string[]): Promise<(StartupFacts & { incubatorId: string })[]> {
    const { startups: s, startupPhases: p, startupEvents: e } = this.t;
    return this.db
      .select({
        incubatorId: s.incubatorId,
        entryYear: sql<number>`extract(year from ${s.firstPhaseStart})::int`,
        phase: sql<Phase>`${s.phase}`,
        reachedConstruction: sql<boolean>`exists (select 1 from ${p} where ${p.startupSlug} = ${s.slug} and ${inArray(p.phase, [...REACHED_CONSTRUCTION])})`,
        committeeReviews: sql<number>`(select count(*) from ${e} where ${e.startupSlug} = ${s.slug} and ${e.kind} = 'COMMITTEE')::int`,
        daysToAcceleration: sql<
          number | null
        >`((select ${p.start} from ${p} where ${p.startupSlug} = ${s.slug} and ${p.phase} = 'ACCELERATION'
          order by ${p.position} limit 1) - ${s.firstPhaseStart})::int`,
      })
      .from(s)
      .where(inArray(s.incubatorId, [...incubatorIds]));
  }

  /** How many of each incubator's startups have each thematic (contract 1.3 `Incubator.thematics`), by name byte-wise. */
  thematicCounts(incubatorIds: readonly string[]): Promise<(ThematicCountRecord & { incubatorId: string })[]> {
    const s = this.t.startups;
    const each = this.db
      .select({ incubatorId: s.incubatorId, name: sql<string>`unnest(${s.thematics})`.as('name') })
      .from(s)
      .where(inArray(s.incubatorId, [...incubatorIds]))
      .as('each');
    return this.db
      .select({ incubatorId: each.incubatorId, name: each.name, startups: sql<number>`count(*)::int` })
      .from(each)
      .groupBy(each.incubatorId, each.name)
      .orderBy(sql`${each.incubatorId} collate "C"`, sql`${each.name} collate "C"`);
  }

  startupsBySlug(slugs: readonly string[]): Promise<StartupRecord[]> {
    return this.db
      .select()
      .from(this.t.startups)
      .where(inArray(this.t.startups.slug, [...slugs]));
  }

  phasesOf(slugs: readonly string[]): Promise<PhaseRecord[]> {
    const p = this.t.startupPhases;
    return this.db
      .select()
      .from(p)
      .where(inArray(p.startupSlug, [...slugs]))
      .orderBy(asc(p.startupSlug), asc(p.position));
  }

  eventsOf(slugs: readonly string[]): Promise<EventRecord[]> {
    const e = this.t.startupEvents;
    return this.db
      .select()
      .from(e)
      .where(inArray(e.startupSlug, [...slugs]))
      .orderBy(asc(e.startupSlug), asc(e.date), asc(e.position));
  }

  async sponsorsOf(slugs: readonly string[]): Promise<(OrganisationRecord & { startupSlug: string })[]> {
    const j = this.t.startupSponsors;
    const o = this.t.organisations;
    const rows = await this.db
      .select({ startupSlug: j.startupSlug, organisation: o })
      .from(j)
      .innerJoin(o, eq(o.id, j.organisationId))
      .where(inArray(j.startupSlug, [...slugs]))
      .orderBy(asc(j.startupSlug), asc(j.position));
    return rows.map((r) => ({ ...r.organisation, startupSlug: r.startupSlug }));
  }

  organisationsById(ids: readonly string[]): Promise<OrganisationRecord[]> {
    return this.db
      .select()
      .from(this.t.organisations)
      .where(inArray(this.t.organisations.id, [...ids]));
  }

  /**
   * Incubator rows are few and change only through the partner's own registration, so they
   * are read once and kept (nothing in this subgraph writes them).
   */
  private incubatorCache: Promise<Map<string, IncubatorRecord>> | undefined;

  private async allIncubators(): Promise<Map<string, IncubatorRecord>> {
    this.incubatorCache ??= this.db
      .select()
      .from(this.t.incubator)
      .orderBy(sql`${this.t.incubator.id} collate "C"`)
      .then((rows) => new Map(rows.map((r) => [r.id, r])));
    return this.incubatorCache;
  }

  async incubatorsById(ids: readonly string[]): Promise<IncubatorRecord[]> {
    const all = await this.allIncubators();
    return ids.map((id) => all.get(id)).filter((r): r is IncubatorRecord => r !== undefined);
  }

  /** Every incubator row, ordered by id byte-wise (the gateway concatenates partners in that order). */
  async incubators(): Promise<IncubatorRecord[]> {
    return [...(await this.allIncubators()).values()];
  }
}
