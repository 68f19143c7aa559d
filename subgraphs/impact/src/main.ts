/** Runs the impact subgraph as a process: GRAPH_URL (the gateway it measures), PORT (4020), HOST. */
import { processLogger, stopOnSignals } from '@gouvgraph/http';
import { startImpactSubgraph } from './server.js';

const env = process.env;
const port = env.PORT ? Number(env.PORT) : 4020;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`configuration error: PORT must be a port number; got "${env.PORT}"`);
  process.exit(1);
}
if (!env.GRAPH_URL) {
  console.error('configuration error: GRAPH_URL is required (the gateway endpoint whose startups it measures)');
  process.exit(1);
}
const impact = await startImpactSubgraph({ graphUrl: () => env.GRAPH_URL, port, host: env.HOST || '127.0.0.1', logger: processLogger('impact') });
console.log(`impact subgraph at ${impact.url}, measuring ${env.GRAPH_URL}`);
stopOnSignals(() => impact.stop());
