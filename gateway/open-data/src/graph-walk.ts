/**
 * Reading the whole programme out of the unified graph, page by page, as any client would: the
 * exports and feeds are made from what the partners serve now, not from the seed files. A walk
 * holds one page at a time; it notes the partners that did not answer (a partial walk is said to
 * be partial), and stops with a coded error when the graph cannot answer at all.
 */
import type { GraphQLFormattedError } from 'graphql';
import { isRecord } from '@gouvgraph/gateway-core';
import { isErrorCode, type ErrorCode } from '@gouvgraph/schema';

/** Runs one operation against the graph (in-process on the gateway, or over HTTP from the CLI). */
export type Ask = (
  query: string,
  variables: Record<string, unknown>,
) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }>;

/** The graph could not give what an export needs (a central subgraph down, a refused query…). */
export class GraphUnavailable extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface Page<Node> {
  nodes: Node[];
  /** Partners that did not answer this page. */
  missingPartners: string[];
}

/** The codes that mean a partner's rows are missing, not merely that one field of them failed. */
const PARTNER_MISSING = new Set([
  'PARTNER_UNAVAILABLE',
  'PARTNER_TIMEOUT',
  'PARTNER_CIRCUIT_OPEN',
  'PARTNER_INVALID_RESPONSE',
  'PARTNER_CONTRACT_OUTDATED',
]);

/**
 * Partners an answer is missing, by their errors (`extensions.partner`): a partner-level code, or
 * any error on the root field itself (its whole part is then gone, whatever the code).
 */
function partnersIn(errors: readonly GraphQLFormattedError[] = []): string[] {
  return errors
    .filter((e) => PARTNER_MISSING.has(String(e.extensions?.code)) || (e.path?.length ?? 0) <= 1)
    .map((e) => e.extensions?.partner)
    .filter((p): p is string => typeof p === 'string');
}

function unavailable(errors: readonly GraphQLFormattedError[] = [], what: string): GraphUnavailable {
  const first = errors[0];
  // The graph's own code says why (a central subgraph down, a limit…); one outside the list (a
  // partner's server may send any) is not ours to send on.
  const given = first?.extensions?.code;
  const code = isErrorCode(given) ? given : 'GRAPH_UNAVAILABLE';
  return new GraphUnavailable(code, `the graph did not give ${what}: ${first?.message ?? 'no data'}`);
}

/** A list the graph answers at once (`incubators`). */
export async function* listOf<Node>(ask: Ask, query: string, field: string): AsyncGenerator<Page<Node>> {
  const answer = await ask(query, {});
  const list = answer.data?.[field];
  if (!Array.isArray(list)) throw unavailable(answer.errors, field);
  yield { nodes: list as Node[], missingPartners: partnersIn(answer.errors) };
}

/**
 * A connection walked to its end (`startups`, `apis`), `first` at a time: the query takes
 * `$after` and selects `edges { node }` and `pageInfo { hasNextPage endCursor }`.
 */
export async function* pagesOf<Node>(
  ask: Ask,
  query: string,
  field: string,
  variables: Record<string, unknown> = {},
): AsyncGenerator<Page<Node>> {
  let after: string | null = null;
  for (;;) {
    const answer = await ask(query, { ...variables, after });
    const connection = answer.data?.[field];
    if (!isRecord(connection) || !Array.isArray(connection.edges) || !isRecord(connection.pageInfo))
      throw unavailable(answer.errors, field);
    const missing = new Set([
      ...partnersIn(answer.errors),
      ...(Array.isArray(connection.missingPartners) ? (connection.missingPartners as string[]) : []),
    ]);
    yield { nodes: connection.edges.map((edge) => (edge as { node: Node }).node), missingPartners: [...missing] };
    const { hasNextPage, endCursor } = connection.pageInfo as { hasNextPage?: boolean; endCursor?: string | null };
    if (!hasNextPage) return;
    if (!endCursor || endCursor === after)
      throw new GraphUnavailable('GRAPH_UNAVAILABLE', `the graph said more ${field} follow but gave no new cursor`);
    after = endCursor;
  }
}
