/**
 * Startup cursors: a keyset position in one sort order, `[field, direction, key, id]`
 * (`id` the startup's global id), base64url-encoded JSON. Clients treat them as opaque;
 * partners and the gateway share this format, because a position means the same everywhere:
 *
 * - every partner sorts by (key, global id) compared byte by byte (UTF-8, as collation "C"),
 *   and global ids are unique across the government (two incubators may use the same slug),
 *   so the order is total and global;
 * - "after this position" therefore selects the same rows whoever answers, and the gateway
 *   merges the partners' pages by comparing their cursors, with no state of its own.
 *
 * Being positions, not offsets, cursors survive restarts and rows inserted during a walk.
 */
import type { OrderDirection, StartupOrderField } from './generated/types.js';

export interface CursorPosition {
  field: StartupOrderField;
  direction: OrderDirection;
  key: string;
  /** The startup's global id, `<incubator>/<slug>`: the tie-break. */
  id: string;
}

export function encodeCursor(p: CursorPosition): string {
  return Buffer.from(JSON.stringify([p.field, p.direction, p.key, p.id])).toString('base64url');
}

/** Decodes a cursor, or returns null when it is not one this graph issued. */
export function decodeCursor(cursor: string): CursorPosition | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  // Strings only, and no NUL (no database stores one in text: it would be a server error, not a cursor).
  if (!Array.isArray(parsed) || parsed.length !== 4 || !parsed.every((part) => typeof part === 'string' && !part.includes('\u0000')))
    return null;
  const [field, direction, key, id] = parsed as [string, string, string, string];
  if (field !== 'NAME' && field !== 'PHASE_START' && field !== 'STARTED') return null;
  if (direction !== 'ASC' && direction !== 'DESC') return null;
  return { field, direction, key, id };
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Byte-wise comparison of UTF-8 strings, as Postgres collation "C" compares them. */
export function compareBytewise(a: string, b: string): number {
  if (a === b) return 0;
  // Without surrogate pairs, UTF-16 code unit order is UTF-8 byte order: no need to encode.
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : 1;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Compares two positions of the same order: negative when `a` comes first in that order. */
export function compareCursorPositions(a: CursorPosition, b: CursorPosition): number {
  const ascending = compareBytewise(a.key, b.key) || compareBytewise(a.id, b.id);
  return a.direction === 'DESC' ? -ascending : ascending;
}

/**
 * Why `after` cannot be used with this sort order, or null when it can. The message is the
 * same wherever it is checked (partner or gateway), so answers do not depend on who refused.
 */
export function afterProblem(after: unknown, field: StartupOrderField, direction: OrderDirection): string | null {
  if (after === undefined || after === null) return null;
  const position = typeof after === 'string' ? decodeCursor(after) : null;
  if (!position) return '`after` is not a cursor issued by this graph';
  if (position.field !== field || position.direction !== direction) {
    return `\`after\` was issued for the order ${position.field} ${position.direction}, not ${field} ${direction}`;
  }
  return null;
}
