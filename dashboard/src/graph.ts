/**
 * The page's one way to the graph: a registered operation, sent by its id (the gateway runs
 * nothing else the page could ask). Answers come back with what is missing named: a partner
 * that did not answer, a central subgraph that is down.
 */
import ids from 'virtual:operation-ids';
import type { OperationName } from './operations.js';

interface GraphError {
  message: string;
  extensions?: { code?: string; partner?: string; subgraph?: string };
}

export interface GraphAnswer<T> {
  data: T | null;
  errors: GraphError[];
  /** Partners (incubator ids) and central subgraphs whose part is missing. */
  missing: string[];
}

/** The graph could not be asked at all (network, gateway down). */
export class GraphUnavailable extends Error {}

const ENDPOINT = '/graphql';

export async function ask<T>(name: OperationName, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<GraphAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ operationName: name, variables, extensions: { persistedQuery: { version: 1, sha256Hash: ids[name] } } }),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new GraphUnavailable('Le graphe ne répond pas : la passerelle est injoignable.');
  }
  let body: { data?: T | null; errors?: GraphError[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new GraphUnavailable(`La passerelle a répondu HTTP ${response.status} sans réponse GraphQL.`);
  }
  const errors = body.errors ?? [];
  const missing = new Set<string>();
  for (const error of errors) {
    const who = error.extensions?.partner ?? error.extensions?.subgraph;
    if (who) missing.add(who);
  }
  return { data: body.data ?? null, errors, missing: [...missing].sort() };
}
