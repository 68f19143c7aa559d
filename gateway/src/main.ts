/** Runs the gateway as a process, configured by the command line and the environment (config.ts). */
import { stopOnSignals } from '@gouvgraph/http';
import { ConfigError, readGatewayConfig } from './config.js';
import { startGateway } from './server.js';

try {
  const config = readGatewayConfig(process.argv.slice(2));
  const gateway = await startGateway(config);
  console.log(`GouvGraph gateway over ${config.partners?.length ?? 0} partners at ${gateway.url} (IDE at ${gateway.origin}/)`);
  stopOnSignals(() => gateway.stop());
} catch (error) {
  console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error);
  process.exit(1);
}
