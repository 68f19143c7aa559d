/**
 * Builds the GouvGraph gateway: @apollo/gateway over a supergraph whose `incubators` subgraph
 * is answered by the partitioned data source, every other subgraph as stock @apollo/gateway
 * would. Nothing happens on import; `main.ts` reads the command line and the environment.
 */
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { createGraphQLHandler, createRoutes, listen, maskUnexpectedErrors, requestUrl, signIdentity, type Listening, type RequestHandler } from '@gouvgraph/http';
import { CONTRACT_SUBGRAPH_NAME, contractTypeDefs, DEFAULT_PAGE_SIZE } from '@gouvgraph/schema';
import { buildASTSchema, Kind, type DocumentNode } from 'graphql';
import { ideRoutes } from './graphiql.js';
import { dashboardRoutes } from './dashboard-routes.js';
import { builtDashboard } from '@gouvgraph/dashboard';
import type { KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CostModel } from '@gouvgraph/gateway-core';
import { codeLimitErrors, limitRules, REQUEST_ID_HEADER, requestIdOf, requestLogPlugin, runnableOperationPlugin, sendError, type Logger } from '@gouvgraph/http';
import { costLimitPlugin } from '@gouvgraph/gateway-core';
import { DEFAULT_LIMITS, type QueryLimits } from '@gouvgraph/gateway-core';
import { PartitionedDataSource } from '@gouvgraph/gateway-core';
import { quota } from '@gouvgraph/gateway-core';
import { isSharedEntity, queryFieldFanOut } from '@gouvgraph/gateway-core';
import { createGatewayContext, type GatewayContext } from '@gouvgraph/gateway-core';
import { adminApi } from '@gouvgraph/registry';
import type { Registry } from '@gouvgraph/registry';
import { PartnerCallCounter, PartnerClient, type Partner } from '@gouvgraph/gateway-core';
import type { CircuitOptions, PartnerStatus } from '@gouvgraph/gateway-core';
import { partnerStatusRoute } from './partner-status-route.js';
import { usePartnerCallsExtension, type PartnerCallsExposure } from '@gouvgraph/gateway-core';
import { AuthorizingGateway } from '@gouvgraph/gateway-core';
import { isEmpty, policiesOf } from '@gouvgraph/gateway-core';
import { publicVariant, withoutSecurityFeatures } from '@gouvgraph/gateway-core';
import { admissionHandler } from '@gouvgraph/gateway-core';
import { ANONYMOUS, CallerResolver, type AgentTokens } from '@gouvgraph/gateway-core';
import { clientAddress, createRateLimiter, type RateLimitOptions } from '@gouvgraph/gateway-core';
import { SubgraphDataSource, SubgraphTransport } from '@gouvgraph/gateway-core';
import { HEALTH_SDL, HEALTH_SUBGRAPH_NAME, HEALTH_URL, healthDataSource } from '@gouvgraph/gateway-core';
import { ResponseCache, type ResponseCacheOptions } from '@gouvgraph/gateway-core';
import { gatewayObservability } from '@gouvgraph/gateway-core';
import { byDocumentId, persistedQueryCache, readManifest, trustedDocumentsPlugin, type TrustedDocuments } from '@gouvgraph/gateway-core';
import { composeSupergraph, supergraphHash, type SubgraphSource } from '@gouvgraph/gateway-core';
import { openDataRoutes, OPEN_DATA_OPERATIONS } from '@gouvgraph/open-data';

/** Where the supergraph comes from: composed at start-up, or a supergraph SDL given as is. */
export type SupergraphConfig =
  | { kind: 'compose'; subgraphs: readonly SubgraphSource[] }
  | { kind: 'sdl'; sdl: string };

