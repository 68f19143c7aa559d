/**
 * What operators see of a gateway: `/metrics` (the shared GraphQL metrics, plus each partner's
 * and each central subgraph's calls, each partner's circuit and conformance, the rules partners broke, the response and fetch caches and the live supergraph), `/healthz` and `/readyz`.
 * Unready only when the gateway truly cannot serve (Redis away while told to refuse without it):
 * partners down and a registry database that does not answer are reported, not unready — the
 * gateway still answers, naming the missing partners, routing to the partner list it last read.
 */
import {
  check,
  createMetrics,
  createRoutes,
  healthRoutes,
  LATENCY_BUCKETS,
  PairHistogram,
  type Check,
  type Metrics,
  type Routes,
} from '@gouvgraph/http';
import { ERROR_CODES, type Violation } from '@gouvgraph/schema';
import { Counter, Gauge } from 'prom-client';
import type { PartnerStatus } from './partner-health.js';
import type { RateLimitBackend } from './rate-limit.js';
import { supergraphHash } from './supergraph.js';

const CIRCUIT = { closed: 0, 'half-open': 1, open: 2 } as const;
const KNOWN_CODES = new Set(Object.keys(ERROR_CODES));
/** An outcome as a label: `ok` or a known code, anything else OTHER (label values stay few). */
const outcomeLabel = (outcome: string) => (KNOWN_CODES.has(outcome) ? outcome : outcome === 'ok' ? 'ok' : 'OTHER');

export interface GatewayObservability {
  metrics: Metrics;
  /** For the partners' upstream client: each call's duration and outcome. */
  observePartnerCall(partnerId: string, seconds: number, outcome: string): void;
  /** For the central subgraphs' upstream client: each call's duration and outcome, measured as partners' are. */
  observeSubgraphCall(subgraph: string, seconds: number, outcome: string): void;
  /** For the response cache: each cacheable request's result (an answer from memory counts as a request too). */
  countCache(result: 'hit' | 'miss', operationName: string | null, seconds: number): void;
  /** For the fetch cache: each read it could answer, by upstream (a partner's id or a subgraph's name). */
  countFetchCache(upstream: string, result: 'hit' | 'miss'): void;
  /** The fetch cache, its size read on each scrape. */
  fetchCacheIs(cache: () => { size: number; bytes: number } | null): void;
  /** Where rate limits are counted (read on each scrape and readiness check). */
  rateLimitIs(backend: () => RateLimitBackend | null): void;
  /** The supergraph now live (a new one after a swap). */
  supergraphIs(sdl: string): void;
  /** A partner broke a rule of the contract: found by its conformance re-check, or in an answer it sent. */
  countViolation(partnerId: string, rule: Violation): void;
  routes: Routes;
}

