/**
 * Telling a database that failed from a bug: what the registry's admin API answers with a coded
 * 503, and what the processes survive (the connection pool reconnects) rather than die of.
 */

/** postgres.js's codes for a connection that failed, was closed, or was cut from the server side. */
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
]);

/**
 * Whether an error is the database failing rather than a bug: a lost or refused connection, or
 * Postgres saying so (SQLSTATE class 08, connection exception; 57P, the server shutting the
 * session down or terminating it; 53, out of resources).
 */
export function isDatabaseFailure(error: unknown): boolean {
  // drizzle wraps the driver's error (DrizzleQueryError): the cause says what happened.
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || /^(08|57P|53)/.test(code))) return true;
  }
  return false;
}

/**
 * Whether an exception was thrown inside the Postgres client's connection code: postgres.js
 * 3.4 can throw from a timer on a connection the server has just terminated ("Cannot read
 * properties of null (reading 'write')" in `nextWrite`). That connection is gone and the pool
 * opens another: nothing of the process's own state is broken.
 */
function isDatabaseClientFault(error: unknown): boolean {
  const stack = (error as { stack?: unknown } | null)?.stack;
  return typeof stack === 'string' && /[\\/]postgres[\\/]src[\\/]connection\.js/.test(stack);
}

/** Either of the above: the database, not the code, is at fault (a request's error is DATABASE_UNAVAILABLE, a process survives it). */
export function isDatabaseFault(error: unknown): boolean {
  return isDatabaseFailure(error) || isDatabaseClientFault(error);
}
