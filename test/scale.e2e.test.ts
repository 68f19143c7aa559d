/**
 * Hundreds of partners could join; 64 must already be exactly right. The 662 real startups
 * dealt to 64 partner subgraphs give the same answers as one database holding them all.
 */
import { loadSeedData, type SeedData } from '@gouvgraph/data';
import { startOracle, startStack, syntheticPartners, type Oracle, type Stack } from '@gouvgraph/stack';
import { graphql, type GraphQLResult } from '@gouvgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from './src/corpus.js';

const PARTNERS = 64;
const real = loadSeedData();
const seeds = syntheticPartners(real, PARTNERS);
/** The data as these 64 partners hold it, for the corpus to pick ids from. */
const data: SeedData = { ...real, incubators: seeds.map((s) => s.incubator), startups: seeds.flatMap((s) => s.startups) };

let stack: Stack;
let oracle: Oracle;

const comparable = (r: GraphQLResult) => ({
  data: r.data,
  errors: r.errors?.map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code })),
});
const both = async (query: string, variables?: Record<string, unknown>) => {
  // One after the other: every partner and the oracle share one embedded database here.
  const actual = await graphql(stack.gateway.url, query, variables);
  const expected = await graphql(oracle.gateway.url, query, variables);
  return { actual: comparable(actual), expected: comparable(expected) };
};

beforeAll(async () => {
  // 64 partners on one embedded PGlite run their SQL one statement at a time: a nested page
  // costs every partner several statements in a row, so the deadline here is generous.
  stack = await startStack({ database: { kind: 'pglite' }, seeds, partnerTimeoutMs: 15_000 });
  oracle = await startOracle({ connection: stack.connection, seeds, name: 'oracle-scale' });
});
afterAll(async () => {
  await oracle?.stop();
  await stack?.stop();
});

describe(`${PARTNERS} partners`, () => {
  it('each hold their share of the real startups, and together all of them', async () => {
    expect(stack.partners).toHaveLength(PARTNERS);
    const result = await graphql(stack.gateway.url, '{ incubators { id } startups(first: 0) { totalCount } }', undefined, {
      headers: { 'gouvgraph-debug': 'partner-calls' },
    });
    expect(result.data?.incubators).toHaveLength(PARTNERS);
    expect(result.data?.startups.totalCount).toBe(real.startups.length);
    expect((result.extensions?.gouvgraph as { totalPartnerCalls: number }).totalPartnerCalls).toBe(PARTNERS);
  });

  it('answer the corpus exactly as one database', async () => {
    const sample = seeds.slice(0, 4).map((s) => s.incubator.id);
    for (const { name, query, variables } of readCorpus(data, sample)) {
      const { actual, expected } = await both(query, variables);
      expect(actual, name).toEqual(expected);
    }
  });

  it('walk every page exactly as one database', async () => {
    let after: string | null = null;
    for (let page = 1; page <= 100; page++) {
      const { actual, expected } = await both(
        'query($after: String) { startups(first: 25, after: $after, orderBy: { field: STARTED, direction: DESC }) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      expect(actual, `page ${page}`).toEqual(expected);
      const info = (expected.data as { startups: { pageInfo: { hasNextPage: boolean; endCursor: string } } }).startups.pageInfo;
      if (!info.hasNextPage) break;
      after = info.endCursor;
    }
  });
});
