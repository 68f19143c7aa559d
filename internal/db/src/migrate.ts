/**
 * Applies committed drizzle-kit migrations inside one Postgres schema.
 *
 * drizzle's own migrator records migrations in one fixed table per database; subgraphs sharing
 * a database (23 partners on one embedded PGlite, say) each need their own record, so this
 * applies the same SQL with the subgraph's schema first on the search path and records it in
 * that schema. An advisory lock keeps two processes from migrating the same schema at once.
 */
import { sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import type { Db } from './connection.js';

interface Journal {
  entries: { idx: number; tag: string }[];
}

interface Migration {
  tag: string;
  statements: string[];
}

const cache = new Map<string, Migration[]>();

function loadMigrations(migrationsDir: URL): Migration[] {
  const cached = cache.get(migrationsDir.href);
  if (cached) return cached;
  const migrations = (JSON.parse(readFileSync(new URL('meta/_journal.json', migrationsDir), 'utf8')) as Journal).entries
    .sort((a, b) => a.idx - b.idx)
    .map(({ tag }) => ({
      tag,
      statements: readFileSync(new URL(`${tag}.sql`, migrationsDir), 'utf8')
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        // drizzle-kit qualifies foreign-key targets with "public": they live in the partner schema.
        .map((s) => s.replaceAll('"public".', ''))
        .filter((s) => s.length > 0),
    }));
  cache.set(migrationsDir.href, migrations);
  return migrations;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Creates the schema if needed and applies the migrations of `migrationsDir` (a drizzle-kit
 * output folder, as a URL ending in `/`) it has not seen yet. Returns their tags.
 */
export async function migrateSchema(db: Db, schema: string, migrationsDir: URL): Promise<string[]> {
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${schema}))`);
    await tx.execute(sql.raw(`create schema if not exists ${quoteIdent(schema)}`));
    await tx.execute(sql.raw(`set local search_path to ${quoteIdent(schema)}`));
    await tx.execute(
      sql.raw(`create table if not exists __gouvgraph_migrations (tag text primary key, applied_at timestamptz not null default now())`),
    );
    const done = await tx.execute<{ tag: string }>(sql.raw(`select tag from __gouvgraph_migrations`));
    const seen = new Set(rowsOf<{ tag: string }>(done).map((r) => r.tag));
    for (const migration of loadMigrations(migrationsDir)) {
      if (seen.has(migration.tag)) continue;
      for (const statement of migration.statements) await tx.execute(sql.raw(statement));
      await tx.execute(sql`insert into __gouvgraph_migrations (tag) values (${migration.tag})`);
      applied.push(migration.tag);
    }
  });
  return applied;
}

/** postgres.js returns an array of rows, PGlite an object with `rows`. */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
