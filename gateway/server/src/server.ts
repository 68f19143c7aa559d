/**
 * The composition root: builds a GouvGraph gateway from its options. The request path is the
 * core's pipeline (@gouvgraph/gateway-core, pipeline/pipeline.ts); here it is only assembled —
 * the live graph and what keeps it live (the registry), the two endpoints and their variants of
 * the graph, and the routes beside GraphQL (routes.ts). Nothing happens on import; `main.ts`
 * reads the command line and the environment.
 */
import type { ApolloServer } from '@apollo/server';
import {
  byDocumentId,
  CallerResolver,
  composeSupergraph,
  type ConformanceMonitor,
  createRateLimiter,
  DEFAULT_LIMITS,
  gatewayObservability,
  gatewayPipeline,
  HEALTH_SDL,
  HEALTH_SUBGRAPH_NAME,
  HEALTH_URL,
  isEmpty,
  LiveGraph,
  PartnerCallCounter,
  partnerPolicy,
  persistedQueryCache,
  publicVariant,
  readManifest,
  pipelineDoor,
  startPipelineServer,
  subgraphPolicy,
  UpstreamClient,
  usePartnerCallsExtension,
  withoutSecurityFeatures,
  type GatewayContext,
  type PartnerStatus,
  type EndpointDoor,
  type TrustedDocuments,
  type Variant,
} from '@gouvgraph/gateway-core';
import { cachesOf } from './caches.js';
import { warmUp } from './warm-up.js';
import { builtDashboard } from '@gouvgraph/dashboard';
import { createGraphQLHandler, listen, requestLogPlugin, requestUrl, type Listening, type RequestHandler } from '@gouvgraph/http';
import { OPEN_DATA_OPERATIONS } from '@gouvgraph/open-data';
import type { Registry } from '@gouvgraph/registry';
import { contractTypeDefs } from '@gouvgraph/schema';
import { buildASTSchema, Kind, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { GatewayOptions } from './options.js';
import { partnerConformance } from './partner-conformance.js';
import { publicRoutes } from './routes.js';

export type { GatewayOptions, SupergraphConfig } from './options.js';

/** Where the full variant of the graph is served, agent-only fields included. */
export const AGENTS_PATH = '/agents/graphql';
const PUBLIC_PATH = '/graphql';

export interface Gateway {
  supergraphSdl: string;
  /** Whether the dashboard is served at `/` (the IDE is then at `/graphiql` only). */
  servesDashboard: boolean;
  handler: RequestHandler;
  /** Calls made to each partner since start (tests and benchmarks read it). */
  partnerCalls: PartnerCallCounter;
  /** Each partner's health: circuit, last error, latency percentiles, conformance. */
  partnerStatuses(): PartnerStatus[];
  /** The conformance re-checks of live partners, when the gateway runs them. */
  conformance: ConformanceMonitor | null;
  /** Runs once every trusted document that needs no variable, through `url` (this gateway's public endpoint): warm-up.ts. */
  warmUp(url: string): Promise<{ operations: number; ms: number }>;
  stop(): Promise<void>;
}

/** The contract as a plain schema, to know what each root field returns. */
function contractSchema(): GraphQLSchema {
  const definitions = contractTypeDefs.definitions.filter((d) => d.kind !== Kind.SCHEMA_EXTENSION);
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions };
  return buildASTSchema(document, { assumeValidSDL: true });
}

/**
 * The supergraph this deployment serves: composed at start-up (with the contract and the
 * partners' health beside the subgraphs, when partners answer it), or given as is.
 */
async function supergraphOf(options: GatewayOptions, partitioned: boolean): Promise<string> {
  if (options.supergraph.kind === 'sdl') return options.supergraph.sdl;
  const health = partitioned ? [{ name: HEALTH_SUBGRAPH_NAME, url: HEALTH_URL, sdl: HEALTH_SDL }] : [];
  return composeSupergraph({ withContract: partitioned, subgraphs: [...options.supergraph.subgraphs, ...health] });
}

/**
 * Keeps the live graph in step with the registry: partners joining, leaving or suspended, and
 * the supergraph live on the registry (this deployment's, or a rollback made anywhere). Returns
 * the unsubscriptions.
 */
