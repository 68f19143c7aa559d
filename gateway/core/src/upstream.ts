/**
 * What both ways the gateway calls upstream share — the partner client (partners) and the
 * subgraph data source (central subgraphs): the request headers, how undici says a deadline
 * passed, and the request id a data source reads from the gateway's context.
 */
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';

export const UPSTREAM_HEADERS = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' } as const;

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether an undici error is a deadline that passed (connecting, waiting for headers, or for the body). */
export function timedOut(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
}

/** The request's id from the gateway's context (GatewayContext.requestId), passed on for partners' logs. */
export function requestIdOf(options: GraphQLDataSourceProcessOptions): string | undefined {
  const context: unknown = options.context;
  return isRecord(context) && typeof context.requestId === 'string' ? context.requestId : undefined;
}