export function gatewayObservability(options: {
  partnerStatuses: () => PartnerStatus[];
  registry: { ping(): Promise<unknown>; refreshedAt: Date | null } | undefined;
}): GatewayObservability {
  const metrics = createMetrics({ service: 'gateway', knownCodes: KNOWN_CODES });
  const registers = [metrics.registry];
  // Observed for every upstream call (64 a request at 64 partners): the lean histogram (pair-histogram.ts).
  const partnerCalls = new PairHistogram(
    'gouvgraph_partner_request_duration_seconds',
    'Calls to each partner subgraph, by partner and outcome (ok, or the error code).',
    ['partner', 'outcome'],
    LATENCY_BUCKETS,
    registers,
  );
  const subgraphCalls = new PairHistogram(
    'gouvgraph_subgraph_request_duration_seconds',
    'Calls to each central subgraph (catalogue, impact…), by subgraph and outcome (ok, or the error code).',
    ['subgraph', 'outcome'],
    LATENCY_BUCKETS,
    registers,
  );
  new Gauge({
    name: 'gouvgraph_partner_circuit_state',
    help: "Each partner's circuit: 0 closed (called), 1 half-open (one probe), 2 open (not called).",
    labelNames: ['partner'],
    registers,
    collect() {
      this.reset();
      for (const status of options.partnerStatuses()) this.set({ partner: status.id }, CIRCUIT[status.circuit]);
    },
  });
  new Gauge({
    name: 'gouvgraph_partner_conforming',
    help: "Each re-checked partner's last conformance re-check: 1 passed, 0 failed (unchecked partners have no series).",
    labelNames: ['partner'],
    registers,
    collect() {
      this.reset();
      for (const { id, conformance } of options.partnerStatuses()) {
        if (conformance && conformance.status !== 'unchecked') this.set({ partner: id }, conformance.status === 'conforming' ? 1 : 0);
      }
    },
  });
  const violations = new Counter({
    name: 'gouvgraph_partner_violations_total',
    help: 'Rules of the contract partners broke, by partner and rule (docs/errors.md): each failed check of a re-check, each refused answer.',
    labelNames: ['partner', 'rule'],
    registers,
  });
  const cache = new Counter({
    name: 'gouvgraph_response_cache_requests_total',
    help: 'Cacheable requests (anonymous public reads), answered from memory (hit) or computed (miss).',
    labelNames: ['result'],
    registers,
  });
  const fetchCache = new Counter({
    name: 'gouvgraph_fetch_cache_reads_total',
    help: "Reads the fetch cache could answer (every caller's), by upstream — a partner, a central subgraph, incubators (the partners' merged answer) or operation (a whole result) — from memory (hit) or not (miss).",
    labelNames: ['upstream', 'result'],
    registers,
  });
  let fetchCacheNow: () => { size: number; bytes: number } | null = () => null;
  new Gauge({
    name: 'gouvgraph_fetch_cache_bytes',
    help: "Memory the fetch cache's kept answers take (UTF-16, two bytes a character); absent without the cache.",
    registers,
    collect() {
      this.reset();
      const now = fetchCacheNow();
      if (now) this.set(now.bytes);
    },
  });
  new Gauge({
    name: 'gouvgraph_fetch_cache_entries',
    help: 'Upstream answers the fetch cache keeps now; absent without the cache.',
    registers,
    collect() {
      this.reset();
      const now = fetchCacheNow();
      if (now) this.set(now.size);
    },
  });
  const supergraph = new Gauge({
    name: 'gouvgraph_supergraph_info',
    help: 'The live supergraph, by the SHA-256 of its SDL (value 1).',
    labelNames: ['hash'],
    registers,
  });
  let rateLimit: () => RateLimitBackend | null = () => null;
  new Gauge({
    name: 'gouvgraph_rate_limit_backend_up',
    help: "Whether the rate limits' Redis answers (1) or not (0: counted per replica, or refused, as RATE_LIMIT_WHEN_REDIS_DOWN says); absent without Redis.",
    registers,
    collect() {
      this.reset();
      const backend = rateLimit();
      if (backend?.store === 'redis') this.set(backend.up ? 1 : 0);
    },
  });
  const readiness = async () => {
    const checks: Check[] = [{ name: 'supergraph', ok: true }];
    const backend = rateLimit();
    // Not ready only when it truly cannot serve: Redis away and told to refuse everything.
    if (backend?.store === 'redis' && backend.whenDown === 'closed') checks.push({ name: 'rate limits (Redis)', ok: backend.up });
    const statuses = options.partnerStatuses();
    const info: Record<string, unknown> = {
      partners: statuses.length,
      partnersDown: statuses.filter((s) => s.status === 'down').map((s) => s.id),
    };
    if (options.registry) {
      const registry = options.registry;
      // Reads go on without it (the partner list and supergraph it last gave): said, not unready.
      const reached = await check('registry database', () => registry.ping());
      info.registry = reached.ok
        ? 'up'
        : `unreachable (${reached.detail}): routing to the partners it listed at ${registry.refreshedAt?.toISOString() ?? 'start'}; admin changes and partner tokens wait for it`;
    }
    if (!backend) return { checks, info };
    const rateLimits =
      backend.store === 'memory' || backend.up
        ? backend.store
        : backend.whenDown === 'closed'
          ? 'refused (Redis unreachable)'
          : 'memory, per replica (Redis unreachable)';
    return { checks, info: { ...info, rateLimits } };
  };
  return {
    metrics,
    observePartnerCall: (partner, seconds, outcome) => partnerCalls.observe(partner, outcomeLabel(outcome), seconds),
    observeSubgraphCall: (subgraph, seconds, outcome) => subgraphCalls.observe(subgraph, outcomeLabel(outcome), seconds),
    countCache: (result, operationName, seconds) => {
      cache.inc({ result });
      if (result === 'hit') metrics.record(operationName, 'query', [], seconds);
    },
    countViolation: (partner, rule) => violations.inc({ partner, rule }),
    countFetchCache: (upstream, result) => fetchCache.inc({ upstream, result }),
    fetchCacheIs: (cache) => {
      fetchCacheNow = cache;
    },
    rateLimitIs: (backend) => {
      rateLimit = backend;
    },
    supergraphIs: (sdl) => {
      supergraph.reset();
      supergraph.set({ hash: supergraphHash(sdl) }, 1);
    },
    routes: createRoutes().route('/', metrics.routes).route('/', healthRoutes(readiness)),
  };
}
