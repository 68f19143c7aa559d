import { afterProblem, decodeCursor, type CursorPosition, type OrderDirection, type StartupOrderField } from '@gouvgraph/schema';
import { badInput } from './errors.js';

export { encodeCursor, type CursorPosition } from '@gouvgraph/schema';

/** Decodes `after` for this sort order; a cursor of another order or none at all is the client's mistake. */
export function decodeAfter(cursor: string, field: StartupOrderField, direction: OrderDirection): CursorPosition {
  const problem = afterProblem(cursor, field, direction);
  const position = decodeCursor(cursor);
  if (problem || !position) throw badInput(problem ?? '`after` is not a cursor issued by this graph', 'after');
  return position;
}
