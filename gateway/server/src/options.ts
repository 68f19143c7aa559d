/**
 * Everything a gateway can be told, each with its default: the composition root (server.ts)
 * builds the gateway from these alone; `config.ts` reads them from flags and the environment.
 */
import type { KeyObject } from 'node:crypto';
import type {
  CircuitOptions,
  ConformanceMonitorOptions,
  NonConformingPolicy,
  Partner,
  PartnerCallsExposure,
  QueryLimits,
  RateLimitOptions,
  FetchCacheOptions,
  ResponseCacheOptions,
  SubgraphSource,
  TrustedDocuments,
  AgentTokens,
} from '@gouvgraph/gateway-core';
import type { Logger } from '@gouvgraph/http';
import type { Registry } from '@gouvgraph/registry';

/** Where the supergraph comes from: composed at start-up, or a supergraph SDL given as is. */
export type SupergraphConfig = { kind: 'compose'; subgraphs: readonly SubgraphSource[] } | { kind: 'sdl'; sdl: string };

export interface GatewayOptions {
  supergraph: SupergraphConfig;
  /**
   * The partners behind the `incubators` contract subgraph. With partners and `compose`, the
   * contract is composed in; without partners the gateway is a plain Federation 2 gateway.
   */
  partners?: readonly Partner[];
  /** How long a partner may take before its part of an answer is given up. Default 2 s. */
  partnerTimeoutMs?: number;
  /**
   * Whether every partner answer is checked against the contract's rules before it is merged
   * (docs/errors.md, "Partner answers"). Default true; not a setting: only `pnpm bench` turns it
   * off, to measure what the checks cost.
   */
  verifyPartnerAnswers?: boolean;
  /** The largest answer read from a partner, cut off while it streams in. Default: the contract's largest legal page. */
  partnerMaxResponseBytes?: number;
  /** How long a central subgraph (catalogue, impact) may take. Default 15 s. */
  subgraphTimeoutMs?: number;
  /** Extra attempts for a read that could not reach a partner. Default 1. */
  partnerRetries?: number;
  /** When a partner's circuit opens, and how long it stays open. */
  circuit?: CircuitOptions;
  /**
   * Re-check live partners against the contract (gateway-core's conformance-monitor.ts): each at
   * most once per `intervalMs` unless its URL or SDL changed, one at a time, on a bounded sample.
   * Default: off; the gateway process reads `PARTNER_RECHECK_INTERVAL_MS` (10 min). `now`,
   * `schedule`, `random`: a test's clock, timer and jitter.
   */
  partnerRecheck?: Pick<ConformanceMonitorOptions, 'intervalMs' | 'roundMs' | 'now' | 'schedule' | 'random'>;
  /** A partner found non-conforming is shown (`flag`, the default), or also not called (`quarantine`). */
  nonConformingPartners?: NonConformingPolicy;
  /** Whether responses tell how many partner calls they made. Default `on-header`. */
  exposePartnerCalls?: PartnerCallsExposure;
  /**
   * The partner registry: partners it holds are routed to as they join, leave or are
   * suspended, with no restart; writes then need the owning partner's token; and the admin API
   * is served under `/-/admin/`.
   */
  registry?: Registry;
  /** The administrators' token for the admin API. */
  adminToken?: string;
  /**
   * Whether `/-/partners` shows partners' (internal) addresses to anyone. Default true; production
   * (`NODE_ENV=production`) shows them only to a request with the admin token.
   */
  partnerUrlsPublic?: boolean;
  /** Largest request body in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Serve the GraphQL IDE at `/` and `/graphiql`. Default true. */
  ide?: boolean;
  /**
   * Share one answer between identical reads in flight to the same subgraph or partner
   * (concurrent clients asking the same thing). Default true.
   */
  deduplicateRequests?: boolean;
  /**
   * Anonymous reads of the public graph answered from memory (response-cache.ts): forgotten on
   * every write through the gateway, at most `ttlMs` old otherwise. Default on, 5 s; `false` turns it off.
   */
  responseCache?: ResponseCacheOptions | false;
  /**
   * Partners' and central subgraphs' answers to reads kept for every caller — public, agents,
   * partners — (gateway-core's caching/fetch-cache.ts): a write forgets what its upstream answered,
   * at most `ttlMs` old otherwise. Default on, 5 s; `false` turns it off.
   */
  fetchCache?: FetchCacheOptions | false;
  /**
   * The central subgraphs whose answers rest on their own data alone (the catalogue): a write to
   * a partner leaves them cached. Any other central subgraph is taken to read the graph itself, as
   * the impact subgraph does, and its kept answers are forgotten after any write. Default none.
   */
  selfContainedSubgraphs?: readonly string[];
  /**
   * What a write forgets: what rests on the upstream written to (`per-upstream`, the default), or
   * everything. Not a setting: only `pnpm bench` asks for `everything`, to measure the difference.
   */
  cacheInvalidation?: 'per-upstream' | 'everything';
  /** Where each request's log line goes (pino). Default: no request log. */
  logger?: Logger;
  /** Limits on operations (depth, aliases, cost…); each defaults as in limits/limits.ts. */
  limits?: Partial<QueryLimits>;
  /**
   * Answer introspection queries (the IDE needs them). Default true; production turns it off,
   * and with it the field suggestions of validation errors ("Did you mean…"), which leak the schema.
   */
  introspection?: boolean;
  /** Origins whose pages may call the graph from a browser (CORS). Default none. */
  corsOrigins?: readonly string[];
  /** Requests per minute per caller, counted in memory or in Redis. Default: no limit. */
  rateLimit?: RateLimitOptions;
  /** Agents' identity provider (OpenID Connect JWTs, as ProConnect issues). Default: none, partner tokens only. */
  agents?: AgentTokens;
  /** Registered operations (central dashboards), and whether only they may run. Default: none, anything runs. */
  trustedDocuments?: TrustedDocuments;
  /**
   * Serve the government dashboard at `/` (the IDE then at `/graphiql`), its operations registered
   * as trusted documents. Default true, when it is built (`pnpm --filter @gouvgraph/dashboard build`).
   */
  dashboard?: boolean;
  /**
   * Run once, when it starts listening, every trusted document that needs no variable (the
   * dashboard's landing page among them), so the first visitor finds them planned and the
   * partners' connections open; the answers are not kept. Default false.
   */
  warmUp?: boolean;
  /** Where the public reaches this gateway (`https://…`, no trailing slash), for the feeds' absolute links. Default: the request's Host. */
  publicUrl?: string;
  /**
   * The Ed25519 private key the gateway signs a caller's identity with, on each write it
   * forwards to a partner (the `gouvgraph-identity` header); partners' kits hold its public key.
   * Default: none, no header is sent.
   */
  identityKey?: KeyObject;
}
