/**
 * Comparing a gateway with the oracle (one database holding the same incubators), query by query
 * and page by page: what the oracle suites and the independent partner's suite share.
 */
import type { GraphQLResult } from '@gouvgraph/testing';
import { expect } from 'vitest';
import type { CorpusQuery } from './corpus.js';

/** What a comparison looks at: the data, and each error's message, path and code. */
export function comparable(result: GraphQLResult) {
  return {
    data: result.data,
    errors: result.errors?.map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code })),
  };
}

/** Asks the gateway and the oracle the same, and returns both answers, comparable. */
export type AskBoth = (
  query: string,
  variables?: Record<string, unknown>,
) => Promise<{ actual: ReturnType<typeof comparable>; expected: ReturnType<typeof comparable> }>;

/** Every query of the corpus answered exactly as the oracle answers it (and the oracle answers each). */
export async function expectCorpusAsOracle(ask: AskBoth, corpus: readonly CorpusQuery[]): Promise<void> {
  expect(corpus.length).toBeGreaterThan(60);
  for (const { name, query, variables } of corpus) {
    const { actual, expected } = await ask(query, variables);
    expect(expected.data ?? expected.errors, `the oracle answers ${name}`).toBeTruthy();
    expect(actual, name).toEqual(expected);
  }
}

/** A walk of `startups` in one order, every page as the oracle's, at most `maxPages` of them; how many there were. */
export async function expectWalkAsOracle(
  ask: AskBoth,
  walk: { field: string; direction: string; size: number; filter: string },
  maxPages: number,
): Promise<number> {
  const { field, direction, size, filter } = walk;
  let after: string | null = null;
  let pages = 0;
  while (pages < maxPages) {
    pages++;
    const { actual, expected } = await ask(
      `query($after: String) { startups(${filter} first: ${size}, after: $after, orderBy: { field: ${field}, direction: ${direction} }) {
         totalCount edges { cursor node { id name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
      { after },
    );
    expect(actual, `page ${pages}`).toEqual(expected);
    const page = (expected.data as { startups: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } }).startups;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return pages;
}
