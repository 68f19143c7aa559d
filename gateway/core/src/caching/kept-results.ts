/**
 * The fetch cache's top level: a whole plan's result, kept for every caller. Each fetch of a read
 * carries no identity, so its answer is the same whoever asked (fetch-cache.ts); a plan is those
 * fetches, so its result is too — for the operation as planned, i.e. after the authorisation
 * stage took out what the caller may not read (its key is that operation's hash, and the refusals
 * are added back per caller, outside). An agent repeating the government dashboard then costs
 * one parse of the kept result instead of @apollo/gateway's execution and result shaping.
 *
 * Kept on the same terms as a fetch's answer: reads only, whole results only (data, no error),
 * tagged with every upstream the plan read and forgotten with them by a write, aged by the same
 * time-to-live; a result that read partners' health (which changes without any write) is not
 * kept; a new supergraph starts afresh. The text is kept, parsed for each reader: what reads a
 * result fills refused fields into it.
 */
import type { ApolloGateway } from '@apollo/gateway';
import type { GatewayContext } from '../context.js';
import type { Planner } from '../pipeline/stage.js';
import type { FetchCache } from './fetch-cache.js';

type Loaded = Awaited<ReturnType<ApolloGateway['load']>>;
type Executor = Loaded['executor'];
type RequestContext = Parameters<Executor>[0];
type Result = Awaited<ReturnType<Executor>>;

/** The tag of what changes without a write (partners' health, answered by the gateway): a result reading it is not kept. */
export const UNANNOUNCED_CHANGES = 'unannounced';

/** How kept results are counted: `operation` as the upstream of the fetch cache's metric. */
const KEPT_RESULTS = 'operation';

export interface KeptResultsOptions {
  cache: FetchCache;
  /** The endpoint whose planner this wraps (each variant plans its own supergraph). */
  variant: string;
  /** Told whether each read was answered from memory (`hit`) or not. */
  count?: ((upstream: string, result: 'hit' | 'miss') => void) | undefined;
}

/** `planner`, with the results of its reads kept in the fetch cache. */
export function keepingResults(planner: Planner, options: KeptResultsOptions): Planner {
  const { cache, variant, count } = options;
  // A new supergraph may answer the same operation otherwise: its results are kept apart.
  let generation = 0;
  const unsubscribe = planner.onSchemaLoadOrUpdate(() => {
    generation++;
  });
  const execute = async (requestContext: RequestContext, executor: Executor): Promise<Result> => {
    if (requestContext.operation.operation !== 'query') return executor(requestContext);
    const scope = `${variant}\u0000${generation}`;
    const key = `${requestContext.operationName ?? ''}\u0000${requestContext.queryHash}\u0000${JSON.stringify(requestContext.request.variables ?? {})}`;
    const context = requestContext.context as Partial<GatewayContext>;
    const kept = cache.readWithTags(key, scope);
    count?.(KEPT_RESULTS, kept ? 'hit' : 'miss');
    if (kept) {
      if (context.reads) for (const tag of kept.tags) context.reads.add(tag);
      return JSON.parse(kept.text) as Result;
    }
    const ticket = cache.ticket();
    // This execution's reads alone (a batch's operations share one context): the data sources
    // read them from a copy of the context, told apart from the request's.
    const reads = new Set<string>();
    const result = await executor({ ...requestContext, context: { ...context, reads } } as RequestContext);
    if (context.reads) for (const tag of reads) context.reads.add(tag);
    if (result.data && !result.errors?.length && !reads.has(UNANNOUNCED_CHANGES)) {
      cache.keep(key, JSON.stringify(result), [...reads], ticket, scope);
    }
    return result;
  };
  return {
    load: async (loadOptions) => {
      const loaded = await planner.load(loadOptions);
      return { ...loaded, executor: (requestContext) => execute(requestContext, loaded.executor) };
    },
    onSchemaLoadOrUpdate: (callback) => planner.onSchemaLoadOrUpdate(callback),
    stop: async () => {
      unsubscribe();
      await planner.stop();
    },
  };
}
