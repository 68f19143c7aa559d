/** Runs the catalogue subgraph as a process, configured by the environment (settings.ts). */
import { openDatabase, surviveDependencyFailures } from '@gouvgraph/db';
import { PROCESS_SETTINGS, processLogger, readSettingsOrExit, stopOnSignals } from '@gouvgraph/http';
import { startCatalogSubgraph } from './server.js';
import { CATALOG_SETTINGS } from './settings.js';
import { startTracing } from '@gouvgraph/telemetry';

const tracing = startTracing('gouvgraph-catalog');

const settings = readSettingsOrExit({ ...CATALOG_SETTINGS, ...PROCESS_SETTINGS });
try {
  const logger = processLogger('catalog', settings.logLevel);
  // A lost database connection fails the requests that needed it, never the process.
  surviveDependencyFailures(logger);
  const connection = await openDatabase(settings.databaseUrl ? { kind: 'postgres', url: settings.databaseUrl } : { kind: 'pglite' });
  const catalog = await startCatalogSubgraph({ connection, port: settings.port, host: settings.host, logger });
  console.log(`catalogue (${connection.kind}, ${catalog.seeded} APIs seeded) at ${catalog.url}`);
  stopOnSignals(async () => {
    await catalog.stop();
    await connection.close();
    await tracing.shutdown();
  });
} catch (error) {
  console.error('the catalogue did not start:', error);
  process.exit(1);
}
