/** Runs the gateway as a process, configured by the command line and the environment (config.ts). */
import { openDatabase, surviveDependencyFailures } from '@gouvgraph/db';
import { processLogger, stopOnSignals } from '@gouvgraph/http';
import { ConfigError, readGatewayConfig } from './config.js';
import { Registry } from '@gouvgraph/registry';
import { startGateway } from './server.js';
import { startTracing } from '@gouvgraph/telemetry';

// @apollo/gateway otherwise reports usage metrics to Apollo and probes cloud metadata servers
// (169.254.169.254…) on every start: a government gateway sends nothing anywhere unasked. An
// operator who wants it sets APOLLO_TELEMETRY_DISABLED=false.
process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';

// First: what is opened below (database clients) is traced when tracing is on.
const tracing = startTracing('gouvgraph-gateway');

try {
  const config = readGatewayConfig(process.argv.slice(2));
  const logger = processLogger('gateway');
  surviveDependencyFailures(logger);
  // The registry, when there is one, lives in the gateway's own database: replicas share it.
  const connection = config.registryDatabase ? await openDatabase(config.registryDatabase) : null;
  const registry = connection ? await Registry.open({ connection }) : undefined;
  const gateway = await startGateway({ ...config, ...(registry ? { registry } : {}), logger });
  const partners = (config.partners?.length ?? 0) + (registry?.activePartners().length ?? 0);
  const ide = config.ide === false ? '' : `, IDE at ${gateway.origin}${gateway.servesDashboard ? '/graphiql' : '/'}`;
  console.log(
    `GouvGraph gateway over ${partners} partners at ${gateway.url} (${gateway.servesDashboard ? `dashboard at ${gateway.origin}/` : 'no dashboard'}${ide})`,
  );
  if (registry) {
    const scope = config.adminToken ? '' : ' (no GOUVGRAPH_ADMIN_TOKEN: only partners can act, on themselves)';
    console.log(`  partner registry (${config.registryDatabase?.kind}) at ${gateway.origin}/-/admin/${scope}`);
  }
  stopOnSignals(async () => {
    await gateway.stop();
    await registry?.close();
    await connection?.close();
    await tracing.shutdown();
  });
} catch (error) {
  console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error);
  process.exit(1);
}
