/**
 * Composing the supergraph: the partners' contract as one logical subgraph (its routing URL is
 * a placeholder the partitioned data source answers for) plus any ordinary subgraph, with
 * @apollo/composition, exactly as Federation 2 composes any set of subgraphs.
 */
import { composeServices } from '@apollo/composition';
import { CONTRACT_SUBGRAPH_NAME, contractTypeDefs } from '@gouvgraph/schema';
import { parse, type DocumentNode } from 'graphql';
import { createHash } from 'node:crypto';

/** The routing URL of the partners' logical subgraph: never contacted, the data source answers. */
const PARTITIONED_URL = `partitioned://${CONTRACT_SUBGRAPH_NAME}`;

/** A supergraph's identity: the SHA-256 of its SDL (the registry's key, the metric's label, the changelog's id). */
export const supergraphHash = (sdl: string): string => createHash('sha256').update(sdl).digest('hex');

/** An ordinary subgraph: its SDL is read from `_service { sdl }` when not given. */
export interface SubgraphSource {
  name: string;
  url: string;
  sdl?: string;
}

class CompositionError extends Error {
  constructor(readonly details: string[]) {
    super(`the supergraph does not compose:\n- ${details.join('\n- ')}`);
  }
}

/** Reads a subgraph's SDL over HTTP, as Federation gateways do. */
async function fetchSubgraphSdl(url: string, timeoutMs = 10_000): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query SubgraphSdl { _service { sdl } }' }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json()) as { data?: { _service?: { sdl?: string } }; errors?: { message: string }[] };
  const sdl = body.data?._service?.sdl;
  if (typeof sdl !== 'string') {
    throw new Error(`${url} did not return its SDL (${body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`})`);
  }
  return sdl;
}

export interface ComposeOptions {
  /** Include the partners' contract as the `incubators` subgraph. */
  withContract: boolean;
  subgraphs: readonly SubgraphSource[];
}

/** Composes and returns the supergraph SDL, or throws a CompositionError naming each problem. */
export async function composeSupergraph(options: ComposeOptions): Promise<string> {
  const services: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  if (options.withContract) services.push({ name: CONTRACT_SUBGRAPH_NAME, url: PARTITIONED_URL, typeDefs: contractTypeDefs });
  for (const subgraph of options.subgraphs) {
    services.push({ name: subgraph.name, url: subgraph.url, typeDefs: parse(subgraph.sdl ?? (await fetchSubgraphSdl(subgraph.url))) });
  }
  const result = composeServices(services);
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  return result.supergraphSdl;
}
