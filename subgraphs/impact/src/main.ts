/** Runs the impact subgraph as a process, configured by the environment (settings.ts). */
import { PROCESS_SETTINGS, processLogger, readSettingsOrExit, stopOnSignals } from '@gouvgraph/http';
import { startImpactSubgraph } from './server.js';
import { IMPACT_SETTINGS } from './settings.js';
import { startTracing } from '@gouvgraph/telemetry';

const tracing = startTracing('gouvgraph-impact');

const settings = readSettingsOrExit({ ...IMPACT_SETTINGS, ...PROCESS_SETTINGS });
const impact = await startImpactSubgraph({
  graphUrl: () => settings.graphUrl,
  port: settings.port,
  host: settings.host,
  logger: processLogger('impact', settings.logLevel),
});
console.log(`impact subgraph at ${impact.url}, measuring ${settings.graphUrl}`);
stopOnSignals(async () => {
  await impact.stop();
  await tracing.shutdown();
});
