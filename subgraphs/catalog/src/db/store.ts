/** Every read of the catalogue subgraph. Reads by key are batched by the loaders. */
import type { Db } from '@gouvgraph/db';
import { foldText } from '@gouvgraph/schema';
import { and, asc, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { searchQuery } from '../search/query.js';
import { themeName } from '../theme-names.js';
import type { CatalogTables } from './tables.js';

export type ApiRecord = Omit<CatalogTables['apis']['$inferSelect'], 'search'>;
export type ProducerRecord = CatalogTables['producers']['$inferSelect'];
export type LinkRecord = CatalogTables['startupLinks']['$inferSelect'];

/** Where a page starts: after this rank (with a search) or title key (without), then slug. */
export interface ApiPosition {
  order: 'rank' | 'title';
  value: string | number;
  slug: string;
}

export interface ApiPageQuery {
  search: string | null;
  theme: string | null;
  access: string | null;
  producer: string | null;
  first: number;
  after: ApiPosition | null;
  wantCount: boolean;
  wantRows: boolean;
}

export interface ApiPage {
  totalCount: number;
  rows: (ApiRecord & { rank: number | null })[];
  hasNextPage: boolean;
}

export class CatalogStore {
  private readonly columns: Omit<ReturnType<typeof getTableColumns<CatalogTables['apis']>>, 'search'>;

  constructor(
    readonly db: Db,
    readonly t: CatalogTables,
    /** The qualified French unaccented text search configuration. */
    readonly cfg: string,
  ) {
    const { search: _, ...columns } = getTableColumns(t.apis);
    this.columns = columns;
  }

  /** Relevance, rounded so that it compares exactly when it comes back in a cursor. */
  private rank(query: SQL): SQL<number> {
    return sql<number>`round(ts_rank_cd(${this.t.apis.search}, ${query})::numeric, 6)::float8`;
  }

  async apiPage(q: ApiPageQuery): Promise<ApiPage> {
    const a = this.t.apis;
    const query = q.search ? searchQuery(q.search, this.cfg) : null;
    const where: SQL[] = [];
    if (query) where.push(sql`${a.search} @@ ${query}`);
    if (q.theme) where.push(sql`${foldText(q.theme)} = any(${a.themeKeys})`);
    if (q.access) where.push(eq(a.access, q.access));
    if (q.producer) where.push(eq(a.producerSlug, q.producer));
    const filter = where.length ? sql` where ${and(...where)}` : sql``;
    const count = sql<number>`(select count(*)::int from ${a}${filter})`;
    if (!q.wantRows) {
      if (!q.wantCount) return { totalCount: 0, rows: [], hasNextPage: false };
      const [row] = await this.db.select({ n: count }).from(sql`(select 1) as one`);
      return { totalCount: row?.n ?? 0, rows: [], hasNextPage: false };
    }
    const rank = query ? this.rank(query) : sql<number | null>`null::float8`;
    const page = [...where];
    if (q.after?.order === 'rank' && query) {
      page.push(
        sql`(${rank} < ${q.after.value}::float8 or (${rank} = ${q.after.value}::float8 and ${a.slug} > ${q.after.slug} collate "C"))`,
      );
    } else if (q.after) {
      page.push(sql`(${a.titleKey}, ${a.slug}) > (${String(q.after.value)} collate "C", ${q.after.slug} collate "C")`);
    }
    const rows = await this.db
      .select({ ...this.columns, rank, ...(q.wantCount ? { totalCount: count } : {}) })
      .from(a)
      .where(and(...page))
      .orderBy(...(query ? [desc(rank), asc(a.slug)] : [asc(a.titleKey), asc(a.slug)]))
      .limit(q.first + 1);
    let totalCount = 0;
    if (q.wantCount) {
      const first = rows[0] as { totalCount?: number } | undefined;
      totalCount = first ? (first.totalCount ?? 0) : (await this.apiPage({ ...q, wantRows: false })).totalCount;
    }
    const records = rows.slice(0, q.first).map((row) => {
      const { totalCount: _, ...record } = row as ApiRecord & { rank: number | null; totalCount?: number };
      return record;
    });
    return { totalCount, rows: records, hasNextPage: rows.length > q.first };
  }

  apisBySlug(slugs: readonly string[]): Promise<ApiRecord[]> {
    return this.db
      .select(this.columns)
      .from(this.t.apis)
      .where(inArray(this.t.apis.slug, [...slugs]));
  }

  producersBySlug(slugs: readonly string[]): Promise<ProducerRecord[]> {
    return this.db
      .select()
      .from(this.t.producers)
      .where(inArray(this.t.producers.slug, [...slugs]));
  }

  /** Links of these APIs, strongest first. */
  linksOfApis(slugs: readonly string[]): Promise<LinkRecord[]> {
    const l = this.t.startupLinks;
    return this.db
      .select()
      .from(l)
      .where(inArray(l.apiSlug, [...slugs]))
      .orderBy(desc(l.confidenceLevel), asc(l.startupId));
  }

  /** The APIs these startups produce, with each link's confidence. */
  async apisOfStartups(startupIds: readonly string[]): Promise<(ApiRecord & { startupId: string; confidenceLevel: number })[]> {
    const l = this.t.startupLinks;
    const rows = await this.db
      .select({ api: this.columns, startupId: l.startupId, confidenceLevel: l.confidenceLevel })
      .from(l)
      .innerJoin(this.t.apis, eq(this.t.apis.slug, l.apiSlug))
      .where(and(inArray(l.startupId, [...startupIds]), eq(l.relation, 'PRODUCES')))
      .orderBy(asc(this.t.apis.titleKey), asc(this.t.apis.slug));
    return rows.map((r) => ({ ...(r.api as ApiRecord), startupId: r.startupId, confidenceLevel: r.confidenceLevel }));
  }

  /** The APIs published by the producers that match these organisations. */
  async apisOfOrganisations(organisationIds: readonly string[]): Promise<(ApiRecord & { organisationId: string })[]> {
    const p = this.t.producers;
    const rows = await this.db
      .select({ api: this.columns, organisationId: p.organisationId })
      .from(this.t.apis)
      .innerJoin(p, eq(p.slug, this.t.apis.producerSlug))
      .where(inArray(p.organisationId, [...organisationIds]))
      .orderBy(asc(this.t.apis.titleKey), asc(this.t.apis.slug));
    return rows.map((r) => ({ ...(r.api as ApiRecord), organisationId: r.organisationId ?? '' }));
  }

  /** The incubators these organisations host, by id. */
  incubatorsHostedBy(organisationIds: readonly string[]): Promise<{ incubatorId: string; organisationId: string }[]> {
    const h = this.t.incubatorHosts;
    return this.db
      .select()
      .from(h)
      .where(inArray(h.organisationId, [...organisationIds]))
      .orderBy(sql`${h.incubatorId} collate "C"`);
  }

  async themes(): Promise<{ name: string; apiCount: number }[]> {
    const rows = await this.db.select({ themes: this.t.apis.themes }).from(this.t.apis);
    // Themes count as the filter matches them: case and accents ignored ("Environnement" and
    // "environnement" are one theme), shown by their French name (theme-names.ts), or else their
    // most common spelling.
    const byKey = new Map<string, { count: number; spellings: Map<string, number> }>();
    for (const { themes } of rows) {
      for (const key of new Set(themes.map(foldText))) {
        const entry = byKey.get(key) ?? { count: 0, spellings: new Map() };
        entry.count++;
        byKey.set(key, entry);
      }
      for (const theme of themes) {
        const entry = byKey.get(foldText(theme));
        entry?.spellings.set(theme, (entry.spellings.get(theme) ?? 0) + 1);
      }
    }
    return [...byKey.values()]
      .map((e) => ({
        name: themeName([...e.spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? ''),
        apiCount: e.count,
      }))
      .sort((a, b) => b.apiCount - a.apiCount || (a.name < b.name ? -1 : 1));
  }
}
