/** Runs one partner's incubator subgraph as a process, configured by the environment. */
import { loadSeedData, partnerSeed, type PartnerSeed } from '@gouvgraph/data';
import { processLogger, stopOnSignals } from '@gouvgraph/http';
import { ConfigError, readIncubatorConfig } from './config.js';
import { openDatabase, surviveDependencyFailures } from '@gouvgraph/db';
import { startIncubatorSubgraph } from './server.js';
import { startTracing } from '@gouvgraph/telemetry';

function seedFor(partnerId: string, partnerName: string | undefined): PartnerSeed | undefined {
  const data = loadSeedData();
  if (data.incubators.some((i) => i.id === partnerId)) return partnerSeed(data, partnerId);
  // A partner the beta.gouv.fr data does not know yet (a new incubator): only its own row.
  if (!partnerName) throw new ConfigError(`PARTNER_NAME is required for "${partnerId}", which is not in the seed data`);
  return { incubator: { id: partnerId, title: partnerName }, startups: [], organisations: [] };
}

async function main(): Promise<void> {
  const config = readIncubatorConfig();
  // Before the database opens: its statements are traced when tracing is on.
  const tracing = startTracing(`gouvgraph-incubator-${config.partnerId}`);
  const logger = processLogger(`incubator-${config.partnerId}`);
  // A lost database connection fails the requests that needed it, never the process.
  surviveDependencyFailures(logger);
  const connection = await openDatabase(config.database);
  const subgraph = await startIncubatorSubgraph({
    partnerId: config.partnerId,
    connection,
    logger,
    seed: config.seed ? seedFor(config.partnerId, config.partnerName) : undefined,
    port: config.port,
    host: config.host,
    ...(config.contractVersion ? { contractVersion: config.contractVersion } : {}),
    identityKeys: config.identityKeys,
    unsignedWrites: config.openWrites ? 'open' : 'closed',
  });
  if (config.identityKeys.length === 0) {
    console.warn(
      config.openWrites
        ? 'GOUVGRAPH_IDENTITY_PUBLIC_KEY is not set and GOUVGRAPH_OPEN_WRITES=true: writes are open to anyone who can reach this subgraph (development only)'
        : 'GOUVGRAPH_IDENTITY_PUBLIC_KEY is not set: this subgraph refuses every write (reads are served); give it the gateway public key, or GOUVGRAPH_OPEN_WRITES=true in development',
    );
  }
  console.log(
    `incubator ${config.partnerId} (contract ${subgraph.contractVersion}, ${config.database.kind}, ${subgraph.seeded} startups seeded) at ${subgraph.url}`,
  );
  stopOnSignals(async () => {
    await subgraph.stop();
    await connection.close();
    await tracing.shutdown();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error);
  process.exit(1);
});
