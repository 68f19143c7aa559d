export { createImpactSubgraph, impactSdl, startImpactSubgraph } from './server.js';
export type { ImpactSubgraph, ImpactSubgraphOptions, RunningImpactSubgraph } from './server.js';
export { addMonths, programmeImpact, startupImpact, type History, type Outcome } from './compute.js';
export { IMPACT_SETTINGS } from './settings.js';
