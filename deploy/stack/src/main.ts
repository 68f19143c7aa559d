/**
 * The start command: every partner of the real data and the gateway, on embedded PGlite
 * unless DATABASE_URL names a Postgres server (its settings: settings.ts). Prints the gateway URL
 * once it answers.
 */
import { readSettingsOrExit, stopOnSignals } from '@gouvgraph/http';
import { randomBytes } from 'node:crypto';
import { START_SETTINGS } from './settings.js';
import { startStack } from './stack.js';
import { startTracing } from '@gouvgraph/telemetry';

// @apollo/gateway sends nothing anywhere unasked (gateway/server/src/main.ts says why).
process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';

// One process holds every server here: one service in traces.
const tracing = startTracing('gouvgraph');

const started = performance.now();
const settings = readSettingsOrExit(START_SETTINGS);

// The registry's admin token: given, or made for this run and printed below.
const adminToken = settings.adminToken || randomBytes(24).toString('base64url');

try {
  const stack = await startStack({
    registry: { adminToken },
    database: settings.databaseUrl
      ? { kind: 'postgres', url: settings.databaseUrl }
      : { kind: 'pglite', ...(settings.pgliteDataDir ? { dataDir: settings.pgliteDataDir } : {}) },
    ...(settings.partners ? { partners: settings.partners } : {}),
    gatewayPort: settings.port,
    host: settings.host,
    warmUp: true,
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
  console.log(`  Open data:        ${stack.gateway.origin}/donnees/ (CSV, JSON, Table Schemas, Atom feeds)`);
  console.log(
    `  Partner registry: ${stack.gateway.origin}/-/admin/ (admin token: ${settings.adminToken ? 'from GOUVGRAPH_ADMIN_TOKEN' : adminToken})`,
  );
  stopOnSignals(async () => {
    await stack.stop();
    await tracing.shutdown();
  });
} catch (error) {
  console.error('GouvGraph did not start:', error);
  process.exit(1);
}
