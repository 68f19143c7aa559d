/**
 * Every `extensions.code` the GouvGraph graph returns: one closed, documented list.
 * Codes of GraphQL itself and of @apollo/server keep their usual names.
 */
export const ERROR_CODES = {
  GRAPHQL_PARSE_FAILED: 'The request is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED: 'The operation does not match the schema (unknown field, wrong argument type…).',
  BAD_USER_INPUT: 'An argument or variable has a value the graph refuses (out of range, malformed, unknown).',
  BAD_REQUEST: 'The HTTP request itself is unusable (not JSON, no query, wrong method).',
  PAYLOAD_TOO_LARGE: 'The request body is larger than the configured limit.',
  REQUEST_HEADERS_TOO_LARGE:
    'The request line or headers are larger than the server reads (16 KiB, Node’s limit): a URL or a header too long.',
  QUERY_TOO_COMPLEX:
    'The operation is over a limit (depth, aliases, root fields, directives, tokens, cost or batch size; `extensions.limit` says which): nothing was run.',
  OPERATION_RESOLUTION_FAILURE: 'The named operation is not in the document.',
  PERSISTED_QUERY_NOT_FOUND: 'The persisted query hash is unknown: send the query with its hash once (automatic persisted queries).',
  PERSISTED_QUERY_NOT_IN_LIST: 'The endpoint runs registered operations only (trusted documents), and this one is not registered.',
  NOT_FOUND: 'The object the operation writes to does not exist (or, over HTTP, nothing is served at that path).',
  CONFLICT: 'The write conflicts with existing data (a slug already taken, a phase dated before the current one).',
  IDEMPOTENCY_KEY_REUSED:
    'The `idempotencyKey` was already used, in the last 24 hours, for another write to this incubator (another mutation or other arguments): nothing was written. Use a new key for a new write.',
  UNAUTHENTICATED: 'The operation needs a token (a partner token for writes, the admin token for the registry) and none valid was given.',
  FORBIDDEN: 'The token is valid but may not do this (a partner writing to another partner, a suspended partner publishing).',
  PUBLISH_REFUSED: 'A partner published a subgraph that does not conform to the contract: the graph is unchanged.',
  PUBLISH_UNREACHABLE: 'A partner published a URL where no subgraph answers: the graph is unchanged.',
  REGISTRY_UNAVAILABLE:
    'The registry’s database did not answer (or lost the connection) during an admin call or while checking a partner token: a read changed nothing; a change was made whole or not at all (one transaction), so read it back before retrying. Try again after Retry-After.',
  RATE_LIMITED: 'The caller made more requests than it may per minute: wait as long as Retry-After says.',
  RATE_LIMIT_UNAVAILABLE:
    'The gateway counts requests in Redis, which it cannot reach, and is set to refuse rather than count per replica (`RATE_LIMIT_WHEN_REDIS_DOWN=closed`): try again after Retry-After.',
  EXPORT_BUSY: 'As many open data exports and feeds as the gateway generates at once are being generated: try again after Retry-After.',
  DATABASE_UNAVAILABLE:
    'A subgraph’s database did not answer, or lost its connection, during the request (`extensions.partner` names the partner when it is one): the field has no value. A write was rolled back unless the connection was lost while it committed: sent with an `idempotencyKey`, send it again; otherwise read it back first.',
  UNKNOWN_PARTNER: 'The request names a partner (incubator) the graph does not have.',
  PARTNER_UNAVAILABLE:
    'A partner could not be reached (or its proxy said HTTP 5xx): its part of the result is missing, the rest is complete.',
  PARTNER_TIMEOUT: 'A partner did not answer before its deadline: its part of the result is missing, the rest is complete.',
  PARTNER_INVALID_RESPONSE:
    'A partner answered something that is not a valid answer to what it was asked (`extensions.violation` names the rule it broke): its part is missing, the rest is exact.',
  PARTNER_WRITE_UNCERTAIN:
    'A write was sent to its partner, which did not answer (the connection was lost after the request went out, or the deadline passed): it may have been applied. Sent with an `idempotencyKey` (`extensions.retrySafe` is true), send it again with the same key: it is applied at most once. Otherwise read it back before writing again.',
  PARTNER_CIRCUIT_OPEN: 'A partner failed repeatedly and is not called while it cools down: its part is missing.',
  PARTNER_CONTRACT_OUTDATED:
    'A partner on an older contract version cannot do what the request asks (an argument or input field its version lacks): its part is missing, nothing was sent to it.',
  PARTNER_NON_CONFORMING:
    'A partner failed the gateway’s conformance re-check and the gateway quarantines non-conforming partners: it is not called, its part is missing until it passes again.',
  PARTNER_ERROR: 'A partner subgraph answered with an error that carried no code of its own.',
  SUBGRAPH_UNAVAILABLE:
    'A central subgraph (the catalogue, the impact subgraph) could not be reached, or said HTTP 5xx: its fields are null, `extensions.subgraph` names it.',
  SUBGRAPH_TIMEOUT: 'A central subgraph did not answer in time: its fields are null, `extensions.subgraph` names it.',
  SUBGRAPH_INVALID_RESPONSE: 'A central subgraph answered something that is not a GraphQL answer: its fields are null.',
  GRAPH_UNAVAILABLE: 'What reads the unified graph (the impact subgraph, an open data export or feed) could not get what it needs from it.',
  INTERNAL_SERVER_ERROR: 'A bug: details are in the server logs, never in the response.',
} as const;

/** A code of the closed list. */
export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The codes of a refusal of what the client asked, which the contract documents and a partner's
 * kit writes for people to read (`first` out of range, a slug taken): a partner's error with one
 * of them reaches every client in the partner's words. Any other error of a partner is its own
 * failure, whose words (an exception's message, a stack) the public never reads.
 */
export const USER_FACING_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
]);

/** Whether a value read from elsewhere (a partner's answer, a response) is a code of the list. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

// Every GraphQLError built in the workspace gets its code checked by the compiler: a code
// outside the list (or a plain `string`) does not type-check. Reading is another matter: a
// GraphQLError that @apollo/gateway built from a partner's answer carries the partner's code,
// whatever it is, so code that reads `extensions.code` from errors it did not make narrows it
// with `isErrorCode` rather than trusting this type.
declare module 'graphql' {
  interface GraphQLErrorExtensions {
    /** Why the request failed, from the closed list `ERROR_CODES`. */
    code?: ErrorCode;
  }
}
