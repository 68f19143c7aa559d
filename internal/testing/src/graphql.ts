/** A minimal GraphQL-over-HTTP client for tests: what a real client sends, nothing mocked. */
import type { GraphQLFormattedError } from 'graphql';

export interface GraphQLResult<TData = Record<string, unknown>> {
  status: number;
  data?: TData | null;
  errors?: GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
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
  const body = (await response.json()) as Omit<GraphQLResult<TData>, 'status'>;
  return { status: response.status, ...body };
}

/** The codes of a result's errors, in order. */
export const codes = (result: { errors?: readonly GraphQLFormattedError[] | undefined }): unknown[] =>
  (result.errors ?? []).map((e) => e.extensions?.code);
