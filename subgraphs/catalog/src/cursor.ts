/** Catalogue cursors: `[order, value, slug]`, base64url JSON — a keyset position, never an offset. */
import { codedError } from '@gouvgraph/schema';
import type { ApiPosition } from './db/store.js';

export function encodeApiCursor(p: ApiPosition): string {
  return Buffer.from(JSON.stringify([p.order, p.value, p.slug])).toString('base64url');
}

/** Decodes `after` for the order in force (by rank with a search, by title without). */
export function decodeApiCursor(cursor: string, order: ApiPosition['order']): ApiPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.length === 3 &&
    (parsed[0] === 'rank' ? typeof parsed[1] === 'number' : parsed[0] === 'title' && typeof parsed[1] === 'string') &&
    typeof parsed[2] === 'string' &&
    !parsed.some((part) => typeof part === 'string' && part.includes('\u0000'));
  if (!valid) throw codedError('BAD_USER_INPUT', '`after` is not a cursor issued by this graph', { field: 'after' });
  const [kind, value, slug] = parsed as [ApiPosition['order'], string | number, string];
  if (kind !== order) {
    throw codedError('BAD_USER_INPUT', `\`after\` was issued for results ordered by ${kind}, these are ordered by ${order}`, {
      field: 'after',
    });
  }
  return { order: kind, value, slug };
}
