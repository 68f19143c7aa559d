/**
 * Every setting the gateway reads from its command line and environment, typed, with its default
 * and description: config.ts reads them (and checks the rules that tie them together), and
 * docs/operations.md's configuration reference is generated from here.
 */
import type { DatabaseConfig } from '@gouvgraph/db';
import { ConfigError, readIdentityPrivateKey, setting } from '@gouvgraph/http';
import type { KeyObject } from 'node:crypto';
import { DEFAULT_LIMITS, type QueryLimits } from '@gouvgraph/gateway-core';
import { largestLegalPageBytes } from '@gouvgraph/schema';

/** `name=http(s)://…`, the error naming `flag` (the variable carries the same list). */
const namedUrl = (flag: string) => (entry: string) => {
  const eq = entry.indexOf('=');
  const name = entry.slice(0, eq);
  const url = entry.slice(eq + 1);
  if (eq <= 0 || !/^https?:\/\//.test(url)) throw new ConfigError(`${flag} must be name=http(s)://…; got "${entry}"`);
  return { name, url };
};

function registryDatabase(value: string): DatabaseConfig {
  if (value === 'pglite') return { kind: 'pglite' };
  if (!/^postgres(ql)?:\/\//.test(value)) throw new ConfigError(`--registry must be a postgres:// URL or "pglite"; got "${value}"`);
  return { kind: 'postgres', url: value };
}

function identityKey(value: string): KeyObject {
  try {
    return readIdentityPrivateKey(value);
  } catch (error) {
    throw new ConfigError(
      `GOUVGRAPH_IDENTITY_KEY must be an Ed25519 private key, PEM or base64 DER (\`pnpm gouvgraph identity-keys\` makes a pair): ${(error as Error).message}`,
    );
  }
}

function origin(value: string): string {
  if (value !== '*' && !/^https?:\/\/[^/]+$/.test(value))
    throw new ConfigError(`CORS_ORIGINS: "${value}" is not an origin (scheme://host[:port], no path)`);
  return value;
}

/** An operation limit of limits.ts: its default there; at least 1, except where 0 means "refuse". */
const limit = (env: string, name: keyof QueryLimits, description: string, min = 1) =>
  setting.integer({ env, min, default: DEFAULT_LIMITS[name], description });

export const GATEWAY_SETTINGS = {
  partners: setting.list({
    env: 'GOUVGRAPH_PARTNERS',
    flag: 'partner',
    itemType: '`id=url` (`id@1.0=url`: a partner on an earlier contract version)',
    item: namedUrl('--partner'),
    description: 'the partners behind the contract, each at its subgraph URL',
  }),
  subgraphs: setting.list({
    env: 'GOUVGRAPH_SUBGRAPHS',
    flag: 'subgraph',
    itemType: '`name=url`',
    item: namedUrl('--subgraph'),
    description: 'ordinary Federation 2 subgraphs composed beside them (the catalogue, impact)',
  }),
  supergraph: setting.string({
    env: 'GOUVGRAPH_SUPERGRAPH',
    flag: 'supergraph',
    type: 'path',
    description: 'serve this supergraph SDL file instead of composing one (excludes `--subgraph`)',
  }),
  port: setting.port({ env: 'PORT', flag: 'port', default: 4000, description: 'the port it listens on' }),
  host: setting.string({
    env: 'HOST',
    flag: 'host',
    type: 'address',
    default: '127.0.0.1',
    description: 'the address it listens on (`0.0.0.0`: every interface)',
  }),
  registry: setting.custom({
    env: 'REGISTRY_DATABASE_URL',
    flag: 'registry',
    type: '`postgres://…` or `pglite`',
    parse: registryDatabase,
    description: 'run the partner registry in this database: partners join while the gateway runs, and replicas on one database share it',
  }),
  adminToken: setting.string({
    env: 'GOUVGRAPH_ADMIN_TOKEN',
    type: 'secret',
    description: "the registry's admin token (`/-/admin/`, the `gouvgraph` command line); without it only partners act, on themselves",
  }),
  partnerTimeoutMs: setting.duration({
    env: 'PARTNER_TIMEOUT_MS',
    default: 2_000,
    description: 'how long a partner may take before its part of the answer is given up (`PARTNER_TIMEOUT`)',
  }),
  partnerRetries: setting.integer({
    env: 'PARTNER_RETRIES',
    max: 5,
    default: 1,
    description: 'extra attempts for a read that could not reach a partner (writes are never retried)',
  }),
  partnerMaxResponseBytes: setting.integer({
    env: 'PARTNER_MAX_RESPONSE_BYTES',
    min: 1_024,
    default: largestLegalPageBytes(),
    description:
      "the largest answer read from a partner, cut off while it streams in (`PARTNER_INVALID_RESPONSE`, violation `SIZE`); the default is the contract's largest legal page: 100 startups with every text and list at its bound",
  }),
  subgraphTimeoutMs: setting.duration({
    env: 'SUBGRAPH_TIMEOUT_MS',
    default: 15_000,
    description: 'how long a central subgraph (catalogue, impact) may take (`SUBGRAPH_TIMEOUT`)',
  }),
  responseCacheTtlMs: setting.duration({
    env: 'RESPONSE_CACHE_TTL_MS',
    default: 5_000,
    description:
      'how long an anonymous public answer is served from memory, the staleness bound for writes made directly at a partner (`0`: no cache)',
  }),
  responseCacheMaxMb: setting.integer({
    env: 'RESPONSE_CACHE_MAX_MB',
    default: 64,
    description: 'memory the cached answers may take, in MiB (oldest forgotten first)',
  }),
  fetchCacheTtlMs: setting.duration({
    env: 'FETCH_CACHE_TTL_MS',
    default: 5_000,
    description:
      "how long partners' and central subgraphs' answers to reads are kept for every caller (public, agents, partners); a write through any gateway forgets what its upstream answered at once; the staleness bound for writes made directly at a partner (`0`: no cache)",
  }),
  fetchCacheMaxMb: setting.integer({
    env: 'FETCH_CACHE_MAX_MB',
    default: 64,
    description: "memory the fetch cache's kept answers may take, in MiB (oldest forgotten first)",
  }),
  selfContainedSubgraphs: setting.list({
    env: 'SELF_CONTAINED_SUBGRAPHS',
    itemType: 'subgraph names',
    item: (name: string) => name,
    description:
      "central subgraphs whose answers rest on their own data alone (the catalogue): a partner's write leaves their kept answers; any other (the impact subgraph, which reads the graph) is forgotten after every write",
  }),
  circuitFailureThreshold: setting.integer({
    env: 'CIRCUIT_FAILURE_THRESHOLD',
    default: 5,
    description: "consecutive failures that open a partner's circuit",
  }),
  circuitCooldownMs: setting.duration({
    env: 'CIRCUIT_COOLDOWN_MS',
    default: 10_000,
    description: 'how long an open circuit refuses calls before one probe',
  }),
  partnerRecheckIntervalMs: setting.duration({
    env: 'PARTNER_RECHECK_INTERVAL_MS',
    default: 600_000,
    description:
      'the least time between two conformance re-checks of a live partner (sooner when its URL or SDL changes; one partner at a time, at most 21 small requests each, rounds every minute at most, jittered) (`0`: no re-checks)',
  }),
  nonConformingPartners: setting.oneOf({
    env: 'PARTNER_NONCONFORMING',
    values: ['flag', 'quarantine'],
    default: 'flag',
    description:
      'a partner that fails its re-check is shown non-conforming (`flag`), or also not called, its part missing with `PARTNER_NON_CONFORMING` until it passes again (`quarantine`)',
  }),
  exposePartnerCalls: setting.oneOf({
    env: 'GOUVGRAPH_EXPOSE_PARTNER_CALLS',
    values: ['never', 'on-header', 'always'],
    default: 'on-header',
    description: 'when answers carry their partner calls in `extensions.gouvgraph` (`on-header`: with `gouvgraph-debug: partner-calls`)',
  }),
  nodeEnv: setting.string({ env: 'NODE_ENV', description: '`production`: introspection, field suggestions and the IDE off unless asked' }),
  introspection: setting.boolean({
    env: 'GOUVGRAPH_INTROSPECTION',
    defaultText: 'on (off when `NODE_ENV=production`)',
    description: 'answer introspection queries',
  }),
  ide: setting.boolean({
    env: 'GOUVGRAPH_IDE',
    defaultText: 'as `GOUVGRAPH_INTROSPECTION`',
    description: 'serve the GraphQL IDE (at `/graphiql` beside the dashboard, else at `/`)',
  }),
  dashboard: setting.boolean({
    env: 'GOUVGRAPH_DASHBOARD',
    default: true,
    description: 'serve the dashboard at `/` when it is built, its operations as trusted documents',
  }),
  publicUrl: setting.url({
    env: 'GOUVGRAPH_PUBLIC_URL',
    schemes: ['http', 'https'],
    defaultText: 'from the request (`Host`)',
    description: 'where the public reaches the gateway, e.g. `https://gouvgraph.beta.gouv.fr`: the absolute links of the open data feeds',
  }),
  identityKey: setting.custom({
    env: 'GOUVGRAPH_IDENTITY_KEY',
    type: 'Ed25519 private key, PEM or base64 DER',
    parse: identityKey,
    description:
      "signs each write's identity for the partner written to (`pnpm gouvgraph identity-keys` makes a pair; kits get the public half)",
  }),
  oidcIssuer: setting.string({
    env: 'OIDC_ISSUER',
    type: 'URL',
    description: "accept agents' JWTs from this OpenID Connect issuer (`OIDC_*`: all three, or none)",
  }),
  oidcAudience: setting.string({ env: 'OIDC_AUDIENCE', description: "the audience agents' JWTs must name" }),
  oidcJwksUrl: setting.url({
    env: 'OIDC_JWKS_URL',
    schemes: ['http', 'https'],
    expected: 'an http(s) URL',
    description: "where the issuer's signing keys are (JWKS)",
  }),
  corsOrigins: setting.list({
    env: 'CORS_ORIGINS',
    itemType: 'origins (`https://host[:port]`), or `*`',
    item: origin,
    description: 'origins whose pages may call the graph (none by default)',
  }),
  rateLimitPerMinute: setting.integer({
    env: 'RATE_LIMIT_PER_MINUTE',
    default: 1_200,
    description: 'requests per caller and minute, then HTTP 429 `RATE_LIMITED` (`0`: no limit)',
  }),
  redisUrl: setting.url({
    env: 'REDIS_URL',
    schemes: ['redis', 'rediss'],
    expected: 'redis://host:port',
    description: 'count rate limits in this Redis, shared by every replica (in memory otherwise)',
  }),
  rateLimitWhenRedisDown: setting.oneOf({
    env: 'RATE_LIMIT_WHEN_REDIS_DOWN',
    values: ['memory', 'closed'],
    default: 'memory',
    description:
      "while `REDIS_URL` is unreachable: count in each replica's memory (`memory`: N replicas let a caller through N times), or refuse every request with 503 `RATE_LIMIT_UNAVAILABLE` (`closed`); a log line at each switch, `gouvgraph_rate_limit_backend_up`, `/readyz`",
  }),
  trustProxy: setting.boolean({
    env: 'TRUST_PROXY',
    default: false,
    description: 'take the client address from the last `X-Forwarded-For` entry (behind a load balancer)',
  }),
  trustedDocuments: setting.string({
    env: 'TRUSTED_DOCUMENTS',
    type: 'path',
    description: 'a persisted query manifest: registered operations, sent by id',
  }),
  trustedDocumentsOnly: setting.boolean({
    env: 'TRUSTED_DOCUMENTS_ONLY',
    default: false,
    description: 'run registered operations only (`PERSISTED_QUERY_NOT_IN_LIST` otherwise)',
  }),
  maxDepth: limit('MAX_DEPTH', 'depth', 'depth of selections, fragments counted where spread'),
  maxAliases: limit('MAX_ALIASES', 'aliases', 'aliases per operation'),
  maxRootFields: limit('MAX_ROOT_FIELDS', 'rootFields', 'root fields per operation'),
  maxDirectives: limit('MAX_DIRECTIVES', 'directives', 'directives per operation'),
  maxTokens: limit('MAX_TOKENS', 'tokens', 'lexical tokens per document'),
  maxCost: limit('MAX_COST', 'cost', 'estimated cost per operation (rows fetched and partner calls, lists and fan-out multiplied in)'),
  maxBatch: limit('MAX_BATCH', 'batch', 'operations per batched request (`0`: batches refused)', 0),
};
