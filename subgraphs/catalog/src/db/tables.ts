/**
 * The catalogue's tables, in a Postgres schema of its own (`catalog` by default): the same
 * database can hold the partners too. `defineTables()` without a schema gives the unqualified
 * tables drizzle-kit generates the migrations from.
 */
import { bytewiseText, tableBuilder } from '@gouvgraph/db';
import { boolean, customType, date, index, integer, jsonb, type pgTable, primaryKey, real, text } from 'drizzle-orm/pg-core';

/** Postgres full-text search vector; written with to_tsvector in SQL, never read back. */
const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

export interface EligibilityRecord {
  who: string[];
  eligible: 'ELIGIBLE' | 'UNDER_CONDITIONS' | 'NOT_ELIGIBLE';
  description: string | null;
}

function build(table: typeof pgTable) {
  const producers = table('producers', {
    slug: text('slug').primaryKey(),
    name: text('name').notNull(),
    acronym: text('acronym'),
    kind: text('kind'),
    website: text('website'),
    organisationId: text('organisation_id'),
  });

  const apis = table(
    'apis',
    {
      slug: bytewiseText('slug').primaryKey(),
      title: text('title').notNull(),
      /** The title folded (no case, no accents): the order without a search. */
      titleKey: bytewiseText('title_key').notNull(),
      tagline: text('tagline'),
      description: text('description'),
      producerSlug: text('producer_slug')
        .notNull()
        .references(() => producers.slug),
      access: text('access').notNull(),
      eligibility: jsonb('eligibility').$type<EligibilityRecord[]>().notNull(),
      themes: text('themes').array().notNull(),
      /** Lower-cased themes, for the theme filter. */
      themeKeys: text('theme_keys').array().notNull(),
      keywords: text('keywords').array().notNull(),
      website: text('website'),
      documentation: text('documentation'),
      openApi: text('open_api'),
      contact: text('contact'),
      accessRequest: text('access_request'),
      franceConnect: boolean('france_connect'),
      lastUpdate: date('last_update', { mode: 'string' }),
      page: text('page').notNull(),
      uptime: real('uptime'),
      /** Title, tagline, keywords, themes and description, weighted (search/document.ts), rewritten by the seed. */
      search: tsvector('search').notNull(),
    },
    (t) => [index('apis_search_idx').using('gin', t.search), index('apis_title_key_idx').on(t.titleKey, t.slug)],
  );

  const startupLinks = table(
    'startup_links',
    {
      apiSlug: bytewiseText('api_slug')
        .notNull()
        .references(() => apis.slug, { onDelete: 'cascade' }),
      /** The startup's global id, `<incubator>/<slug>`. */
      startupId: text('startup_id').notNull(),
      relation: text('relation').notNull(),
      confidence: text('confidence').notNull(),
      /** 1 low, 2 medium, 3 high: for `minConfidence` filters. */
      confidenceLevel: integer('confidence_level').notNull(),
      evidence: text('evidence').array().notNull(),
    },
    (t) => [primaryKey({ columns: [t.apiSlug, t.startupId, t.relation] }), index('startup_links_startup_idx').on(t.startupId)],
  );

  /** Who hosts which incubator (beta.gouv.fr's directory): public reference, not partner data. */
  const incubatorHosts = table(
    'incubator_hosts',
    {
      incubatorId: text('incubator_id').primaryKey(),
      organisationId: text('organisation_id').notNull(),
    },
    (t) => [index('incubator_hosts_organisation_idx').on(t.organisationId)],
  );

  return { producers, apis, startupLinks, incubatorHosts };
}

export type CatalogTables = ReturnType<typeof build>;

export function defineTables(schema?: string): CatalogTables {
  return build(tableBuilder(schema));
}
