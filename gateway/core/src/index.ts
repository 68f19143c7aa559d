/**
 * The gateway core: the request path from a client's request to the partners' answers. It
 * knows nothing of the registry, the open data site or the dashboard: the gateway process
 * (`@gouvgraph/gateway`) assembles them, and they reach the core only through these exports.
 */
export { AuthorizingGateway } from './authorization/authorize.js';
export { isEmpty, policiesOf } from './authorization/policies.js';
export { publicVariant, withoutSecurityFeatures } from './authorization/variant.js';
export { createGatewayContext, type GatewayContext } from './context.js';
export { HEALTH_SDL, HEALTH_SUBGRAPH_NAME, HEALTH_URL, healthDataSource } from './health-subgraph.js';
export { admissionHandler } from './identity/admission.js';
export { ANONYMOUS, CallerResolver, type AgentTokens, type PartnerTokens } from './identity/caller.js';
export { costLimitPlugin } from './limits/cost-limit.js';
export type { CostModel } from './limits/cost.js';
export { DEFAULT_LIMITS, type LimitName, type QueryLimits } from './limits/limits.js';
export { gatewayObservability, type GatewayObservability } from './observability.js';
export { PartitionedDataSource } from './partitioned/data-source.js';
export { quota } from './partitioned/paging.js';
export { isSharedEntity, queryFieldFanOut } from './partitioned/route.js';
export type { Partner } from './partners.js';
export type { CircuitOptions, CircuitState, PartnerStatus } from './partner-health.js';
export { usePartnerCallsExtension, type PartnerCallsExposure } from './plugins/partner-calls-extension.js';
export {
  clientAddress,
  createRateLimiter,
  refusedByRate,
  type RateLimitBackend,
  type RateLimiter,
  type RateLimitOptions,
  type RedisDownPolicy,
} from './rate-limit.js';
export { collapseRepresentations } from './representations.js';
export { ResponseCache, type ResponseCacheOptions } from './response-cache.js';
export { FetchCache, type FetchCacheOptions } from './caching/fetch-cache.js';
export { ANY_WRITE, partnerTag, subgraphTag } from './caching/freshness.js';
export { Writes, type WriteWatcher } from './caching/writes.js';
export { SubgraphDataSource } from './subgraph-data-source.js';
export { composeSupergraph, supergraphHash, type SubgraphSource } from './supergraph.js';
export { byDocumentId, persistedQueryCache, readManifest, trustedDocumentsPlugin, type TrustedDocuments } from './trusted-documents.js';
export { LiveGraph } from './live-graph.js';
export { gatewayPipeline, type PipelineParts, type Variant } from './pipeline/pipeline.js';
export { pipelineDoor, startPipelineServer, type EndpointDoor, type PipelineServerOptions } from './pipeline/start.js';
export type { Stage, StageName } from './pipeline/stage.js';
export { isRecord } from './upstream/answer.js';
export { PartnerCallCounter } from './upstream/calls.js';
export { UpstreamClient, type UpstreamClientOptions } from './upstream/client.js';
export { partnerPolicy, subgraphPolicy, type UpstreamPolicy } from './upstream/policy.js';
export {
  ConformanceMonitor,
  MAX_REQUESTS_PER_CHECK,
  RECHECK_SAMPLE,
  type ConformanceMonitorOptions,
  type NonConformingPolicy,
  type PartnerConformance,
  type Schedule,
} from './conformance-monitor.js';
