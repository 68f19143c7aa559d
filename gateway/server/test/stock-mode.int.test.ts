/**
 * Without partners, the gateway is a plain Federation 2 gateway: on the same subgraphs it
 * answers exactly what stock @apollo/gateway + @apollo/server answer, whether it composes the
 * subgraphs itself or is given a supergraph SDL — and so does the partitioned gateway over one partner.
 */
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { graphql } from '@gouvgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '@gouvgraph/gateway-core';
import { startGateway, type RunningGateway } from '../src/index.js';
import { startFeaturedSubgraph, startPartners, type Partners } from './helpers.js';

const QUERIES = [
  '{ incubators { id name owner { name kind } startups(first: 3) { totalCount edges { cursor node { id name phase } } } } }',
  '{ startups(filter: { phaseIn: [ACCELERATION, CONSOLIDATION] }, first: 25, orderBy: { field: STARTED, direction: DESC }) { totalCount edges { node { id phases { phase start end } sponsors { id } } } pageInfo { hasNextPage endCursor } } }',
  '{ featured { id name pitch incubator { id } } }',
  '{ startups(first: 500) { totalCount } }',
  '{ nope }',
];

let partners: Partners;
let featured: Awaited<ReturnType<typeof startFeaturedSubgraph>>;
let stock: { url: string; stop(): Promise<void> };
let composing: RunningGateway;
let fromSdl: RunningGateway;
let partitioned: RunningGateway;

beforeAll(async () => {
  partners = await startPartners(['mtes']);
  featured = await startFeaturedSubgraph(['mtes/acceslibre', 'mtes/nope', 'mtes/aigle']);
  const subgraphs = [
    { name: 'incubators', url: partners.kits[0]?.url ?? '' },
    { name: 'featured', url: featured.url },
  ];
  const supergraphSdl = await composeSupergraph({ withContract: false, subgraphs });
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  stock = { url, stop: () => server.stop() };
  composing = await startGateway({ supergraph: { kind: 'compose', subgraphs } });
  fromSdl = await startGateway({ supergraph: { kind: 'sdl', sdl: supergraphSdl } });
  // The same partner behind the partitioned contract subgraph: one partner is one database.
  partitioned = await startGateway({
    supergraph: { kind: 'compose', subgraphs: [{ name: 'featured', url: featured.url }] },
    partners: [{ id: 'mtes', url: partners.kits[0]?.url ?? '' }],
  });
});
afterAll(async () => {
  await Promise.all([composing?.stop(), fromSdl?.stop(), partitioned?.stop(), stock?.stop()]);
  await featured?.stop();
  await partners?.stop();
});

describe('stock Federation mode', () => {
  it.each(QUERIES)('answers %s exactly as stock @apollo/gateway does', async (query) => {
    const expected = await graphql(stock.url, query);
    expect(expected.data ?? expected.errors).toBeTruthy();
    for (const gateway of [composing, fromSdl, partitioned]) {
      const actual = await graphql(gateway.url, query);
      expect(actual.data).toEqual(expected.data);
      expect(actual.errors?.map((e) => [e.message, e.path, e.extensions?.code])).toEqual(
        expected.errors?.map((e) => [e.message, e.path, e.extensions?.code]),
      );
    }
  });
});
