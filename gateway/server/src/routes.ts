/**
 * What the gateway serves beside GraphQL, on its public origin: the open data (`/donnees/`), the
 * registry's admin API (`/-/admin/`), the IDE, the dashboard, `/-/partners`, metrics and health.
 * They are Hono routes (the GraphQL endpoint itself is served by hand: the benchmark measures it).
 */
import { HeaderMap, type ApolloServer } from '@apollo/server';
import {
  clientAddress,
  refusedByRate,
  createGatewayContext,
  supergraphHash,
  type GatewayContext,
  type GatewayObservability,
  type PartnerStatus,
  type RateLimiter,
  type ResponseCache,
} from '@gouvgraph/gateway-core';
import { createRoutes, REQUEST_ID_HEADER, type Routes } from '@gouvgraph/http';
import { openDataRoutes, type PageAssets } from '@gouvgraph/open-data';
import { adminApi, type Registry } from '@gouvgraph/registry';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dashboardRoutes } from './dashboard-routes.js';
import { ideRoutes } from './graphiql.js';
import type { GatewayOptions } from './options.js';
import { partnerStatusRoute } from './partner-status-route.js';

export interface RoutesParts {
  options: GatewayOptions;
  registry: Registry | undefined;
  /** The built dashboard, when it is served, and the styles and script the open data pages take from it. */
  dashboard: { dir: string; pageAssets: PageAssets | null } | null;
  /** The public graph, which the open data reads in-process. */
  graph: ApolloServer<GatewayContext>;
  partnerStatuses: () => PartnerStatus[];
  observability: GatewayObservability;
  limiter: RateLimiter | null;
  cache: ResponseCache | null;
  /** Changes whenever a write went through any gateway of the registry (caching/writes.ts). */
  writes: { readonly epoch: number };
  /** This deployment's supergraph: without a registry, the graph's one release. */
  supergraphSdl: string;
}

/**
 * The open data reads the public graph in-process, as an anonymous caller; each page's log line
 * (and each partner's) carries the id of the export it belongs to.
 */
function askGraph(graph: ApolloServer<GatewayContext>) {
  return async (query: string, variables: Record<string, unknown>, requestId: string) => {
    const context = createGatewayContext();
    context.requestId = requestId;
    const http = { method: 'POST', headers: new HeaderMap([[REQUEST_ID_HEADER, requestId]]), search: '', body: undefined };
    const response = await graph.executeOperation({ query, variables, http }, { contextValue: context });
    if (response.body.kind !== 'single') throw new Error('the open data reads single answers');
    return response.body.singleResult;
  };
}

/** Each export or feed counts as one request of the caller's address. */
function rateLimitedBy(limiter: RateLimiter, trustProxy: boolean) {
  return (req: IncomingMessage, res: ServerResponse): Promise<boolean> =>
    refusedByRate(limiter, `ip:${clientAddress(req, trustProxy)}`, res);
}

function openData(parts: RoutesParts): Routes {
  const { options, registry, cache, writes, limiter, supergraphSdl } = parts;
  const trustProxy = options.rateLimit?.trustProxy ?? false;
  const startedAt = new Date();
  return openDataRoutes({
    ask: askGraph(parts.graph),
    partnersDown: () =>
      parts
        .partnerStatuses()
        .filter((p) => p.status !== 'up')
        .map((p) => p.id),
    // Without a registry, the graph has one release: the one this gateway serves.
    releases: async () =>
      registry
        ? registry.supergraphTimeline()
        : [{ hash: supergraphHash(supergraphSdl), sdl: supergraphSdl, at: startedAt, kind: 'deploy' as const }],
    publicUrl: options.publicUrl,
    trustProxy,
    clientOf: (req: IncomingMessage) => clientAddress(req, trustProxy),
    // Feeds kept as long as answers are, and forgotten with them at every write; the page's
    // measure of the files redone at every write.
    ...(cache ? { feeds: { ttlMs: cache.ttlMs, epoch: () => writes.epoch }, epoch: () => writes.epoch } : {}),
    pageAssets: parts.dashboard?.pageAssets ?? null,
    ...(limiter ? { admit: rateLimitedBy(limiter, trustProxy) } : {}),
  });
}

/** The public origin's routes beside `/graphql`, as one router; the first that matches a path answers it. */
export function publicRoutes(parts: RoutesParts): Routes {
  const { options, registry, dashboard } = parts;
  // The dashboard's routes before the IDE's: the first at `/` answers it.
  return createRoutes()
    .route('/', openData(parts))
    .route('/', registry ? adminApi({ registry, adminToken: options.adminToken }) : createRoutes())
    .route('/', dashboard ? dashboardRoutes(dashboard.dir) : createRoutes())
    .route('/', options.ide === false ? createRoutes() : ideRoutes('/graphql'))
    .route(
      '/',
      partnerStatusRoute(
        parts.partnerStatuses,
        options.partnerUrlsPublic === false ? { kind: 'admin', adminToken: options.adminToken } : { kind: 'everyone' },
      ),
    )
    .route('/', parts.observability.routes);
}
