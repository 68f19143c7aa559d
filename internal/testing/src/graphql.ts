/** A minimal GraphQL-over-HTTP client for tests: what a real client sends, nothing mocked. */
import { isErrorCode } from '@gouvgraph/schema';
import type { GraphQLFormattedError } from 'graphql';

export interface GraphQLResult<TData = Record<string, unknown>> {
  status: number;
  data?: TData | null;
  errors?: GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
}

/**
 * Throws when an error of `body` (a GraphQL answer, or `{ errors }` from a refusal over HTTP)
 * carries an `extensions.code` outside ERROR_CODES, or a code that is not a string: every code a
 * test observes is one a client can look up in docs/errors.md. Returns `body`, checked.
 */
export function expectListedCodes<T>(body: T, where = 'a response'): T {
  const errors = typeof body === 'object' && body !== null ? (body as { errors?: unknown }).errors : undefined;
  if (!Array.isArray(errors)) return body;
  for (const error of errors as unknown[]) {
    const extensions = typeof error === 'object' && error !== null ? (error as { extensions?: unknown }).extensions : undefined;
    if (typeof extensions !== 'object' || extensions === null || !('code' in extensions)) continue;
    const code = (extensions as { code: unknown }).code;
    if (!isErrorCode(code)) {
      throw new Error(
        `${where} has an error code outside ERROR_CODES (schema/src/errors.ts): ${JSON.stringify(code)} in ${JSON.stringify(error)}`,
      );
    }
  }
  return body;
}

// biome-ignore lint/suspicious/noExplicitAny: test queries are checked by their assertions, not by types.
export async function graphql<TData = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  init: { headers?: Record<string, string>; operationName?: string } = {},
): Promise<GraphQLResult<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: JSON.stringify({ query, variables, ...(init.operationName ? { operationName: init.operationName } : {}) }),
  });
  const body = expectListedCodes(
    (await response.json()) as Omit<GraphQLResult<TData>, 'status'>,
    `The answer of ${url} (HTTP ${response.status})`,
  );
  return { status: response.status, ...body };
}

/** The codes of a result's errors, in order (each checked to be in ERROR_CODES). */
export const codes = (result: { errors?: readonly GraphQLFormattedError[] | undefined }): unknown[] =>
  (expectListedCodes(result, 'A result').errors ?? []).map((e) => e.extensions?.code);
