/**
 * A walk through a subgraph's startups in one order, page by page as the gateway walks them, and
 * everything the gateway relies on that a walk can show: cursors that decode, are for the order
 * asked and sit on their row (their key is the row's: its folded name, its `phaseStart`, its
 * first phase's start); rows strictly in the order and strictly after `after`; no more rows than
 * `first`; `endCursor` the last row's; `totalCount` the same on every page and the number of rows
 * a complete walk saw; ids that name the partner. Each problem names the rule it breaks.
 */
import { compareCursorPositions, decodeCursor, type CursorPosition } from '../cursor.js';
import type { OrderDirection, StartupOrderField } from '../generated/types.js';
import { foldText } from '../vocabulary.js';
import type { ViolationFound } from '../violations.js';
import { dataOf, type Ask } from './client.js';

export interface Order {
  field: StartupOrderField;
  direction: OrderDirection;
}

/** The contract's default order, when `orderBy` is left out. */
const DEFAULT_ORDER: Order = { field: 'NAME', direction: 'ASC' };

/** The orders the contract offers beside the default one. */
export const OTHER_ORDERS: readonly Order[] = [
  { field: 'NAME', direction: 'DESC' },
  { field: 'PHASE_START', direction: 'ASC' },
  { field: 'PHASE_START', direction: 'DESC' },
  { field: 'STARTED', direction: 'ASC' },
  { field: 'STARTED', direction: 'DESC' },
];

export interface WalkOptions {
  /** The order asked; null: the default one, `orderBy` left out. */
  order: Order | null;
  pageSize: number;
  /** Pages asked at most. */
  maxPages: number;
  /** The partner every startup id must name, when known. */
  partnerId: string | undefined;
}

export interface Walk {
  problems: ViolationFound[];
  /** The ids seen, in the order seen. */
  ids: string[];
  /** The first page's `totalCount` (null when no page was read). */
  totalCount: number | null;
  /** Whether the walk reached the last page. */
  complete: boolean;
  pages: number;
}

interface Node {
  id: string;
  name?: string;
  phaseStart?: string;
  phases?: { start?: string }[];
}

const orderName = (order: Order) => `${order.field} ${order.direction}`;

/** The sort key a row must carry in its cursor, when the row's fields tell it. */
function keyOf(node: Node, field: StartupOrderField): string | undefined {
  if (field === 'NAME') return typeof node.name === 'string' ? foldText(node.name) : undefined;
  if (field === 'PHASE_START') return node.phaseStart;
  return node.phases?.[0]?.start;
}

function query(order: Order | null): string {
  const keyFields = order?.field === 'STARTED' ? 'id name phaseStart phases { start }' : 'id name phaseStart';
  const orderBy = order ? ', $orderBy: StartupOrder' : '';
  return `query ConformanceWalk($first: Int, $after: String${orderBy}) {
    startups(first: $first, after: $after${order ? ', orderBy: $orderBy' : ''}) {
      totalCount edges { cursor node { ${keyFields} } } pageInfo { hasNextPage endCursor } } }`;
}

/** Walks at most `maxPages` pages in one order; stops at the first page with a problem. */
export async function walk(ask: Ask, options: WalkOptions): Promise<Walk> {
  const expected = options.order ?? DEFAULT_ORDER;
  const name = options.order ? orderName(options.order) : 'the default order';
  const problems: ViolationFound[] = [];
  const found = (rule: ViolationFound['rule'], detail: string) => problems.push({ rule, detail: `${name}: ${detail}` });
  const result: Walk = { problems, ids: [], totalCount: null, complete: false, pages: 0 };
  const seen = new Set<string>();
  let after: string | null = null;
  let afterPosition: CursorPosition | null = null;
  for (let page = 1; page <= options.maxPages; page++) {
    const variables: Record<string, unknown> = { first: options.pageSize, after, ...(options.order ? { orderBy: options.order } : {}) };
    const data = dataOf(await ask(query(options.order), variables), `page ${page} of startups in ${name}`);
    result.pages = page;
    const connection = data.startups;
    const edges = (connection?.edges ?? []) as { cursor: string; node: Node }[];
    const totalCount = connection?.totalCount as number;
    if (result.totalCount === null) result.totalCount = totalCount;
    else if (totalCount !== result.totalCount)
      found('COUNT', `page ${page} says totalCount ${totalCount}, page 1 said ${result.totalCount}`);
    if (edges.length > options.pageSize) found('PAGE_SIZE', `page ${page} has ${edges.length} rows for first: ${options.pageSize}`);
    let previous: CursorPosition | null = null;
    for (const { cursor, node } of edges) {
      if (options.partnerId && !node.id.startsWith(`${options.partnerId}/`))
        found('FOREIGN_ID', `startup id "${node.id}" does not start with "${options.partnerId}/"`);
      const position = decodeCursor(cursor);
      const key = keyOf(node, expected.field);
      if (!position) found('CURSOR', `the cursor of ${node.id} is not a contract cursor`);
      else if (position.field !== expected.field || position.direction !== expected.direction)
        found('ORDER', `the cursor of ${node.id} is for ${orderName(position)}, not ${orderName(expected)}`);
      else if (position.id !== node.id || (key !== undefined && position.key !== key))
        found('CURSOR', `the cursor of ${node.id} holds (${JSON.stringify(position.key)}, ${position.id}), not its row's key and id`);
      else if (afterPosition && compareCursorPositions(afterPosition, position) >= 0)
        found('AFTER_CURSOR', `${node.id} on page ${page} is not after the \`after\` cursor asked (${afterPosition.id})`);
      else if (previous && compareCursorPositions(previous, position) >= 0)
        found('ORDER', `${node.id} comes after ${previous.id}, which sorts later: the order is not (key, id), byte-wise`);
      else if (seen.has(node.id)) found('ORDER', `${node.id} appears twice in the walk`);
      seen.add(node.id);
      result.ids.push(node.id);
      previous = position ?? previous;
    }
    const pageInfo = connection?.pageInfo ?? {};
    const last = edges[edges.length - 1];
    if (last && pageInfo.endCursor !== last.cursor) found('CURSOR', `page ${page}: pageInfo.endCursor is not the last row's cursor`);
    if (seen.size > totalCount) found('COUNT', `the walk saw ${seen.size} startups by page ${page}; totalCount says ${totalCount}`);
    if (pageInfo.hasNextPage && !last) found('COUNT', `page ${page} has no rows, yet hasNextPage is true`);
    if (problems.length) return result;
    if (!pageInfo.hasNextPage) {
      result.complete = true;
      if (seen.size !== result.totalCount)
        found('COUNT', `the walk saw ${seen.size} startups over ${page} pages; totalCount says ${result.totalCount}`);
      return result;
    }
    after = pageInfo.endCursor as string;
    afterPosition = decodeCursor(after);
  }
  return result;
}
