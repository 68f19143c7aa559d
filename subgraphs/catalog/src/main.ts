/** Runs the catalogue subgraph as a process: DATABASE_URL (else embedded PGlite), PORT (4010), HOST. */
import { openDatabase } from '@gouvgraph/db';
import { processLogger, stopOnSignals } from '@gouvgraph/http';
import { startCatalogSubgraph } from './server.js';

const env = process.env;
const port = env.PORT ? Number(env.PORT) : 4010;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`configuration error: PORT must be a port number; got "${env.PORT}"`);
  process.exit(1);
}
try {
  const connection = await openDatabase(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite' });
  const catalog = await startCatalogSubgraph({ connection, port, host: env.HOST || '127.0.0.1', logger: processLogger('catalog') });
  console.log(`catalogue (${connection.kind}, ${catalog.seeded} APIs seeded) at ${catalog.url}`);
  stopOnSignals(async () => {
    await catalog.stop();
    await connection.close();
  });
} catch (error) {
  console.error('the catalogue did not start:', error);
  process.exit(1);
}
