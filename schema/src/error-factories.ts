/**
 * Building the errors of the closed list: one factory, typed per code, so that a code that names
 * a partner cannot be raised without it, and an extension nobody documented cannot be added.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ErrorCode } from './errors.js';
import type { Violation } from './violations.js';

/** A limit's name, as `extensions.limit` of QUERY_TOO_COMPLEX says it. */
export type LimitName = 'depth' | 'aliases' | 'rootFields' | 'directives' | 'tokens' | 'cost' | 'batch';

/** No extension beside the code (an object literal with one more is an excess property). */
type Nothing = Record<never, never>;
/** The argument or input field a refusal is about, when there is one. */
type Field = { field?: string };
/** Where a refused operation came from. */
type ByPartner = { partner: string };
type BySubgraph = { subgraph: string };

/**
 * The extensions each code carries beside `code`: what a client may read (and what the error
 * table in docs/errors.md lists). A field is required where every emit site knows it.
 */
export interface ErrorExtras {
  GRAPHQL_PARSE_FAILED: Nothing;
  GRAPHQL_VALIDATION_FAILED: Nothing;
  BAD_USER_INPUT: Field;
  BAD_REQUEST: Nothing;
  PAYLOAD_TOO_LARGE: Nothing;
  REQUEST_HEADERS_TOO_LARGE: Nothing;
  QUERY_TOO_COMPLEX: { limit: LimitName; max: number; found?: number };
  OPERATION_RESOLUTION_FAILURE: Nothing;
  PERSISTED_QUERY_NOT_FOUND: Nothing;
  PERSISTED_QUERY_NOT_IN_LIST: Nothing;
  NOT_FOUND: Nothing;
  CONFLICT: Nothing;
  IDEMPOTENCY_KEY_REUSED: Field;
  UNAUTHENTICATED: Field & { partner?: string };
  FORBIDDEN: Field & { partner?: string };
  PUBLISH_REFUSED: { details?: string[] };
  PUBLISH_UNREACHABLE: { details?: string[] };
  REGISTRY_UNAVAILABLE: Nothing;
  RATE_LIMITED: { retryAfterSeconds: number };
  RATE_LIMIT_UNAVAILABLE: Nothing;
  EXPORT_BUSY: Nothing;
  DATABASE_UNAVAILABLE: Nothing;
  UNKNOWN_PARTNER: Nothing;
  PARTNER_UNAVAILABLE: ByPartner;
  PARTNER_TIMEOUT: ByPartner;
  PARTNER_INVALID_RESPONSE: ByPartner & { violation?: Violation };
  PARTNER_NON_CONFORMING: ByPartner & { violation: Violation };
  PARTNER_WRITE_UNCERTAIN: ByPartner & { retrySafe: boolean };
  PARTNER_CIRCUIT_OPEN: ByPartner;
  PARTNER_CONTRACT_OUTDATED: ByPartner & { contractVersion: string };
  PARTNER_ERROR: ByPartner & Field;
  SUBGRAPH_UNAVAILABLE: BySubgraph;
  SUBGRAPH_TIMEOUT: BySubgraph;
  SUBGRAPH_INVALID_RESPONSE: BySubgraph;
  GRAPH_UNAVAILABLE: Nothing;
  INTERNAL_SERVER_ERROR: Nothing;
}

/**
 * Apollo Server reads `extensions.http` for the response's status and removes it before the error
 * is sent: a transport detail any error thrown before execution may carry, never seen by clients.
 */
export interface TransportExtras {
  http?: { status: number };
}

/** The extras argument of a factory for `C`: optional when every extra of `C` is. */
export type ErrorExtrasArg<C extends ErrorCode> = Nothing extends ErrorExtras[C]
  ? [extras?: ErrorExtras[C] & TransportExtras]
  : [extras: ErrorExtras[C] & TransportExtras];

/** A deliberate error: `extensions` is `{ code, ...extras }`, the message says what to fix. */
export function codedError<C extends ErrorCode>(code: C, message: string, ...[extras]: ErrorExtrasArg<C>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extras } });
}

/**
 * The same error as a plain object (what a data source returns, or an HTTP handler sends in
 * `{ errors: [...] }`), with the response path it concerns when there is one.
 */
export function codedFormattedError<C extends ErrorCode>(
  code: C,
  message: string,
  extras: ErrorExtras[C] & TransportExtras,
  path?: readonly (string | number)[],
): GraphQLFormattedError {
  return { message, ...(path ? { path: [...path] } : {}), extensions: { code, ...extras } };
}
