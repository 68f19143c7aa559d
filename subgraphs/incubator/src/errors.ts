import type { ErrorCode } from '@gouvgraph/schema';
import { GraphQLError } from 'graphql';

/** A deliberate, coded error: the message is for the client and names what to fix. */
export function codedError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badInput = (message: string, field?: string) =>
  codedError('BAD_USER_INPUT', message, field ? { field } : {});
