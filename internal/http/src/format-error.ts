import { unwrapResolverError } from '@apollo/server/errors';
import type { ErrorCode } from '@gouvgraph/schema';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * `formatError` for every GouvGraph server: a deliberate coded `GraphQLError` goes to the client
 * as thrown; a failure of the server's database (`databaseFailure`) is DATABASE_UNAVAILABLE, not
 * a bug; anything else is a bug, logged here and masked as INTERNAL_SERVER_ERROR, so no message
 * of a driver or a stack trace ever reaches a client.
 */
export function maskUnexpectedErrors(
  log: (message: string, error: unknown) => void = defaultLog,
  databaseFailure: (error: unknown) => boolean = () => false,
) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code;
    // @apollo/gateway wraps a subgraph's error as a plain object: that subgraph chose its code.
    const fromSubgraph = !(original instanceof Error);
    const deliberate =
      (original instanceof GraphQLError && typeof original.extensions.code === 'string') ||
      (typeof code === 'string' && (code !== 'INTERNAL_SERVER_ERROR' || fromSubgraph));
    if (deliberate) {
      const { stacktrace: _, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    // Apollo Server refuses some requests with a 4xx and no code (a persisted query whose hash
    // is not its query's): the client's mistake, said as such.
    const status = original instanceof GraphQLError ? (original.extensions.http as { status?: unknown } | undefined)?.status : undefined;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const { stacktrace: _, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...extensions, code: 'BAD_REQUEST' satisfies ErrorCode } };
    }
    // graphql-js's own refusal while executing (a variable null where a directive argument may
    // not be): a GraphQLError it raised itself, wrapping no exception — the request's fault.
    if (original instanceof GraphQLError && original.originalError === undefined) {
      const { stacktrace: _, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...extensions, code: 'BAD_USER_INPUT' satisfies ErrorCode } };
    }
    const database = databaseFailure(original);
    log(database ? 'the database failed while executing an operation' : 'unexpected error while executing an operation', original);
    // Only our words, where the error was: a driver's message may name tables, hosts or values.
    return {
      message: database ? 'The database did not answer: try again' : 'Internal server error',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: (database ? 'DATABASE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR') satisfies ErrorCode },
    };
  };
}

function defaultLog(message: string, error: unknown): void {
  console.error(message, error);
}