function followRegistry(registry: Registry, live: LiveGraph): (() => void)[] {
  const unsubscribe = [
    registry.onChange((partners) => live.registeredPartners(partners)),
    registry.onSupergraphChange((supergraph) => live.swapSupergraph(supergraph.sdl)),
  ];
  live.registeredPartners(registry.activePartners());
  const current = registry.liveSupergraph()?.sdl;
  if (current !== undefined && current !== live.supergraphSdl) live.swapSupergraph(current);
  return unsubscribe;
}

/** The operations registered as trusted documents: the dashboard's, the open data's, and the operator's. */
function trustedDocumentsOf(options: GatewayOptions, dashboardManifest: string | null): TrustedDocuments {
  const dashboard = dashboardManifest ? readManifest(dashboardManifest) : new Map<string, string>();
  return {
    operations: new Map([...dashboard, ...byDocumentId(OPEN_DATA_OPERATIONS), ...(options.trustedDocuments?.operations ?? [])]),
    only: options.trustedDocuments?.only ?? false,
  };
}

/**
 * The endpoints' variants of the graph. The agents' endpoint plans over the full supergraph;
 * the public one over the public variant (agent-only fields taken out) and answers from memory.
 * Without a registry the supergraph never changes: when nothing in it is restricted, both are
 * the same graph, and one planner (and its memory) serves both paths.
 */
function variantsOf(singlePlanner: boolean): { public: Variant; agents: Variant } {
  const agents: Variant = { path: AGENTS_PATH, schemaOf: withoutSecurityFeatures, answersFromMemory: false };
  const open: Variant = singlePlanner
    ? { ...agents, path: PUBLIC_PATH, answersFromMemory: true }
    : { path: PUBLIC_PATH, schemaOf: (sdl) => withoutSecurityFeatures(publicVariant(sdl)), answersFromMemory: true };
  return { public: open, agents };
}

