/**
 * What every call upstream sends and how undici says it failed: the request headers (the
 * request's id and, on a write, the caller's signed identity), the deadline errors, and the
 * request id a data source reads from the gateway's context.
 */
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { IDENTITY_HEADER, REQUEST_ID_HEADER } from '@gouvgraph/http';
import { withTraceHeaders } from '@gouvgraph/telemetry';
import { isRecord } from './answer.js';

const UPSTREAM_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json',
  accept: 'application/graphql-response+json, application/json',
};

/**
 * The headers of one call, with `traceparent` when tracing. Most reads carry neither a request id
 * nor an identity: they send the one shared object, built once.
 */
export function upstreamHeaders(requestId: string | undefined, identity: string | undefined): Record<string, string> {
  if (requestId === undefined && identity === undefined) return withTraceHeaders(UPSTREAM_HEADERS);
  const headers: Record<string, string> = { ...UPSTREAM_HEADERS };
  if (identity !== undefined) headers[IDENTITY_HEADER] = identity;
  if (requestId !== undefined) headers[REQUEST_ID_HEADER] = requestId;
  return withTraceHeaders(headers);
}

/** Whether an undici error is a deadline that passed (connecting, waiting for headers, or for the body). */
export function timedOut(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
}

/** The request's id from the gateway's context (GatewayContext.requestId), passed on for upstreams' logs. */
export function requestIdOf(options: GraphQLDataSourceProcessOptions): string | undefined {
  const context: unknown = options.context;
  return isRecord(context) && typeof context.requestId === 'string' ? context.requestId : undefined;
}
