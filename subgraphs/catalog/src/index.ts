export { catalogSdl, createCatalogSubgraph, startCatalogSubgraph } from './server.js';
export type { CatalogSubgraph, CatalogSubgraphOptions, RunningCatalogSubgraph } from './server.js';
export { CATALOG_SETTINGS } from './settings.js';