/** Builds a ready gateway (supergraph composed, Apollo Servers started). */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const registry = options.registry;
  const fixed = options.partners ?? [];
  // Partners answer the contract subgraph; without any (and no registry to bring them) the gateway is a plain Federation 2 gateway.
  const partitioned = fixed.length > 0 || registry !== undefined;
  const supergraphSdl = await supergraphOf(options, partitioned);
  // With a registry, this deployment's supergraph becomes the live one for every replica.
  if (registry) await registry.deploySupergraph(supergraphSdl, { kind: 'gateway' });
  const live = new LiveGraph(fixed, supergraphSdl);
  const unsubscribe = registry ? followRegistry(registry, live) : [];

  const partnerCalls = new PartnerCallCounter();
  const observability = gatewayObservability({ partnerStatuses: () => partnerStatuses(), registry });
  const caches = cachesOf(options, observability, registry, options.logger);
  unsubscribe.push(...caches.unsubscribe);
  const { writes, response: cache } = caches;
  const client = new UpstreamClient(
    partnerPolicy({
      timeoutMs: options.partnerTimeoutMs,
      retries: options.partnerRetries,
      circuit: options.circuit,
      deduplicate: options.deduplicateRequests,
      maxResponseBytes: options.partnerMaxResponseBytes,
    }),
    {
      calls: partnerCalls,
      observe: observability.observePartnerCall,
      cache: caches.fetch ?? undefined,
      countCache: observability.countFetchCache,
      violated: (partner, { rule, detail }) => {
        observability.countViolation(partner, rule);
        options.logger?.warn({ partner, violation: rule, detail }, 'partner answer refused: it breaks the contract');
      },
      withheld: (partner, error) =>
        options.logger?.info(
          { partner, code: error.extensions?.code, message: error.message, path: error.path },
          'partner error withheld from a public caller',
        ),
    },
  );
  const conformance = partnerConformance(options, {
    live,
    observability,
    logger: options.logger,
    forget: () => writes.forgetAll(),
  });
  const partnerStatuses = () => conformance.withConformance(client.statuses(live.partners));
  // One transport for both variants: their identical reads in flight share one answer too.
  const selfContained = new Set(options.selfContainedSubgraphs ?? []);
  const transport = new UpstreamClient(subgraphPolicy({ timeoutMs: options.subgraphTimeoutMs, deduplicate: options.deduplicateRequests }), {
    observe: observability.observeSubgraphCall,
    cache: caches.fetch ?? undefined,
    countCache: observability.countFetchCache,
    selfContained: (name) => selfContained.has(name),
  });
  observability.supergraphIs(live.supergraphSdl);
  unsubscribe.push(
    // Another supergraph: the same requests may mean something else.
    live.onSupergraph((sdl) => {
      writes.forgetAll();
      observability.supergraphIs(sdl);
    }),
  );

  const dashboard = options.dashboard === false ? null : builtDashboard();
  const trustedDocuments = trustedDocumentsOf(options, dashboard?.manifest ?? null);
  const limiter = options.rateLimit
    ? await createRateLimiter({
        ...options.rateLimit,
        onRedisChange: (up) =>
          up
            ? options.logger?.info('rate limits counted in Redis, shared by every replica')
            : options.logger?.warn(
                { whenRedisDown: options.rateLimit?.whenRedisDown ?? 'memory' },
                options.rateLimit?.whenRedisDown === 'closed'
                  ? 'Redis unreachable: every request is refused (RATE_LIMIT_UNAVAILABLE) until it answers'
                  : "Redis unreachable: rate limits counted in this replica's memory, per replica, until it answers",
              ),
      })
    : null;
  observability.rateLimitIs(() => limiter?.backend() ?? null);
  const parts = {
    live,
    contract: partitioned ? contractSchema() : null,
    resolver: new CallerResolver(registry, options.agents),
    limiter,
    trustProxy: options.rateLimit?.trustProxy ?? false,
    identityKey: options.identityKey,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    maxBodyBytes: options.maxBodyBytes,
    trustedDocuments,
    persistedQueries: persistedQueryCache(trustedDocuments),
    cache,
    writes,
    fetchCache: caches.fetch,
    countFetchCache: observability.countFetchCache,
    client,
    transport,
    writesNeedToken: registry !== undefined,
    verifyAnswers: options.verifyPartnerAnswers ?? true,
    partnerStatuses,
    quarantined: conformance.quarantined,
  };
  const serverOptions = {
    observers: [
      usePartnerCallsExtension(options.exposePartnerCalls),
      observability.metrics.plugin<GatewayContext>(),
      ...(options.logger ? [requestLogPlugin<GatewayContext>(options.logger)] : []),
    ],
    introspection: options.introspection ?? true,
  };
  const onePlanner = !registry && isEmpty(live.policies);
  const variants = variantsOf(onePlanner);
  const stages = { public: gatewayPipeline(parts, variants.public), agents: gatewayPipeline(parts, variants.agents) };
  const agentsServer = await startPipelineServer(stages.agents, serverOptions);
  const publicServer = onePlanner ? agentsServer : await startPipelineServer(stages.public, serverOptions);

  const endpoint = (server: ApolloServer<GatewayContext>, path: string, door: EndpointDoor) => ({
    server,
    path,
    ...door,
    ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    refused: observability.metrics.refused,
  });
  const publicDoor = pipelineDoor(stages.public);
  const routes = publicRoutes({
    options,
    registry,
    dashboard,
    graph: publicServer,
    partnerStatuses,
    observability,
    limiter,
    cache,
    writes,
    supergraphSdl,
  });
  const publicHandler = createGraphQLHandler({
    ...endpoint(publicServer, PUBLIC_PATH, publicDoor),
    routes,
  });
  const agentsHandler = createGraphQLHandler(endpoint(agentsServer, AGENTS_PATH, pipelineDoor(stages.agents)));
  const handler: RequestHandler = (req, res) => (requestUrl(req)?.pathname === AGENTS_PATH ? agentsHandler : publicHandler)(req, res);
  return {
    supergraphSdl,
    servesDashboard: dashboard !== null,
    handler,
    partnerCalls,
    partnerStatuses,
    conformance: conformance.monitor,
    warmUp: async (url) => {
      const done = await warmUp(url, trustedDocuments.operations, options.logger);
      writes.forgetAll();
      return done;
    },
    stop: async () => {
      conformance.monitor?.stop();
      unsubscribe.forEach((u) => u());
      await Promise.all([agentsServer.stop(), ...(publicServer === agentsServer ? [] : [publicServer.stop()])]);
      await limiter?.close();
      await client.close();
      await transport.close();
    },
  };
}

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
  if (options.warmUp) await gateway.warmUp(`${http.origin}${PUBLIC_PATH}`);
  return {
    ...gateway,
    url: `${http.origin}${PUBLIC_PATH}`,
    agentsUrl: `${http.origin}${AGENTS_PATH}`,
    origin: http.origin,
    http,
    stop: async () => {
      await http.close();
      await gateway.stop();
    },
  };
}
