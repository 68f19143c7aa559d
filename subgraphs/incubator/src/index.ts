export { createIncubatorSubgraph, startIncubatorSubgraph } from './server.js';
export type { IncubatorSubgraph, IncubatorSubgraphOptions, RunningIncubatorSubgraph } from './server.js';
export { openDatabase, StatementCounter, type DatabaseConfig, type DatabaseConnection, type Db } from './db/connection.js';
export { schemaForPartner } from './db/tables.js';
