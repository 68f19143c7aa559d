import { FEED_OPERATIONS } from './programme-events.js';
import { TABLE_OPERATIONS } from './tables.js';

export { openDataHandler, OPEN_DATA_PATH, type OpenDataOptions } from './routes.js';
export { exportToDirectory, type ExportSummary } from './export-files.js';
export { TABLES, LIST_SEPARATOR, type Table, type Field } from './tables.js';
export { tableSchema, dataPackage, LICENCE } from './descriptors.js';
export { GraphUnavailable, type Ask } from './graph-walk.js';
export type { SupergraphVersion } from './graph-changelog.js';

/** Every operation the open data sends to the graph: trusted documents of the gateway. */
export const OPEN_DATA_OPERATIONS = [...TABLE_OPERATIONS, ...FEED_OPERATIONS];
