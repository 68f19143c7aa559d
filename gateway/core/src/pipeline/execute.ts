/**
 * Stage 7, execution: where the plan's fetches go. The contract subgraph is every partner at
 * once (partitioned/data-source.ts: routed, fanned out, merged, paged); partners' health is
 * answered by the gateway itself; every other subgraph (the catalogue, impact) is called as
 * stock @apollo/gateway would, through the same transport.
 */
import { CONTRACT_SUBGRAPH_NAME, type Violation } from '@gouvgraph/schema';
import type { GraphQLDataSource } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';
import { HEALTH_URL, healthDataSource } from '../health-subgraph.js';
import type { LiveGraph } from '../live-graph.js';
import { PartitionedDataSource } from '../partitioned/data-source.js';
import type { UpstreamClient } from '../upstream/client.js';
import type { PartnerStatus } from '../partner-health.js';
import type { FetchCache } from '../caching/fetch-cache.js';
import type { WriteWatcher } from '../caching/writes.js';
import { SubgraphDataSource } from '../subgraph-data-source.js';
import { keepingResults, UNANNOUNCED_CHANGES } from '../caching/kept-results.js';
import { readsOf } from '../partitioned/call.js';
import type { Stage } from './stage.js';

export interface ExecuteParts {
  live: LiveGraph;
  /** The contract, when partners answer it; null: a plain Federation 2 gateway. */
  contract: GraphQLSchema | null;
  /** Calls partners (partnerPolicy). */
  client: UpstreamClient;
  /** Calls central subgraphs (subgraphPolicy). */
  transport: UpstreamClient;
  /** Writes need the owning partner's token (with a registry, which issues them). */
  writesNeedToken: boolean;
  verifyAnswers: boolean;
  /** Told of every write, to forget what it changed. */
  writes: WriteWatcher;
  /** Keeps the partitioned subgraph's merged answers too. */
  fetchCache: FetchCache | null;
  countFetchCache?: ((upstream: string, result: 'hit' | 'miss') => void) | undefined;
  partnerStatuses: () => PartnerStatus[];
  /** The rule a quarantined partner broke (it is not called), or null. */
  quarantined?: ((partnerId: string) => Violation | null) | undefined;
}

/** `variant`: the endpoint this stage executes for (its results are kept apart from another's). */
export function executeStage(parts: ExecuteParts, variant: string): Stage {
  const { live, contract, client, transport, writes, fetchCache } = parts;
  return {
    name: 'execute',
    // A read's whole result, kept for every caller as its fetches' answers are (caching/kept-results.ts).
    ...(fetchCache ? { around: (planner) => keepingResults(planner, { cache: fetchCache, variant, count: parts.countFetchCache }) } : {}),
    services: ({ name, url }) => {
      if (contract && name === CONTRACT_SUBGRAPH_NAME) {
        return new PartitionedDataSource({
          contract,
          client,
          partners: () => live.partners,
          writesNeedToken: parts.writesNeedToken,
          verifyAnswers: parts.verifyAnswers,
          writes,
          cache: parts.fetchCache ?? undefined,
          countCache: parts.countFetchCache,
          quarantined: parts.quarantined,
        });
      }
      if (url === HEALTH_URL) return unannounced(healthDataSource(parts.partnerStatuses));
      return new SubgraphDataSource(name, url ?? '', transport, writes);
    },
  };
}

/** A data source whose answers change without any write (partners' health): its reads say so. */
function unannounced(source: GraphQLDataSource): GraphQLDataSource {
  return {
    process: (options) => {
      readsOf(options)?.add(UNANNOUNCED_CHANGES);
      return source.process(options);
    },
  };
}
