/**
 * Prometheus metrics (prom-client) for every GouvGraph server, at `GET /metrics`: GraphQL
 * requests by operation and outcome, errors by `extensions.code`, latency histograms by operation,
 * and Node's runtime metrics. Each server has a registry of its own (tests run several in one
 * process), labelled with its service.
 *
 * Label values stay few, whatever clients send: an operation is labelled by its name for the
 * first 100 well-formed names seen (the central dashboards' operations, typically), `other` after
 * that and `anonymous` without one; an error code outside the known list is `OTHER`. No query text,
 * no id, no variable ever becomes a label.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { createRoutes, type Routes } from './routes.js';

const MAX_OPERATION_NAMES = 100;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** From 5 ms to 10 s: a cached answer to a government-wide walk. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface Metrics {
  registry: Registry;
  /** Counts and times every GraphQL request of the server it is given to. */
  plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext>;
  /** Counts a request answered without Apollo Server (the gateway's response cache). */
  record(operationName: string | null | undefined, type: string, errorCodes: readonly unknown[], seconds: number): void;
  /** Counts a request refused before GraphQL ran (401, 413, 429…) in the error metric, by its code. */
  refused(code: string): void;
  /** `GET /metrics`, in Prometheus' text format. */
  routes: Routes;
}

export function createMetrics(options: { service: string; knownCodes: ReadonlySet<string> }): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'gouvgraph_graphql_requests_total',
    help: 'GraphQL requests answered, by operation name, operation type and outcome (ok, or error when the answer has any).',
    labelNames: ['operation', 'type', 'outcome'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'gouvgraph_graphql_errors_total',
    help: 'GraphQL errors answered, by extensions.code.',
    labelNames: ['code'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'gouvgraph_graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to its answer, by operation name.',
    labelNames: ['operation'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const names = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (names.has(name)) return name;
    if (names.size >= MAX_OPERATION_NAMES || !OPERATION_NAME.test(name)) return 'other';
    names.add(name);
    return name;
  };
  const record: Metrics['record'] = (operationName, type, errorCodes, seconds) => {
    const operation = operationLabel(operationName);
    for (const code of errorCodes) errors.inc({ code: typeof code === 'string' && options.knownCodes.has(code) ? code : 'OTHER' });
    requests.inc({ operation, type, outcome: errorCodes.length ? 'error' : 'ok' });
    duration.observe({ operation }, seconds);
  };
  return {
    registry,
    record,
    refused: (code) => errors.inc({ code: options.knownCodes.has(code) ? code : 'OTHER' }),
    plugin: () => ({
      async requestDidStart() {
        const started = performance.now();
        return {
          async willSendResponse({ operation, operationName, request, response }) {
            const answered = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
            record(
              operationName ?? request.operationName,
              operation?.operation ?? 'none',
              answered.map((e) => e.extensions?.code),
              (performance.now() - started) / 1000,
            );
          },
        };
      },
    }),
    routes: createRoutes().get('/metrics', async (c) =>
      c.body(await registry.metrics(), 200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }),
    ),
  };
}
