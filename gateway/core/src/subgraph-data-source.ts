/**
 * How the gateway calls its central subgraphs (the catalogue, the impact subgraph, any plain
 * Federation 2 subgraph): what @apollo/gateway's RemoteGraphQLDataSource does, through the same
 * upstream client as partners (upstream/client.ts) under the subgraph policy. Repeated entity
 * representations are sent once (representations.ts), and the caches are told of writes.
 *
 * A subgraph that cannot be reached, is too slow or answers something that is not GraphQL gives
 * a coded error naming it (SUBGRAPH_UNAVAILABLE, SUBGRAPH_TIMEOUT, SUBGRAPH_INVALID_RESPONSE),
 * never a driver's message; a GraphQL answer, errors included, is passed on as the subgraph gave it.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Kind } from 'graphql';
import { subgraphTag } from './caching/freshness.js';
import type { WriteWatcher } from './caching/writes.js';
import { readsOf } from './partitioned/call.js';
import { collapseRepresentations } from './representations.js';
import type { Upstream, UpstreamClient } from './upstream/client.js';
import { requestIdOf } from './upstream/request.js';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** One central subgraph, called through the client every subgraph's data source (and both variants) shares. */
export class SubgraphDataSource implements GraphQLDataSource {
  private readonly upstream: Upstream;
  private readonly tag: string;

  constructor(
    name: string,
    url: string,
    private readonly client: UpstreamClient,
    /** Told around each write sent (the caches forget what rests on it). */
    private readonly writes?: WriteWatcher,
  ) {
    this.upstream = { id: name, url };
    this.tag = subgraphTag(name);
  }

  async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const { query, variables, operationName } = options.request;
    if (!query) throw new Error('the planner sent no query');
    const collapsed = collapseRepresentations(query, variables, operationName);
    const body = collapsed ? collapsed.body : JSON.stringify({ query, variables, operationName });
    const document = 'document' in options ? options.document : undefined;
    const operation = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    const read = operation ? operation.operation === 'query' : /^\s*(query\b|\{)/.test(query);
    if (read) {
      const sent = { requestId: requestIdOf(options), reads: readsOf(options) };
      return this.answer(await this.client.send(this.upstream, body, sent), collapsed);
    }
    this.writes?.writing(this.tag);
    try {
      return this.answer(await this.client.send(this.upstream, body, { idempotent: false, requestId: requestIdOf(options) }), collapsed);
    } finally {
      await this.writes?.written(this.tag);
    }
  }

  /** The answer as the executor expects it: every collapsed representation spread back. */
  private answer(response: GatewayGraphQLResponse, collapsed: ReturnType<typeof collapseRepresentations>): GatewayGraphQLResponse {
    return collapsed ? collapsed.spread(response) : response;
  }
}
