/**
 * The incubator kit's tables. Each partner's rows live in a Postgres schema of its own
 * (`schemaForPartner`), so one database — or one embedded PGlite — can hold several partners,
 * and the same code runs against a database per partner.
 *
 * `defineTables()` with no schema gives the unqualified tables drizzle-kit generates the
 * migrations from; the migrator applies them inside the partner's schema.
 */
import { sql } from 'drizzle-orm';
import { bytewiseText, tableBuilder } from '@gouvgraph/db';
import { boolean, date, index, integer, jsonb, type pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

function build(table: typeof pgTable) {
  const organisations = table('organisations', {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    acronym: text('acronym'),
    kind: text('kind').notNull(),
    ministry: text('ministry'),
  });

  const incubator = table('incubator', {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    shortDescription: text('short_description'),
    description: text('description'),
    ownerId: text('owner_id').references(() => organisations.id),
    website: text('website'),
    sourceCode: text('source_code'),
    address: text('address'),
    city: text('city'),
  });

  const startups = table(
    'startups',
    {
      slug: bytewiseText('slug').primaryKey(),
      /** The owning incubator (a subgraph may serve several: the oracle serves them all). */
      incubatorId: text('incubator_id')
        .notNull()
        .references(() => incubator.id),
      /** `<incubator>/<slug>`: the global id, and the tie-break of every sort order. */
      globalId: bytewiseText('global_id').notNull().generatedAlwaysAs(sql`incubator_id || '/' || slug`),
      name: text('name').notNull(),
      /** `name` without case or accents: the NAME sort key. */
      nameKey: bytewiseText('name_key').notNull(),
      pitch: text('pitch').notNull(),
      description: text('description'),
      /** Name and pitch without case or accents, for the `search` filter. */
      searchText: text('search_text').notNull(),
      coIncubatorIds: text('co_incubator_ids').array().notNull().default(sql`'{}'::text[]`),
      phase: text('phase').notNull(),
      phaseStart: date('phase_start', { mode: 'string' }).notNull(),
      firstPhaseStart: date('first_phase_start', { mode: 'string' }).notNull(),
      active: boolean('active').notNull(),
      thematics: text('thematics').array().notNull().default(sql`'{}'::text[]`),
      /** Lower-cased thematics, for the `thematic` filter. */
      thematicKeys: text('thematic_keys').array().notNull().default(sql`'{}'::text[]`),
      userTypes: text('user_types').array().notNull().default(sql`'{}'::text[]`),
      technologies: text('technologies').array().notNull().default(sql`'{}'::text[]`),
      website: text('website'),
      repository: text('repository'),
      /** Public accountability links (contract 1.1). */
      statsUrl: text('stats_url'),
      budgetUrl: text('budget_url'),
      impactUrl: text('impact_url'),
      accessibility: text('accessibility'),
      fastRound: integer('fast_round'),
      fastAmountEuros: integer('fast_amount_euros'),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      index('startups_incubator_idx').on(t.incubatorId),
      index('startups_name_key_idx').on(t.nameKey, t.globalId),
      index('startups_phase_idx').on(t.phase),
      index('startups_phase_start_idx').on(t.phaseStart, t.globalId),
      index('startups_first_phase_start_idx').on(t.firstPhaseStart, t.globalId),
    ],
  );

  const startupSponsors = table(
    'startup_sponsors',
    {
      startupSlug: bytewiseText('startup_slug')
        .notNull()
        .references(() => startups.slug, { onDelete: 'cascade' }),
      organisationId: text('organisation_id')
        .notNull()
        .references(() => organisations.id),
      position: integer('position').notNull(),
    },
    (t) => [primaryKey({ columns: [t.startupSlug, t.organisationId] })],
  );

  const startupPhases = table(
    'startup_phases',
    {
      startupSlug: bytewiseText('startup_slug')
        .notNull()
        .references(() => startups.slug, { onDelete: 'cascade' }),
      position: integer('position').notNull(),
      phase: text('phase').notNull(),
      start: date('start', { mode: 'string' }).notNull(),
      end: date('end', { mode: 'string' }),
    },
    (t) => [primaryKey({ columns: [t.startupSlug, t.position] })],
  );

  const startupEvents = table(
    'startup_events',
    {
      startupSlug: bytewiseText('startup_slug')
        .notNull()
        .references(() => startups.slug, { onDelete: 'cascade' }),
      position: integer('position').notNull(),
      kind: text('kind').notNull(),
      date: date('date', { mode: 'string' }).notNull(),
      comment: text('comment'),
    },
    (t) => [primaryKey({ columns: [t.startupSlug, t.position] })],
  );

  /** One-time data steps already done in this schema (a backfill must not run twice). */
  const seedMarks = table('seed_marks', {
    name: text('name').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  });

  /**
   * Writes sent with an `idempotencyKey` (contract 1.2), stored in the write's own transaction:
   * the same write sent again returns `result` instead of writing twice (see idempotency.ts).
   */
  const idempotencyKeys = table(
    'idempotency_keys',
    {
      incubatorId: text('incubator_id').notNull(),
      key: text('key').notNull(),
      /** The mutation and its arguments, canonical and hashed: the same key with another write is refused. */
      request: text('request').notNull(),
      /** The startup row as the write left it (null only inside the claiming write's transaction). */
      result: jsonb('result'),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.incubatorId, t.key] }), index('idempotency_keys_created_at_idx').on(t.createdAt)],
  );

  return { organisations, incubator, startups, startupSponsors, startupPhases, startupEvents, seedMarks, idempotencyKeys };
}

export type Tables = ReturnType<typeof build>;

/** The tables of one partner, qualified with its schema (or unqualified when `schema` is omitted). */
export function defineTables(schema?: string): Tables {
  return build(tableBuilder(schema));
}

/**
 * The Postgres schema that holds a partner's rows: `p_` and the partner id made a safe
 * identifier (63 bytes at most, a hash suffix when it had to be shortened).
 */
export function schemaForPartner(partnerId: string): string {
  const safe = partnerId.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const name = `p_${safe}`;
  if (name.length <= 63 && safe === partnerId) return name;
  // Several ids could fold to the same text (case, punctuation): a hash keeps them apart.
  let hash = 0;
  for (const ch of partnerId) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0;
  return `${name.slice(0, 54)}_${hash.toString(16).padStart(8, '0')}`;
}
