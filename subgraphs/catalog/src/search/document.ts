/**
 * What the search reads of an API, and how much each part weighs (ts_rank_cd counts A 1, B 0.4,
 * C 0.2). The title names the API (A). The tagline, keywords and themes are short and chosen to
 * say what it is about (B): a theme is how the catalogue files it ("Énergie" for France Chaleur
 * Urbaine, whose texts say "chaleur"). The description (C) is long and mentions much in passing
 * (tables of fields, other APIs): it finds an API, it rarely puts one first.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { CatalogTables } from '../db/tables.js';

/** The weighted search vector of each row of `apis`, from its own columns. */
export function searchDocument(apis: CatalogTables['apis'], cfg: string): SQL<string> {
  const part = (text: SQL, weight: 'A' | 'B' | 'C') =>
    sql`setweight(to_tsvector(${cfg}::regconfig, coalesce(${text}, '')), ${sql.raw(`'${weight}'`)})`;
  return sql<string>`${part(sql`${apis.title}`, 'A')}
    || ${part(sql`${apis.tagline}`, 'B')}
    || ${part(sql`array_to_string(${apis.keywords}, ' ')`, 'B')}
    || ${part(sql`array_to_string(${apis.themes}, ' ')`, 'B')}
    || ${part(sql`${apis.description}`, 'C')}`;
}
