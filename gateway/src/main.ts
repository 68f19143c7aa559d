/** Runs the gateway as a process, configured by the command line and the environment (config.ts). */
import { ConfigError, readGatewayConfig } from './config.js';
import { startGateway } from './server.js';

try {
  const config = readGatewayConfig(process.argv.slice(2));
  const gateway = await startGateway(config);
  console.log(`GouvGraph gateway over ${config.partners?.length ?? 0} partners at ${gateway.url} (IDE at ${gateway.origin}/)`);
  const shutdown = async () => {
    await gateway.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
} catch (error) {
  console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error);
  process.exit(1);
}
