/**
 * Builds the impact subgraph. It has no database: a startup's history arrives with the entity
 * (@requires), and the programme's numbers are read from the graph at `graphUrl`.
 */
import { createSubgraphServer, serve, type Logger, type Served, type SubgraphServer } from '@gouvgraph/http';
import { codedError, DateScalar, ERROR_CODES } from '@gouvgraph/schema';
import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { programmeImpact, startupImpact, type History } from './compute.js';
import { readTally } from './graph-client.js';

export const impactSdl = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');

export interface ImpactSubgraphOptions {
  /** The gateway's GraphQL endpoint, read when the programme's numbers are asked (it may start later). */
  graphUrl: () => string | undefined;
  /** Today, `YYYY-MM-DD` (tests fix it). Default: the current UTC date. */
  today?: () => string;
  /** Where each request's log line goes (pino). Default: no request log. */
  logger?: Logger;
}

/** A built impact subgraph, ready to be served. */
export type ImpactSubgraph = SubgraphServer;

export async function createImpactSubgraph(options: ImpactSubgraphOptions): Promise<ImpactSubgraph> {
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const resolvers = {
    Date: DateScalar,
    Query: {
      programmeImpact: async (_: unknown, args: { incubator?: string | null }) => {
        const url = options.graphUrl();
        if (!url) throw codedError('GRAPH_UNAVAILABLE', 'The impact subgraph does not know the graph to measure');
        let read;
        try {
          read = await readTally(url, args.incubator ?? null);
        } catch (error) {
          throw codedError('GRAPH_UNAVAILABLE', `The impact subgraph could not read the graph: ${(error as Error).message}`);
        }
        return { ...programmeImpact(read.rows), missingPartners: read.missingPartners };
      },
    },
    Startup: {
      // The gateway sends the history with the reference (@requires): nothing to look up.
      __resolveReference: (ref: { id: string } & History) => ref,
      impact: (startup: History) => startupImpact(startup, today()),
    },
  };
  return createSubgraphServer({
    typeDefs: parse(impactSdl),
    resolvers,
    context: async () => ({}),
    // It keeps nothing: ready once it knows the graph it measures.
    observability: {
      service: 'impact',
      knownCodes: new Set(Object.keys(ERROR_CODES)),
      logger: options.logger,
      readiness: async () => ({
        checks: [
          { name: 'graph', ok: Boolean(options.graphUrl()), ...(options.graphUrl() ? {} : { detail: 'GRAPH_URL is not known yet' }) },
        ],
      }),
    },
  });
}

export type RunningImpactSubgraph = Served<ImpactSubgraph>;

/** Builds the impact subgraph and listens (port 0 = any free port). `stop()` closes both. */
export async function startImpactSubgraph(
  options: ImpactSubgraphOptions & { port?: number; host?: string },
): Promise<RunningImpactSubgraph> {
  return serve(await createImpactSubgraph(options), options.port, options.host);
}
