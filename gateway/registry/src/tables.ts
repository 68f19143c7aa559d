/**
 * The partner registry's tables, in the gateway's own database (schema `registry`): partners,
 * their hashed tokens, every publication with its checks, and an append-only audit log.
 */
import { sql } from 'drizzle-orm';
import { tableBuilder } from '@gouvgraph/db';
import { boolean, index, integer, jsonb, type pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

function build(table: typeof pgTable) {
  const partners = table('partners', {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** `central-administration`, `operator`, `local-authority`… */
    kind: text('kind').notNull(),
    ownerOrganisation: text('owner_organisation'),
    /** A functional contact (an address of the team, not of a person). */
    contact: text('contact'),
    /** `registered` (no subgraph yet), `active`, `suspended`, `removed`. */
    status: text('status').notNull().default('registered'),
    url: text('url'),
    /** The contract version its published subgraph implements. */
    contractVersion: text('contract_version'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  });

  const tokens = table(
    'tokens',
    {
      id: serial('id').primaryKey(),
      partnerId: text('partner_id')
        .notNull()
        .references(() => partners.id),
      /** SHA-256 of the token: the token itself is shown once and never stored. */
      hash: text('hash').notNull().unique(),
      scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      revokedAt: timestamp('revoked_at', { withTimezone: true }),
    },
    (t) => [index('tokens_partner_idx').on(t.partnerId)],
  );

  const publications = table(
    'publications',
    {
      id: serial('id').primaryKey(),
      partnerId: text('partner_id')
        .notNull()
        .references(() => partners.id),
      url: text('url').notNull(),
      accepted: boolean('accepted').notNull(),
      /** The checks run and what they found. */
      report: jsonb('report').notNull(),
      durationMs: integer('duration_ms').notNull(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [index('publications_partner_idx').on(t.partnerId)],
  );

  const audit = table('audit', {
    id: serial('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** `admin`, or `partner:<id>`. */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    detail: jsonb('detail'),
    /** The client's address, as the gateway saw it. */
    remote: text('remote'),
  });

  /** Every supergraph that was live, by hash; exactly one is live at a time. */
  const supergraphs = table('supergraphs', {
    hash: text('hash').primaryKey(),
    sdl: text('sdl').notNull(),
    live: boolean('live').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    liveSince: timestamp('live_since', { withTimezone: true }),
  });

  return { partners, tokens, publications, audit, supergraphs };
}

export type RegistryTables = ReturnType<typeof build>;

export function defineRegistryTables(schema?: string): RegistryTables {
  return build(tableBuilder(schema));
}
