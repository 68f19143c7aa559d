import { DEFAULT_PAGE_SIZE, pageSizeProblem, type OrderDirection, type QueryStartupsArgs, type StartupOrderField } from '@gouvgraph/schema';
import type { GraphQLResolveInfo } from 'graphql';
import type { IncubatorContext } from '../context.js';
import { decodeAfter, encodeCursor } from '../cursor.js';
import type { StartupRecord } from '../db/store.js';
import { badInput } from '../errors.js';
import { selectsField } from '@gouvgraph/http';

export interface StartupConnectionResult {
  totalCount: number;
  /** A partner's own answer is always complete; the gateway fills this in when merging. */
  missingPartners: string[];
  edges: { cursor: string; node: StartupRecord }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const EMPTY: StartupConnectionResult = {
  totalCount: 0,
  missingPartners: [],
  edges: [],
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
};

/** Resolves a `StartupConnection` of this partner's startups for the standard arguments. */
export async function resolveStartupConnection(
  args: QueryStartupsArgs,
  ctx: IncubatorContext,
  info: GraphQLResolveInfo,
  /** The incubator the connection belongs to (`Incubator.startups`), ANDed with the filter. */
  scope?: string,
): Promise<StartupConnectionResult> {
  const problem = pageSizeProblem(args.first);
  if (problem) throw badInput(problem, 'first');
  for (const [name, value] of [
    ['search', args.filter?.search],
    ['thematic', args.filter?.thematic],
  ] as const) {
    if (value?.includes('\u0000')) throw badInput(`\`${name}\` contains a NUL character`, name);
  }
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const field: StartupOrderField = args.orderBy?.field ?? 'NAME';
  const direction: OrderDirection = args.orderBy?.direction ?? 'ASC';
  const after = args.after ? decodeAfter(args.after, field, direction) : null;
  const wanted = args.filter?.incubator;
  // An incubator this subgraph does not serve (or outside the scope) has no rows here.
  if (wanted && (!ctx.incubators.has(wanted) || (scope !== undefined && wanted !== scope))) return EMPTY;
  const filter = scope === undefined ? args.filter : { ...args.filter, incubator: scope };

  const page = await ctx.store.startupPage({
    filter,
    field,
    direction,
    first,
    after,
    wantCount: selectsField(info, 'totalCount'),
    // Rows only when some will be returned, or (`first: 0`) to tell whether one follows.
    wantRows: selectsField(info, 'pageInfo') || (first > 0 && selectsField(info, 'edges')),
  });
  for (const row of page.rows) ctx.loaders.startup.prime(row.slug, row);
  const edges = page.rows.map((node) => ({
    cursor: encodeCursor({ field, direction, key: ctx.store.sortKeyOf(node, field), id: node.globalId }),
    node,
  }));
  return {
    totalCount: page.totalCount,
    missingPartners: [],
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