export interface GatewayOptions {
  supergraph: SupergraphConfig;
  /**
   * The partners behind the `incubators` contract subgraph. With partners and `compose`, the
   * contract is composed in; without partners the gateway is a plain Federation 2 gateway.
   */
  partners?: readonly Partner[];
  /** How long a partner may take before its part of an answer is given up. Default 2 s. */
  partnerTimeoutMs?: number;
  /** How long a central subgraph (catalogue, impact) may take. Default 15 s. */
  subgraphTimeoutMs?: number;
  /** Extra attempts for a read that could not reach a partner. Default 1. */
  partnerRetries?: number;
  /** When a partner's circuit opens, and how long it stays open. */
  circuit?: CircuitOptions;
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
  /** Where the public reaches this gateway (`https://…`, no trailing slash), for the feeds' absolute links. Default: the request's Host. */
  publicUrl?: string;
  /**
   * The Ed25519 private key the gateway signs a caller's identity with, on each write it
   * forwards to a partner (the `gouvgraph-identity` header); partners' kits hold its public key.
   * Default: none, no header is sent.
   */
  identityKey?: KeyObject;
}

export interface Gateway {
  supergraphSdl: string;
  /** Whether the dashboard is served at `/` (the IDE is then at `/graphiql` only). */
  servesDashboard: boolean;
  handler: RequestHandler;
  /** Calls made to each partner since start (tests and benchmarks read it). */
  partnerCalls: PartnerCallCounter;
  /** Each partner's health: circuit, last error, latency percentiles. */
  partnerStatuses(): PartnerStatus[];
  stop(): Promise<void>;
}

/** The contract as a plain schema, to know what each root field returns. */
function contractSchema() {
  const definitions = contractTypeDefs.definitions.filter((d) => d.kind !== Kind.SCHEMA_EXTENSION);
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions };
  return buildASTSchema(document, { assumeValidSDL: true });
}

