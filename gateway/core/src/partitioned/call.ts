/**
 * One fetch the planner sent to the partitioned subgraph, as the rest of the data source reads
 * it: the operation, its variables, and what the gateway's context says of the caller.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { isRecord } from '../upstream/answer.js';
import { PartnerCallCounter } from '../upstream/calls.js';
import { requestIdOf } from '../upstream/request.js';
import type { ParsedFetch, Variables } from './document.js';

/** What a data source returns to the gateway (its package does not export the name). */
export type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** One fetch being answered: its operation, variables (defaults applied) and the request's call trace. */
export interface Call {
  fetch: ParsedFetch;
  variables: Variables;
  trace: PartnerCallCounter | undefined;
  /** The partner whose token the request carries, if any. */
  partnerId: string | null;
  /** Whether an authenticated agent is calling. */
  agent: boolean;
  /** Signs the caller's identity for one write (to a partner, with a body). */
  signFor: ((audience: string, body: string) => string) | undefined;
  /** The request's id, passed on to partners for their logs. */
  requestId: string | undefined;
  /** Where the upstreams read are noted, when an answer may be kept (caching/freshness.ts). */
  reads: Set<string> | undefined;
}

/** The call for a fetch, with what the gateway put in its context. */
export function callOf(options: GraphQLDataSourceProcessOptions, fetch: ParsedFetch, variables: Variables): Call {
  return {
    fetch,
    variables,
    trace: traceOf(options),
    partnerId: identityOf(options),
    agent: isAgent(options),
    signFor: signerOf(options),
    requestId: requestIdOf(options),
    reads: readsOf(options),
  };
}

/** Where the request notes what it read, when its answer may be kept (GatewayContext.reads). */
export function readsOf(options: GraphQLDataSourceProcessOptions): Set<string> | undefined {
  const context: unknown = options.context;
  return isRecord(context) && context.reads instanceof Set ? (context.reads as Set<string>) : undefined;
}

function isAgent(options: GraphQLDataSourceProcessOptions): boolean {
  const context: unknown = options.context;
  return isRecord(context) && isRecord(context.caller) && context.caller.kind === 'agent';
}

/** The identity signer the gateway put in its context, when it has an identity key. */
function signerOf(options: GraphQLDataSourceProcessOptions): ((audience: string, body: string) => string) | undefined {
  const context: unknown = options.context;
  return isRecord(context) && typeof context.signFor === 'function'
    ? (context.signFor as (audience: string, body: string) => string)
    : undefined;
}

/** The partner identity the gateway put in its context, when there is one. */
function identityOf(options: GraphQLDataSourceProcessOptions): string | null {
  const context: unknown = options.context;
  return isRecord(context) && typeof context.partnerId === 'string' ? context.partnerId : null;
}

/** The per-request call counter the gateway puts in its context, when there is one. */
function traceOf(options: GraphQLDataSourceProcessOptions): PartnerCallCounter | undefined {
  const context: unknown = options.context;
  const trace = isRecord(context) ? context.partnerCalls : undefined;
  return trace instanceof PartnerCallCounter ? trace : undefined;
}
