import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { maskUnexpectedErrors } from './format-error.js';
import { codeLimitErrors, limitRules, runnableOperationPlugin, SUBGRAPH_LIMITS } from './operation-limits.js';
import { createGraphQLHandler, type RequestHandler } from './graphql-handler.js';
import { healthRoutes, type Readiness } from './health.js';
import { createMetrics, type Metrics } from './metrics.js';
import { requestLogPlugin, type Logger } from './request-log.js';
import { createRoutes, type Routes } from './routes.js';

/** `/metrics` (when measured), `/healthz` and `/readyz`. */
function observabilityRoutes(metrics: Metrics | null, readiness: () => Promise<Readiness>): Routes {
  const routes = createRoutes();
  if (metrics) routes.route('/', metrics.routes);
  return routes.route('/', healthRoutes(readiness));
}

export interface SubgraphServerOptions<TContext extends BaseContext> {
  typeDefs: DocumentNode;
  /** Resolvers typed per field by each subgraph; buildSubgraphSchema takes the loose map. */
  resolvers: object;
  context: (req: IncomingMessage) => Promise<TContext>;
  /** Largest request body in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Operations' view of it: `/metrics` (Prometheus, labelled with `service`), `/healthz` and
   * `/readyz` (its checks, a database reachable for instance). Default none.
   */
  observability?: { service: string; knownCodes: ReadonlySet<string>; readiness?: () => Promise<Readiness>; logger?: Logger | undefined };
  /** Tells the subgraph's database failing from a bug: answered DATABASE_UNAVAILABLE, not masked. */
  databaseFailure?: (error: unknown) => boolean;
}

export interface SubgraphServer {
  schema: GraphQLSchema;
  handler: RequestHandler;
  stop(): Promise<void>;
}

/**
 * A started Federation 2 subgraph with the settings every GouvGraph subgraph shares: no stack
 * traces, unexpected errors masked, the process owning its lifecycle (several servers may
 * share one process), and no inline traces (ftv1 describes one upstream per fetch; the gateway
 * fans out, so they would lie).
 */
export async function createSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<SubgraphServer> {
  const schema = buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as never });
  const mask = maskUnexpectedErrors(undefined, options.databaseFailure);
  const observed = options.observability;
  const metrics = observed ? createMetrics({ service: observed.service, knownCodes: observed.knownCodes }) : null;
  const apollo = new ApolloServer<TContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    // Limits here too: a client that skips the gateway must not be able to exhaust a subgraph.
    validationRules: limitRules(SUBGRAPH_LIMITS),
    parseOptions: { maxTokens: SUBGRAPH_LIMITS.tokens },
    formatError: (formatted, error) => codeLimitErrors(mask(formatted, error), SUBGRAPH_LIMITS.tokens),
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      runnableOperationPlugin(),
      ...(metrics ? [metrics.plugin<TContext>()] : []),
      ...(observed?.logger ? [requestLogPlugin<TContext>(observed.logger)] : []),
    ],
  });
  await apollo.start();
  const handler = createGraphQLHandler({
    server: apollo,
    context: options.context,
    ...(observed?.logger ? { logger: observed.logger } : {}),
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(observed ? { routes: observabilityRoutes(metrics, observed.readiness ?? (async () => ({ checks: [] }))) } : {}),
  });
  return { schema, handler, stop: () => apollo.stop() };
}
