/**
 * The start command: every partner of the real data and the gateway, on embedded PGlite
 * unless DATABASE_URL names a Postgres server. Prints the gateway URL once it answers.
 */
import { stopOnSignals } from '@gouvgraph/http';
import { randomBytes } from 'node:crypto';
import { startStack } from './stack.js';

const started = performance.now();
const env = process.env;
const port = env.PORT ? Number(env.PORT) : 4000;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`configuration error: PORT must be a port number; got "${env.PORT}"`);
  process.exit(1);
}

// The registry's admin token: given, or made for this run and printed below.
const adminToken = env.GOUVGRAPH_ADMIN_TOKEN || randomBytes(24).toString('base64url');

try {
  const stack = await startStack({
    registry: { adminToken },
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'pglite', ...(env.PGLITE_DATA_DIR ? { dataDir: env.PGLITE_DATA_DIR } : {}) },
    ...(env.PARTNERS ? { partners: env.PARTNERS.split(',').map((p) => p.trim()).filter(Boolean) } : {}),
    gatewayPort: port,
    host: env.HOST || '127.0.0.1',
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const startups = stack.partners.reduce((n, p) => n + p.seeded, 0);
  console.log(
    `GouvGraph is ready in ${seconds} s: ${stack.partners.length} incubator subgraphs` +
      (stack.catalog ? ', the API catalogue' : '') +
      (stack.impact ? ', the impact subgraph' : '') +
      ` on ${stack.connection.kind}` +
      (startups ? ` (${startups} startups seeded)` : ''),
  );
  if (stack.gateway.servesDashboard) console.log(`  Dashboard:        ${stack.gateway.origin}/`);
  console.log(`  GraphQL IDE:      ${stack.gateway.origin}${stack.gateway.servesDashboard ? '/graphiql' : '/'}`);
  console.log(`  GraphQL endpoint: ${stack.gateway.url} (public; the full graph, for agents and partners: ${stack.gateway.agentsUrl})`);
  console.log(`  Partner registry: ${stack.gateway.origin}/-/admin/ (admin token: ${env.GOUVGRAPH_ADMIN_TOKEN ? 'from GOUVGRAPH_ADMIN_TOKEN' : adminToken})`);
  stopOnSignals(() => stack.stop());
} catch (error) {
  console.error('GouvGraph did not start:', error);
  process.exit(1);
}
