/** Table helpers every subgraph's schema uses. */
import { customType, pgSchema, pgTable } from 'drizzle-orm/pg-core';

/**
 * Text compared byte by byte. Sort keys use it so that every database, on PGlite or on any
 * server whatever its locale, orders rows identically — the gateway merges partners' pages.
 */
export const bytewiseText = customType<{ data: string; driverData: string }>({
  dataType: () => 'text COLLATE "C"',
});

/**
 * The table builder for a Postgres schema: `pgTable` itself without one (what drizzle-kit
 * generates migrations from), or the schema's own builder, so the same table definitions
 * serve a subgraph whose rows live in a schema of its own.
 */
export function tableBuilder(schema?: string): typeof pgTable {
  if (schema === undefined) return pgTable;
  const s = pgSchema(schema);
  // PgSchema.table has the same shape as pgTable, bound to the schema.
  return s.table.bind(s) as unknown as typeof pgTable;
}
