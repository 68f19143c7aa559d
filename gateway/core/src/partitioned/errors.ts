import { codedFormattedError, type ErrorCode } from '@gouvgraph/schema';
import { isGatewayMade } from '../upstream/answer.js';
import type { GraphQLFormattedError } from 'graphql';

export type Path = readonly (string | number)[];

/**
 * A partner's error as the gateway passes it on: its message and code (PARTNER_ERROR when it
 * had none), the partner's name, the field it blamed, the extensions the gateway documents for
 * its own codes (`violation`, `retrySafe`, `contractVersion`), and the path given — nothing
 * else, so a partner in development mode cannot leak a stack trace through the graph.
 */
/**
 * The extensions the gateway documents for the errors it makes about a partner call: the rule a
 * refused answer broke, whether a lost write may be sent again, the version an outdated partner has.
 */
const GATEWAY_EXTENSIONS = ['violation', 'retrySafe', 'contractVersion'] as const;

export function partnerError(error: GraphQLFormattedError, partnerId: string, path?: Path): GraphQLFormattedError {
  const ext = error.extensions ?? {};
  const fallback: ErrorCode = 'PARTNER_ERROR';
  // The partner chose its code, and the graph keeps it (a partner kit sends codes of the list; a
  // partner's own server may send others, passed on rather than hidden).
  const code = typeof ext.code === 'string' ? ext.code : fallback;
  // What the gateway itself said of the call (never a partner's say-so), as it built it.
  const ours = isGatewayMade(error) ? GATEWAY_EXTENSIONS.filter((k) => ext[k] !== undefined).map((k) => [k, ext[k]]) : [];
  return {
    message: error.message,
    ...(path ? { path: [...path] } : error.path ? { path: [...error.path] } : {}),
    extensions: {
      code,
      partner: partnerId,
      ...Object.fromEntries(ours),
      ...(typeof ext.field === 'string' ? { field: ext.field } : {}),
    },
  };
}

/** The error for a request that names a partner the graph does not have. */
export function unknownPartnerError(message: string, path?: Path): GraphQLFormattedError {
  return codedFormattedError('UNKNOWN_PARTNER', message, {}, path);
}
