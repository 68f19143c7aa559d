export { createGateway, startGateway, type Gateway, type GatewayOptions, type RunningGateway, type SupergraphConfig } from './server.js';
export { PartnerCallCounter, PartnerClient, type Partner } from './partner-client.js';
export { PartitionedDataSource } from './partitioned/data-source.js';
export { composeSupergraph, fetchSubgraphSdl, CompositionError, PARTITIONED_URL, type SubgraphSource } from './supergraph.js';
export { readGatewayConfig, ConfigError, type GatewayConfig } from './config.js';
export type { PartnerStatus, CircuitOptions, CircuitState } from './partner-health.js';
export { DEBUG_HEADER, type PartnerCallsExposure } from './plugins/partner-calls-extension.js';
export { PARTNER_STATUS_PATH } from './partner-status-route.js';
