/**
 * Every read and write the incubator subgraph makes, over one partner's tables.
 * Reads are batched by the loaders (one statement per kind of row per request).
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { OrderDirection, StartupFilter, StartupOrderField } from '@gouvgraph/schema';
import { foldText } from '@gouvgraph/schema';
import type { CursorPosition } from '../cursor.js';
import type { Db } from './connection.js';
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
    if (filter.thematic) where.push(sql`${foldText(filter.thematic)} = any(${s.thematicKeys})`);
    if (filter.search) {
      for (const word of foldText(filter.search).split(' ').filter(Boolean)) {
        where.push(sql`${s.searchText} like ${`%${likeLiteral(word)}%`}`);
      }
    }
    return where;
  }

  async startupPage(q: StartupPageQuery): Promise<StartupPage> {
    // Count and rows from one snapshot: a write between them must not make them disagree.
    if (q.wantCount && q.wantRows) {
      return this.db.transaction((tx) => this.readPage(tx, q), { isolationLevel: 'repeatable read', accessMode: 'read only' });
    }
    return this.readPage(this.db, q);
  }

  private async readPage(db: Pick<Db, 'select'>, q: StartupPageQuery): Promise<StartupPage> {
    const s = this.t.startups;
    const where = this.filterConditions(q.filter);
    const key = this.sortKey(q.field);
    const bytewise = (e: SQL) => sql`(${e}) collate "C"`;

    let totalCount = 0;
    if (q.wantCount) {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(s)
        .where(and(...where));
      totalCount = row?.n ?? 0;
    }
    // No rows wanted: no row query. (`first: 0` with pageInfo still asks whether one row follows.)
    if (!q.wantRows) return { totalCount, rows: [], hasNextPage: false };

    const page = [...where];
    if (q.after) {
      const cmp = q.direction === 'ASC' ? sql`>` : sql`<`;
      page.push(sql`(${bytewise(key)}, ${s.globalId}) ${cmp} (${q.after.key} collate "C", ${q.after.id} collate "C")`);
    }
    const dir = q.direction === 'ASC' ? asc : desc;
    const rows = await db
      .select()
      .from(s)
      .where(and(...page))
      .orderBy(dir(bytewise(key)), dir(s.globalId))
      .limit(q.first + 1);
    return { totalCount, rows: rows.slice(0, q.first), hasNextPage: rows.length > q.first };
  }

  startupsBySlug(slugs: readonly string[]): Promise<StartupRecord[]> {
    return this.db.select().from(this.t.startups).where(inArray(this.t.startups.slug, [...slugs]));
  }

  phasesOf(slugs: readonly string[]): Promise<PhaseRecord[]> {
    const p = this.t.startupPhases;
    return this.db.select().from(p).where(inArray(p.startupSlug, [...slugs])).orderBy(asc(p.startupSlug), asc(p.position));
  }

  eventsOf(slugs: readonly string[]): Promise<EventRecord[]> {
    const e = this.t.startupEvents;
    return this.db.select().from(e).where(inArray(e.startupSlug, [...slugs])).orderBy(asc(e.startupSlug), asc(e.date), asc(e.position));
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
    return this.db.select().from(this.t.organisations).where(inArray(this.t.organisations.id, [...ids]));
  }

  incubatorsById(ids: readonly string[]): Promise<IncubatorRecord[]> {
    return this.db.select().from(this.t.incubator).where(inArray(this.t.incubator.id, [...ids]));
  }

  /** Every incubator row, ordered by id byte-wise (the gateway concatenates partners in that order). */
  incubators(): Promise<IncubatorRecord[]> {
    return this.db
      .select()
      .from(this.t.incubator)
      .orderBy(sql`${this.t.incubator.id} collate "C"`);
  }
}
