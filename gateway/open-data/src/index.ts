export { openDataRoutes, OPEN_DATA_PATH, type OpenDataOptions } from './routes.js';
export { exportToDirectory, type ExportSummary } from './export-files.js';
export { TABLES, LIST_SEPARATOR, type Table, type Field } from './tables.js';
export { tableSchema, dataPackage, LICENCE, IMPORTED_LICENCE } from './descriptors.js';
export { GraphUnavailable, type Ask } from './graph-walk.js';
export type { SupergraphRelease } from './graph-changelog.js';
export { OPEN_DATA_OPERATIONS } from './operations.js';
export { ReaderGone } from './sinks.js';
export type { PageAssets } from './layout.js';
