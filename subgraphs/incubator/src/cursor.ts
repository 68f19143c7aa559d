import { decodeCursor, type CursorPosition, type OrderDirection, type StartupOrderField } from '@gouvgraph/schema';
import { badInput } from './errors.js';

export { encodeCursor, type CursorPosition } from '@gouvgraph/schema';

/** Decodes `after` for this sort order; a cursor of another order or none at all is the client's mistake. */
export function decodeAfter(cursor: string, field: StartupOrderField, direction: OrderDirection): CursorPosition {
  const position = decodeCursor(cursor);
  if (!position) throw badInput('`after` is not a cursor issued by this graph', 'after');
  if (position.field !== field || position.direction !== direction) {
    throw badInput(
      `\`after\` was issued for the order ${position.field} ${position.direction}, not ${field} ${direction}`,
      'after',
    );
  }
  return position;
}
