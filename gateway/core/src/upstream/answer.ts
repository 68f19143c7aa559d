/**
 * What counts as a GraphQL answer from an upstream, partner or central subgraph alike: the one
 * check both kinds' answers pass before anything reads them.
 */
import type { GraphQLFormattedError } from 'graphql';

/** Whether a value is a plain JSON object (not null, not a list). */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A parsed answer that passed answerProblem(). */
export interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
}

/**
 * Why a parsed body is not a GraphQL response, or null when it is one. Hand-written rather than a
 * schema library's parse: it runs on every upstream answer, on the benchmark's hot path, and reads
 * only the top level and the errors, never the data (the partitioned data source checks the data
 * against the contract where it knows what it asked; the executor does for central subgraphs).
 */
export function answerProblem(body: unknown): string | null {
  if (!isRecord(body)) return 'the body is not a JSON object';
  if (!('data' in body) && !('errors' in body)) return 'the body has neither data nor errors';
  if ('data' in body && body.data !== null && !isRecord(body.data)) return '`data` is not an object';
  if ('errors' in body) {
    if (!Array.isArray(body.errors)) return '`errors` is not a list';
    for (const error of body.errors) {
      if (!isRecord(error) || typeof error.message !== 'string') return 'an error has no message';
      if (
        'path' in error &&
        error.path !== undefined &&
        (!Array.isArray(error.path) || !error.path.every((p) => typeof p === 'string' || typeof p === 'number'))
      ) {
        return 'an error path is not a list of names and indexes';
      }
      if ('extensions' in error && error.extensions !== undefined && !isRecord(error.extensions))
        return 'error extensions are not an object';
    }
  }
  return null;
}

/** The body parsed, or undefined when it is not JSON. */
export function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The errors the gateway itself wrote about an upstream (it could not be reached, its answer broke
 * a rule…), told apart from the errors an upstream wrote: only the latter are the upstream's words,
 * which the public never reads unfiltered (partitioned/sender.ts). By identity, not by content: an
 * upstream can copy any code or message, never the gateway's objects.
 */
const gatewayErrors = new WeakSet<object>();

/** Marks an error as the gateway's own words. */
export function gatewayMade<E extends GraphQLFormattedError>(error: E): E {
  gatewayErrors.add(error);
  return error;
}

/** Whether an error is the gateway's own words (gatewayMade), not an upstream's. */
export function isGatewayMade(error: GraphQLFormattedError): boolean {
  return gatewayErrors.has(error);
}
