/**
 * The metrics reference of docs/operations.md, read from the metrics themselves: the ones every
 * server registers (createMetrics) and the gateway's own (gatewayObservability), built without
 * starting any server.
 */
import { gatewayObservability } from '@gouvgraph/gateway-core';
import { createMetrics, LATENCY_BUCKETS } from '@gouvgraph/http';
import { markdownTable } from './generated-section.js';

/** prom-client's default metrics: Node's runtime, the same in every process. */
const RUNTIME = /^(process|nodejs)_/;

interface Listed {
  name: string;
  type: string;
  help: string;
  labels: readonly string[];
}

type MetricsRegistry = ReturnType<typeof createMetrics>['registry'];

function listed(registry: MetricsRegistry): Listed[] {
  return registry
    .getMetricsAsArray()
    .filter((m) => !RUNTIME.test(m.name))
    .map((m) => ({
      name: m.name,
      type: String(m.type),
      help: m.help,
      // Every metric object holds the label names it was made with; prom-client's typings leave them out.
      labels: (m as { labelNames?: readonly string[] }).labelNames ?? [],
    }));
}

export function metricsReference(): string {
  const everyServer = listed(createMetrics({ service: 'any', knownCodes: new Set() }).registry);
  const shared = new Set(everyServer.map((m) => m.name));
  const gatewayOnly = listed(gatewayObservability({ partnerStatuses: () => [], registry: undefined }).metrics.registry).filter(
    (m) => !shared.has(m.name),
  );
  const row = (by: string) => (m: Listed) => [`\`${m.name}\``, m.type, m.labels.map((l) => `\`${l}\``).join(', '), by, m.help];
  return [
    markdownTable(
      ['metric', 'type', 'labels', 'served by', 'what'],
      [...everyServer.map(row('every server')), ...gatewayOnly.map(row('gateway'))],
    ),
    '',
    `Histograms' buckets, in seconds: ${LATENCY_BUCKETS.join(', ')}.`,
    '',
    "Every server also exports Node's runtime metrics (`process_*`, `nodejs_*`: prom-client's default metrics).",
  ].join('\n');
}
