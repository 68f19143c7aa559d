/**
 * Reads the startups' histories from the unified graph (the gateway), page by page: the impact
 * subgraph keeps no copy of what the partners own.
 */
import type { Phase } from '@gouvgraph/schema';
import type { History } from './compute.js';
import { withTraceHeaders } from '@gouvgraph/telemetry';

const PAGE = `query ImpactHistories($after: String, $filter: StartupFilter) {
  startups(first: 100, after: $after, filter: $filter) {
    missingPartners
    edges { node { id phases { phase start end } events { kind date } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Page {
  data?: {
    startups: {
      missingPartners: string[];
      edges: {
        node: { id: string; phases: { phase: Phase; start: string; end: string | null }[]; events: { kind: string; date: string }[] };
      }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
  errors?: { message: string }[];
}

export interface Histories {
  histories: History[];
  missingPartners: string[];
}

/** Every startup's history (of one incubator, when given), and the partners that did not answer. */
export async function readHistories(graphUrl: string, incubator: string | null): Promise<Histories> {
  const histories: (History & { id: string })[] = [];
  const missing = new Set<string>();
  let after: string | null = null;
  for (let page = 0; page < 1_000; page++) {
    const response = await fetch(graphUrl, {
      method: 'POST',
      headers: withTraceHeaders({ 'content-type': 'application/json' }),
      body: JSON.stringify({ query: PAGE, variables: { after, filter: incubator ? { incubator } : null } }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await response.json()) as Page;
    const connection = body.data?.startups;
    if (!connection)
      throw new Error(`the graph did not answer the histories: ${body.errors?.map((e) => e.message).join('; ') ?? response.status}`);
    for (const id of connection.missingPartners) missing.add(id);
    for (const edge of connection.edges) histories.push({ id: edge.node.id, phases: edge.node.phases, events: edge.node.events });
    if (!connection.pageInfo.hasNextPage) break;
    if (!connection.pageInfo.endCursor) throw new Error('the graph said more pages follow but gave no cursor');
    after = connection.pageInfo.endCursor;
    if (page === 999) throw new Error('more than 100,000 startups: the walk stopped rather than give truncated numbers');
  }
  // A partner missing from any page is left out of every page: half a partner would skew the numbers.
  const complete = histories.filter((h) => !missing.has(h.id.slice(0, h.id.indexOf('/'))));
  return { histories: complete, missingPartners: [...missing].sort() };
}
