/**
 * What the gateway serves beside GraphQL, on its public origin: the open data (`/donnees/`), the
 * registry's admin API (`/-/admin/`), the IDE, the dashboard, `/-/partners`, metrics and health.
 * Handlers are tried in order before the GraphQL endpoint; routes answer GET and HEAD on one path.
 */
import { HeaderMap, type ApolloServer } from '@apollo/server';
import {
  clientAddress,
  createGatewayContext,
  supergraphHash,
  type GatewayContext,
  type GatewayObservability,
  type PartnerStatus,
  type RateLimiter,
  type ResponseCache,
} from '@gouvgraph/gateway-core';
import { REQUEST_ID_HEADER, sendError, type Route } from '@gouvgraph/http';
import { openDataHandler } from '@gouvgraph/open-data';
import { adminApi, type Registry } from '@gouvgraph/registry';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dashboardRoutes } from './dashboard-routes.js';
import { ideRoutes } from './graphiql.js';
import type { GatewayOptions } from './options.js';
import { PARTNER_STATUS_PATH, partnerStatusRoute } from './partner-status-route.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export interface RoutesParts {
  options: GatewayOptions;
  registry: Registry | undefined;
  /** The built dashboard, when it is served. */
  dashboard: { dir: string } | null;
  /** The public graph, which the open data reads in-process. */
  graph: ApolloServer<GatewayContext>;
  partnerStatuses: () => PartnerStatus[];
  observability: GatewayObservability;
  limiter: RateLimiter | null;
  cache: ResponseCache | null;
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
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const wait = await limiter.consume(`ip:${clientAddress(req, trustProxy)}`);
    if (wait === null) return false;
    res.setHeader('retry-after', String(wait));
    sendError(res, 429, 'RATE_LIMITED', `Too many requests: try again in ${wait} s`, { retryAfterSeconds: wait });
    return true;
  };
}

function openData(parts: RoutesParts): Handler {
  const { options, registry, cache, limiter, supergraphSdl } = parts;
  const trustProxy = options.rateLimit?.trustProxy ?? false;
  const startedAt = new Date();
  return openDataHandler({
    ask: askGraph(parts.graph),
    partnersDown: () => parts.partnerStatuses().filter((p) => p.status !== 'up').map((p) => p.id),
    // Without a registry, the graph has one release: the one this gateway serves.
    releases: async () => (registry ? registry.supergraphTimeline() : [{ hash: supergraphHash(supergraphSdl), sdl: supergraphSdl, at: startedAt, kind: 'deploy' as const }]),
    publicUrl: options.publicUrl,
    trustProxy,
    clientOf: (req: IncomingMessage) => clientAddress(req, trustProxy),
    // Feeds kept as long as answers are, and forgotten with them at every write.
    ...(cache ? { feeds: { ttlMs: cache.ttlMs, epoch: () => cache.epoch } } : {}),
    ...(limiter ? { admit: rateLimitedBy(limiter, trustProxy) } : {}),
  });
}

/** The public origin's handlers (tried in order) and routes (by exact path), beside `/graphql`. */
export function publicRoutes(parts: RoutesParts): { handlers: Handler[]; byPath: Record<string, Route> } {
  const { options, registry, dashboard } = parts;
  return {
    handlers: [openData(parts), ...(registry ? [adminApi({ registry, adminToken: options.adminToken })] : [])],
    byPath: {
      ...(options.ide === false ? {} : ideRoutes('/graphql')),
      ...(dashboard ? dashboardRoutes(dashboard.dir) : {}),
      [PARTNER_STATUS_PATH]: partnerStatusRoute(parts.partnerStatuses),
      ...parts.observability.routes,
    },
  };
}
