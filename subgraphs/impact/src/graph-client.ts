/**
 * Reads what the programme's numbers are made of from the unified graph (the gateway): each
 * incubator's tally of its startups (contract 1.3), all partners in one request. The impact
 * subgraph keeps no copy of what the partners own. A partner still on an earlier contract has
 * no tally: its startups' histories are read instead, page by page, and tallied here the same way.
 */
import { factsOf, tallyOf, type Phase, type StartupTally } from '@gouvgraph/schema';
import { withTraceHeaders } from '@gouvgraph/telemetry';

const TALLY_FIELDS = `id
    startupTally { entryYear phase reachedConstruction startups committeeReviews daysToAcceleration }
    startups(first: 0) { totalCount }`;
// `startups { totalCount }` beside the tally: the gateway refuses a tally that does not add up to it.
const ALL = `query ImpactTally { incubators { ${TALLY_FIELDS} } }`;
const ONE = `query ImpactIncubatorTally($id: ID!) { incubator(id: $id) { ${TALLY_FIELDS} } }`;

const HISTORIES = `query ImpactHistories($after: String, $filter: StartupFilter) {
  startups(first: 100, after: $after, filter: $filter) {
    missingPartners
    edges { node { id phases { phase start } events { kind } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Answer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { partner?: unknown } }[];
}
interface Incubator {
  id: string;
  startupTally: StartupTally[] | null;
}
interface HistoriesPage {
  startups: {
    missingPartners: string[];
    edges: { node: { id: string; phases: { phase: Phase; start: string }[]; events: { kind: string }[] } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

export interface Tally {
  rows: StartupTally[];
  /** Partners that did not answer (or answered a tally the gateway refused): their startups are left out. */
  missingPartners: string[];
}

async function ask<T>(graphUrl: string, query: string, variables: Record<string, unknown>): Promise<Answer<T>> {
  const response = await fetch(graphUrl, {
    method: 'POST',
    headers: withTraceHeaders({ 'content-type': 'application/json' }),
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return (await response.json()) as Answer<T>;
}

/** The partners an answer's errors name; an error that names none means the graph itself failed. */
function partnersNamed(answer: Answer<unknown>): string[] {
  return (answer.errors ?? []).map((e) => {
    if (typeof e.extensions?.partner === 'string') return e.extensions.partner;
    throw new Error(`the graph did not answer: ${e.message}`);
  });
}

/** Every incubator's tally (or one incubator's, when given), and the partners that did not answer. */
export async function readTally(graphUrl: string, incubator: string | null): Promise<Tally> {
  let incubators: Incubator[];
  const missing = new Set<string>();
  if (incubator === null) {
    const answer = await ask<{ incubators: Incubator[] }>(graphUrl, ALL, {});
    if (!answer.data?.incubators) throw new Error(`the graph did not answer: ${answer.errors?.map((e) => e.message).join('; ')}`);
    incubators = answer.data.incubators;
    for (const id of partnersNamed(answer)) missing.add(id);
  } else {
    const answer = await ask<{ incubator: Incubator | null }>(graphUrl, ONE, { id: incubator });
    incubators = answer.data?.incubator ? [answer.data.incubator] : [];
    for (const id of partnersNamed(answer)) missing.add(id);
  }
  const rows: StartupTally[] = [];
  for (const { id, startupTally } of incubators) {
    if (startupTally) rows.push(...startupTally);
    else {
      const read = await readHistories(graphUrl, id);
      if (read.missing) missing.add(id);
      else rows.push(...read.tally);
    }
  }
  return { rows, missingPartners: [...missing].sort() };
}

/** One incubator's tally made from its startups' histories, page by page; `missing` when a page left it out. */
async function readHistories(graphUrl: string, incubator: string): Promise<{ tally: StartupTally[]; missing: boolean }> {
  const histories: HistoriesPage['startups']['edges'][number]['node'][] = [];
  let after: string | null = null;
  for (let page = 0; page < 1_000; page++) {
    const answer: Answer<HistoriesPage> = await ask<HistoriesPage>(graphUrl, HISTORIES, { after, filter: { incubator } });
    const connection = answer.data?.startups;
    if (!connection) throw new Error(`the graph did not answer the histories: ${answer.errors?.map((e) => e.message).join('; ')}`);
    // Half a partner would skew the numbers: a partner missing from any page is left out whole.
    if (connection.missingPartners.length) return { tally: [], missing: true };
    for (const edge of connection.edges) histories.push(edge.node);
    if (!connection.pageInfo.hasNextPage) return { tally: tallyOf(histories.map(factsOf)), missing: false };
    if (!connection.pageInfo.endCursor) throw new Error('the graph said more pages follow but gave no cursor');
    after = connection.pageInfo.endCursor;
  }
  throw new Error('more than 100,000 startups in one incubator: the walk stopped rather than give truncated numbers');
}