/** Builds a ready gateway (supergraph composed, Apollo Server started). */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const byId = (a: Partner, b: Partner) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const fixed = [...(options.partners ?? [])].sort(byId);
  const registry = options.registry;
  // With a registry the list changes while the gateway runs: rebuilt on each change, read per request.
  let partners: readonly Partner[] = fixed;
  const rebuild = (registered: readonly Partner[]) => {
    const ids = new Set(fixed.map((p) => p.id));
    partners = [...fixed, ...registered.filter((p) => !ids.has(p.id))].sort(byId);
  };
  const unsubscribe = registry?.onChange(rebuild);
  if (registry) rebuild(registry.activePartners());
  const partitioned = partners.length > 0 || registry !== undefined;
  const supergraphSdl =
    options.supergraph.kind === 'sdl'
      ? options.supergraph.sdl
      : await composeSupergraph({
          withContract: partitioned,
          // Partners' health, answered by the gateway itself, beside the contract.
          subgraphs: [...options.supergraph.subgraphs, ...(partitioned ? [{ name: HEALTH_SUBGRAPH_NAME, url: HEALTH_URL, sdl: HEALTH_SDL }] : [])],
        });

  // Metrics and health; partnerStatuses is read only when they are asked for.
  const observability = gatewayObservability({ partnerStatuses: () => partnerStatuses(), registry });
  const partnerCalls = new PartnerCallCounter();
  const client = new PartnerClient({
    calls: partnerCalls,
    observe: observability.observePartnerCall,
    ...(options.partnerTimeoutMs !== undefined ? { timeoutMs: options.partnerTimeoutMs } : {}),
    ...(options.partnerRetries !== undefined ? { retries: options.partnerRetries } : {}),
    ...(options.circuit ? { circuit: options.circuit } : {}),
    deduplicate: options.deduplicateRequests ?? true,
  });
  const partnerStatuses = () => client.statuses(partners);
  const contract = contractSchema();
  // The cost estimate knows which root fields fan out to partners, and to how many.
  const contractQueries = new Set(Object.keys(contract.getQueryType()?.getFields() ?? {}));
  const contractMutations = new Set(Object.keys(contract.getMutationType()?.getFields() ?? {}));
  const costModel: CostModel = {
    fanOut: (field, variables) => {
      if (!partitioned) return { partners: 0 };
      if (contractMutations.has(field.name.value)) return { partners: 1 };
      return contractQueries.has(field.name.value) ? queryFieldFanOut(field, variables, partners.length) : { partners: 0 };
    },
    share: quota,
    sharedTypes: new Set(partitioned ? ['Organisation'].filter(isSharedEntity) : []),
    partners: () => partners.length,
    defaultPageSize: DEFAULT_PAGE_SIZE,
  };
  // With a registry, the live supergraph is the registry's: this deployment's becomes live, and
  // a rollback (or another deployment) made anywhere is swapped in here without a restart.
  let swap: ((sdl: string) => void) | undefined;
  let unsubscribeSupergraph: (() => void) | undefined;
  if (registry) {
    await registry.deploySupergraph(supergraphSdl, { kind: 'gateway' });
    unsubscribeSupergraph = registry.onSupergraphChange((live) => swap?.(live.sdl));
  }
  // @apollo/gateway otherwise reports usage metrics to Apollo and probes cloud metadata servers
  // (169.254.169.254…) on every start: a government gateway sends nothing anywhere unasked.
  // An operator who wants it sets APOLLO_TELEMETRY_DISABLED=false.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const limits: QueryLimits = { ...DEFAULT_LIMITS, ...options.limits };
  // One transport for both variants: their identical reads in flight share one answer too.
  const transport = new SubgraphTransport({
    deduplicate: options.deduplicateRequests ?? true,
    ...(options.subgraphTimeoutMs !== undefined ? { timeoutMs: options.subgraphTimeoutMs } : {}),
  });
  const mask = maskUnexpectedErrors();
  const cacheOptions = options.responseCache === false ? { ttlMs: 0 } : (options.responseCache ?? {});
  const cache =
    (cacheOptions.ttlMs ?? 1) > 0
      ? new ResponseCache({
          ...cacheOptions,
          count: observability.countCache,
          ...(registry ? { announceWrite: () => registry.announceWrite().catch(() => {}) } : {}),
        })
      : null;
  // A write through another gateway on the registry, a partner joining or leaving, another supergraph: forget.
  const unsubscribeWrites = cache && registry ? [registry.onWrite(() => cache.invalidate()), registry.onChange(() => cache.invalidate())] : [];
  // The authorisation directives of the live supergraph, enforced by the gateway (authorization/).
  let policies = policiesOf(registry?.liveSupergraph()?.sdl ?? supergraphSdl);
  // The dashboard's operations are trusted documents, beside any the operator registered.
  const dashboard = options.dashboard === false ? null : builtDashboard();
  const dashboardOperations = dashboard ? readManifest(dashboard.manifest) : new Map<string, string>();
  // So are the open data's: the exports and feeds read the graph like any client.
  const openDataOperations = byDocumentId(OPEN_DATA_OPERATIONS);
  const trustedDocuments: TrustedDocuments = {
    operations: new Map([...dashboardOperations, ...openDataOperations, ...(options.trustedDocuments?.operations ?? [])]),
    only: options.trustedDocuments?.only ?? false,
  };
  const persistedQueries = persistedQueryCache(trustedDocuments);
  /**
   * One Apollo Server over one variant of the supergraph: the full one, or the public one
   * (variant.ts). Both enforce the authorisation directives and share the partners' client.
   */
  const serveVariant = async (variantOf: (sdl: string) => string) => {
    let update: ((sdl: string) => void) | undefined;
    const gateway = new ApolloGateway({
      supergraphSdl: async ({ update: swapIn }) => {
        update = (sdl) => swapIn(variantOf(sdl));
        return { supergraphSdl: variantOf(registry?.liveSupergraph()?.sdl ?? supergraphSdl) };
      },
      buildService: ({ name, url }) => {
        if (partitioned && name === CONTRACT_SUBGRAPH_NAME) {
          return new PartitionedDataSource({ contract, client, partners: () => partners, writesNeedToken: registry !== undefined, writes: cache ?? undefined });
        }
        if (url === HEALTH_URL) return healthDataSource(partnerStatuses);
        return new SubgraphDataSource(name, url ?? '', transport, cache ?? undefined);
      },
    });
    const server = new ApolloServer<GatewayContext>({
      gateway: new AuthorizingGateway(gateway, () => policies),
      plugins: [
        usePartnerCallsExtension(options.exposePartnerCalls),
        runnableOperationPlugin(),
        observability.metrics.plugin<GatewayContext>(),
        ...(options.logger ? [requestLogPlugin<GatewayContext>(options.logger)] : []),
        ...(cache ? [cache.plugin<GatewayContext>()] : []),
        costLimitPlugin(limits.cost, () => costModel),
        // It refuses only with `only`: otherwise not a step of every request.
        ...(trustedDocuments.only ? [trustedDocumentsPlugin<GatewayContext>(trustedDocuments)] : []),
      ],
      persistedQueries: { cache: persistedQueries },
      validationRules: limitRules(limits),
      parseOptions: { maxTokens: limits.tokens },
      allowBatchedHttpRequests: limits.batch > 1,
      includeStacktraceInErrorResponses: false,
      // The process owns its lifecycle (several servers can share one process).
      stopOnTerminationSignals: false,
      formatError: (formatted, error) => codeLimitErrors(mask(formatted, error), limits.tokens),
      introspection: options.introspection ?? true,
      hideSchemaDetailsFromClientErrors: options.introspection === false,
    });
    await server.start();
    return { server, swap: (sdl: string) => update?.(sdl) };
  };
  const full = await serveVariant(withoutSecurityFeatures);
  // Without a registry the supergraph never changes: when nothing in it is restricted, the public
  // variant is the full one, and one planner (and its memory) serves both paths.
  const initial = registry?.liveSupergraph()?.sdl ?? supergraphSdl;
  const open = !registry && isEmpty(policiesOf(initial)) ? full : await serveVariant((sdl) => withoutSecurityFeatures(publicVariant(sdl)));
  observability.supergraphIs(initial);
  swap = (sdl) => {
    cache?.invalidate();
    observability.supergraphIs(sdl);
    policies = policiesOf(sdl);
    full.swap(sdl);
    if (open !== full) open.swap(sdl);
  };
  const limiter = options.rateLimit ? await createRateLimiter(options.rateLimit) : null;
  const resolver = new CallerResolver(registry, options.agents);
  const identityKey = options.identityKey;
  const context = async (req: IncomingMessage) => {
    // Admission (below) already refused a bad token: what is left is a caller.
    const caller = await resolver.resolve(req).catch(() => ANONYMOUS);
    const context = createGatewayContext(caller, identityKey ? (audience, body) => signIdentity(caller, identityKey, { audience, body }) : undefined);
    context.cacheTicket = cache?.ticketOf(req);
    context.requestId = requestIdOf(req);
    return context;
  };
  const common = {
    context,
    ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    maxBatch: limits.batch,
    ...(options.logger ? { logger: options.logger } : {}),
  };
  const admission = (path: string) => admissionHandler({ path, resolver, limiter, trustProxy: options.rateLimit?.trustProxy });
  // The open data reads the public graph in-process, as an anonymous caller; each page's log
  // line (and each partner's) carries the id of the export it belongs to.
  const ask = async (query: string, variables: Record<string, unknown>, requestId: string) => {
    const context = createGatewayContext();
    context.requestId = requestId;
    const http = { method: 'POST', headers: new HeaderMap([[REQUEST_ID_HEADER, requestId]]), search: '', body: undefined };
    const response = await open.server.executeOperation({ query, variables, http }, { contextValue: context });
    if (response.body.kind !== 'single') throw new Error('the open data reads single answers');
    return response.body.singleResult;
  };
  const startedAt = new Date();
  const trustProxy = options.rateLimit?.trustProxy ?? false;
  const openData = openDataRoutes({
    ask,
    partnersDown: () => partnerStatuses().filter((p) => p.status !== 'up').map((p) => p.id),
    // Without a registry, the graph has one release: the one this gateway serves.
    releases: async () => (registry ? registry.supergraphTimeline() : [{ hash: supergraphHash(supergraphSdl), sdl: supergraphSdl, at: startedAt, kind: 'deploy' as const }]),
    publicUrl: options.publicUrl,
    trustProxy,
    clientOf: (req: IncomingMessage) => clientAddress(req, trustProxy),
    // Feeds kept as long as answers are, and forgotten with them at every write.
    ...(cache ? { feeds: { ttlMs: cache.ttlMs, epoch: () => cache.epoch } } : {}),
    // Each export or feed counts as one request of the caller's address.
    ...(limiter
      ? {
          admit: async (req: IncomingMessage, res: ServerResponse) => {
            const wait = await limiter.consume(`ip:${clientAddress(req, trustProxy)}`);
            if (wait === null) return false;
            res.setHeader('retry-after', String(wait));
            sendError(res, 429, 'RATE_LIMITED', `Too many requests: try again in ${wait} s`, { retryAfterSeconds: wait });
            return true;
          },
        }
      : {}),
  });
  const publicHandler = createGraphQLHandler({
    ...common,
    server: open.server,
    ...(cache ? { cache } : {}),
    handlers: [admission('/graphql')],
    // The dashboard's routes before the IDE's: the first at `/` answers it.
    routes: createRoutes()
      .route('/', openData)
      .route('/', registry ? adminApi({ registry, adminToken: options.adminToken }) : createRoutes())
      .route('/', dashboard ? dashboardRoutes(dashboard.dir) : createRoutes())
      .route('/', options.ide === false ? createRoutes() : ideRoutes('/graphql'))
      .route('/', partnerStatusRoute(partnerStatuses))
      .route('/', observability.routes),
  });
  const agentsHandler = createGraphQLHandler({ ...common, server: full.server, path: AGENTS_PATH, handlers: [admission(AGENTS_PATH)] });
  const handler: RequestHandler = (req, res) => (requestUrl(req)?.pathname === AGENTS_PATH ? agentsHandler : publicHandler)(req, res);
  return {
    supergraphSdl,
    servesDashboard: dashboard !== null,
    handler,
    partnerCalls,
    partnerStatuses,
    stop: async () => {
      unsubscribe?.();
      unsubscribeSupergraph?.();
      unsubscribeWrites.forEach((u) => u());
      await Promise.all([full.server.stop(), ...(open === full ? [] : [open.server.stop()])]);
      await limiter?.close();
      await client.close();
      await transport.close();
    },
  };
}

/** Where the full variant of the graph is served, agent-only fields included. */
export const AGENTS_PATH = '/agents/graphql';

export interface RunningGateway extends Gateway {
  /** The GraphQL endpoint, `http://host:port/graphql`: the public variant. */
  url: string;
  /** The full variant, `http://host:port/agents/graphql`: agent-only fields too (for the callers allowed them). */
  agentsUrl: string;
  /** `http://host:port`: the IDE is at its root. */
  origin: string;
  http: Listening;
}

/** Builds the gateway and listens (port 0 = any free port). `stop()` closes both. */
export async function startGateway(options: GatewayOptions & { port?: number; host?: string }): Promise<RunningGateway> {
  const gateway = await createGateway(options);
  const http = await listen(gateway.handler, options.port ?? 0, options.host);
  return {
    ...gateway,
    url: `${http.origin}/graphql`,
    agentsUrl: `${http.origin}${AGENTS_PATH}`,
    origin: http.origin,
    http,
    stop: async () => {
      await http.close();
      await gateway.stop();
    },
  };
}
