/**
 * The independent partner's `StartupConnection`: filters, keyset order and pages over rows held
 * in memory, as the contract defines them (cursor.ts and paging.ts of @gouvgraph/schema), with
 * the quirks a careless partner's pager has (reversed pages, a wrong sort key, a forgotten
 * `after`, a made-up count, huge rows) when asked for them.
 */
import {
  afterProblem,
  codedError,
  compareCursorPositions,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  foldText,
  pageSizeProblem,
  type CursorPosition,
  type OrderDirection,
  type StartupFilter,
  type StartupOrder,
  type StartupOrderField,
} from '@gouvgraph/schema';
import type { GraphQLError } from 'graphql';
import type { StartupRow } from './independent-partner-data.js';

/** The arguments of `Query.startups` and `Incubator.startups`. */
export interface StartupsArgs {
  filter?: StartupFilter | null;
  orderBy?: StartupOrder | null;
  first?: number | null;
  after?: string | null;
}

export interface StartupConnection {
  totalCount: number;
  missingPartners: string[];
  edges: { cursor: string; node: StartupRow }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** How this pager goes wrong (none of them: it answers what the contract says). */
export interface PagerQuirks {
  /** Each page's rows in reverse order, each with its own cursor. */
  reversePage?: boolean;
  /** Sorts by id, whatever the order asked; cursors still claim that order. */
  sortById?: boolean;
  /** Always the first page. */
  ignoreAfter?: boolean;
  /** This count, whatever the rows. */
  totalCount?: number;
}

const EMPTY: StartupConnection = {
  totalCount: 0,
  missingPartners: [],
  edges: [],
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
};

const badInput = (message: string, field: string): GraphQLError => codedError('BAD_USER_INPUT', message, { field });

/** Refuses the arguments the contract refuses, with its messages, in the order a client fixes them. */
function checkArguments(args: StartupsArgs): void {
  const sizeProblem = pageSizeProblem(args.first);
  if (sizeProblem) throw badInput(sizeProblem, 'first');
  for (const name of ['search', 'thematic'] as const) {
    if (args.filter?.[name]?.includes('\u0000')) throw badInput(`\`${name}\` contains a NUL character`, name);
  }
}

/** Every word of the search, folded, is somewhere in the name or the pitch, folded. */
function matchesSearch(row: StartupRow, search: string): boolean {
  return foldText(search)
    .split(' ')
    .filter(Boolean)
    .every((word) => row.searchText.includes(word));
}

function matchesFilter(row: StartupRow, filter: StartupFilter | null | undefined): boolean {
  if (!filter) return true;
  if (filter.incubator && row.incubatorId !== filter.incubator) return false;
  if (filter.phase && row.phase !== filter.phase) return false;
  if (filter.phaseIn && !filter.phaseIn.includes(row.phase)) return false;
  if (typeof filter.active === 'boolean' && row.active !== filter.active) return false;
  if (filter.thematic && !row.thematicKeys.includes(foldText(filter.thematic))) return false;
  if (filter.search && !matchesSearch(row, filter.search)) return false;
  if (typeof filter.startedIn === 'number' && !row.started.startsWith(`${filter.startedIn}-`)) return false;
  return true;
}

function sortKeyOf(row: StartupRow, field: StartupOrderField): string {
  switch (field) {
    case 'NAME':
      return row.nameKey;
    case 'PHASE_START':
      return row.phaseStart;
    case 'STARTED':
      return row.started;
    default: {
      const never: never = field;
      throw new Error(`unknown order field ${String(never)}`);
    }
  }
}

/** Where a row stands in an order: what its cursor says and what it is compared by. */
interface Placed {
  row: StartupRow;
  position: CursorPosition;
  /** The position it is actually sorted by (the id alone, for a pager with the wrong key). */
  sortedBy: CursorPosition;
}

/** What a position is compared by: itself, or its id alone for a pager with the wrong key. */
const sortingBy = (position: CursorPosition, quirks: PagerQuirks): CursorPosition =>
  quirks.sortById ? { ...position, key: '' } : position;

function place(row: StartupRow, field: StartupOrderField, direction: OrderDirection, quirks: PagerQuirks): Placed {
  const position = { field, direction, key: sortKeyOf(row, field), id: row.id };
  return { row, position, sortedBy: sortingBy(position, quirks) };
}

/**
 * One page of `rows` (one incubator's startups, `incubatorId`) for the contract's arguments.
 * `scope` is the incubator of `Incubator.startups`: a filter naming another selects nothing.
 */
export function startupConnection(
  rows: readonly StartupRow[],
  incubatorId: string,
  args: StartupsArgs,
  quirks: PagerQuirks = {},
  scope?: string,
): StartupConnection {
  checkArguments(args);
  const field = args.orderBy?.field ?? 'NAME';
  const direction = args.orderBy?.direction ?? 'ASC';
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  let after: CursorPosition | null = null;
  if (!quirks.ignoreAfter && args.after !== undefined && args.after !== null) {
    const problem = afterProblem(args.after, field, direction);
    after = decodeCursor(args.after);
    if (problem || !after) throw badInput(problem ?? '`after` is not a cursor issued by this graph', 'after');
  }
  const wanted = args.filter?.incubator;
  if (wanted && (wanted !== incubatorId || (scope !== undefined && wanted !== scope))) return EMPTY;
  if (scope !== undefined && scope !== incubatorId) return EMPTY;

  const matching = rows.filter((row) => matchesFilter(row, args.filter)).map((row) => place(row, field, direction, quirks));
  matching.sort((a, b) => compareCursorPositions(a.sortedBy, b.sortedBy));
  const start = after === null ? null : sortingBy(after, quirks);
  const rest = start ? matching.filter((p) => compareCursorPositions(p.sortedBy, start) > 0) : matching;
  const page = rest.slice(0, first);
  if (quirks.reversePage) page.reverse();
  const edges = page.map((p) => ({ cursor: encodeCursor(p.position), node: p.row }));
  return {
    totalCount: quirks.totalCount ?? matching.length,
    missingPartners: [],
    edges,
    pageInfo: {
      hasNextPage: rest.length > first,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
