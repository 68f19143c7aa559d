/**
 * The gateway's request pipeline: every GraphQL request goes through these stages, in this
 * order. Each stage is one module of this folder, a plain object of the same shape (stage.ts)
 * saying at which moments of the request it acts; `startPipeline` builds one Apollo Server and
 * the door of one endpoint from such a list.
 *
 *   admission          who is calling (401 for a bad token), and whether they are over their rate (429)
 *   limits             body, batch, tokens, depth, aliases…, cost; only operations that can run here
 *   trusted documents  operations sent by id; only registered ones, when the gateway is told so
 *   cache              anonymous reads of the public graph from memory; a write forgets what read its upstream
 *   authorisation      the fields the caller may not read taken out, answered null with a code
 *   plan               @apollo/gateway's query planner over the live supergraph (this variant of it)
 *   execute            the plan's fetches: all partners at once for the contract, central subgraphs
 *
 * Around every stage, whatever answers the request, observers (metrics, the request log, the
 * partner-calls extension) see it; they change nothing of the answer.
 */
import type { KeyObject } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import type { Violation } from '@gouvgraph/schema';
import { admissionStage } from './admission.js';
import { authorisationStage } from './authorisation.js';
import { cacheStage } from './cache.js';
import { executeStage } from './execute.js';
import { limitsStage } from './limits.js';
import { planStage } from './plan.js';
import type { Stage } from './stage.js';
import { trustedDocumentsStage, type PersistedQueries } from './trusted-documents.js';
import type { CallerResolver } from '../identity/caller.js';
import type { QueryLimits } from '../limits/limits.js';
import type { LiveGraph } from '../live-graph.js';
import type { UpstreamClient } from '../upstream/client.js';
import type { PartnerStatus } from '../partner-health.js';
import type { RateLimiter } from '../rate-limit.js';
import type { ResponseCache } from '../response-cache.js';
import type { TrustedDocuments } from '../trusted-documents.js';
import type { WriteWatcher } from '../caching/writes.js';
import type { FetchCache } from '../caching/fetch-cache.js';

/** What the stages of every endpoint of one gateway share. */
export interface PipelineParts {
  live: LiveGraph;
  /** The contract, when partners answer it; null: a plain Federation 2 gateway. */
  contract: GraphQLSchema | null;
  resolver: CallerResolver;
  limiter: RateLimiter | null;
  trustProxy: boolean;
  identityKey: KeyObject | undefined;
  limits: QueryLimits;
  maxBodyBytes: number | undefined;
  trustedDocuments: TrustedDocuments;
  persistedQueries: PersistedQueries;
  cache: ResponseCache | null;
  /** Told around every write sent: the caches forget what rests on its upstream. */
  writes: WriteWatcher;
  /** Upstreams' answers to reads, kept for every caller (the partitioned subgraph's merged ones too). */
  fetchCache: FetchCache | null;
  /** Told of each read the fetch cache answered or not, for metrics. */
  countFetchCache?: ((upstream: string, result: 'hit' | 'miss') => void) | undefined;
  /** Calls partners (partnerPolicy). */
  client: UpstreamClient;
  /** Calls central subgraphs (subgraphPolicy). */
  transport: UpstreamClient;
  writesNeedToken: boolean;
  /** Check every partner answer against the contract's rules before merging it (off only to measure what it costs). */
  verifyAnswers: boolean;
  partnerStatuses: () => PartnerStatus[];
  /** The rule a quarantined partner broke (it is not called), or null. */
  quarantined?: ((partnerId: string) => Violation | null) | undefined;
}

/** One endpoint's view of the graph. */
export interface Variant {
  /** Where it is served (`/graphql`, `/agents/graphql`). */
  path: string;
  /** The supergraph its planner plans over, from the live one. */
  schemaOf: (sdl: string) => string;
  /** Whether it answers anonymous reads from memory. */
  answersFromMemory: boolean;
}

/** The stages of one endpoint, in order. */
export function gatewayPipeline(parts: PipelineParts, variant: Variant): readonly Stage[] {
  return [
    admissionStage({
      path: variant.path,
      resolver: parts.resolver,
      limiter: parts.limiter,
      trustProxy: parts.trustProxy,
      identityKey: parts.identityKey,
    }),
    limitsStage({ limits: parts.limits, maxBodyBytes: parts.maxBodyBytes, contract: parts.contract, live: parts.live }),
    trustedDocumentsStage(parts.trustedDocuments, parts.persistedQueries),
    cacheStage(parts.cache, { answers: variant.answersFromMemory }),
    authorisationStage(parts.live),
    planStage(parts.live, variant.schemaOf),
    executeStage(parts, variant.path),
  ];
}
