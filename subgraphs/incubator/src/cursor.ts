/**
 * A partner's local cursor: the position of a row in one sort order, `[field, direction, key, slug]`,
 * base64url-encoded. It is a keyset position, not an offset, so a page stays correct while rows
 * are inserted before it.
 */
import type { OrderDirection, StartupOrderField } from '@gouvgraph/schema';
import { badInput } from './errors.js';

export interface CursorPosition {
  field: StartupOrderField;
  direction: OrderDirection;
  key: string;
  slug: string;
}

export function encodeCursor(p: CursorPosition): string {
  return Buffer.from(JSON.stringify([p.field, p.direction, p.key, p.slug])).toString('base64url');
}

/** Decodes a cursor issued for this sort order; anything else is the client's mistake. */
export function decodeCursor(cursor: string, field: StartupOrderField, direction: OrderDirection): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    !parsed.every((part) => typeof part === 'string')
  ) {
    throw badInput('`after` is not a cursor issued by this graph', 'after');
  }
  const [f, d, key, slug] = parsed as [string, string, string, string];
  if (f !== field || d !== direction) {
    throw badInput(`\`after\` was issued for the order ${f} ${d}, not ${field} ${direction}`, 'after');
  }
  return { field, direction, key, slug };
}
