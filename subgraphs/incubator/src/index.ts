export { createIncubatorSubgraph, startIncubatorSubgraph } from './server.js';
export type { IncubatorSubgraph, IncubatorSubgraphOptions, RunningIncubatorSubgraph } from './server.js';
export { openDatabase, StatementCounter, type DatabaseConfig, type DatabaseConnection, type Db } from '@gouvgraph/db';
export { schemaForPartner } from './db/tables.js';
export { INCUBATOR_SETTINGS } from './settings.js';
export { checkKit, type KitCheckOptions } from './conformance-check.js';
export { SAMPLE_SLUG_PREFIX } from './conformance-sample.js';
