/**
 * Cursors decoded once: the page checks read every row's cursor, the follow-up rule and the
 * k-way merge read them again, and the same pages are asked again and again. A decoded position
 * is a pure function of the cursor's text, so it is kept by that text (a bounded map, emptied when
 * full) and shared read-only.
 */
import { decodeCursor, type CursorPosition } from '@gouvgraph/schema';

const KEPT = 20_000;
const positions = new Map<string, CursorPosition | null>();

/** The position a cursor holds, or null when it is not one this graph issues. */
export function positionOf(cursor: string): CursorPosition | null {
  let position = positions.get(cursor);
  if (position === undefined) {
    position = decodeCursor(cursor);
    if (positions.size >= KEPT) positions.clear();
    positions.set(cursor, position);
  }
  return position;
}
