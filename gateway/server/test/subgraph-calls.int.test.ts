/**
 * How the gateway calls ordinary subgraphs: an entity repeated across the answer is asked for
 * once, the answer (and its errors) is the one stock @apollo/gateway gives, and a subgraph that is
 * down, slow or not speaking GraphQL is named in a coded error while the rest still answers.
 */
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createSubgraphServer, serve } from '@gouvgraph/http';
import { graphql, startMisbehavingProxy, type MisbehavingProxy } from '@gouvgraph/testing';
import { GraphQLError, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collapseRepresentations } from '@gouvgraph/gateway-core';
import { composeSupergraph } from '@gouvgraph/gateway-core';
import { startGateway, type RunningGateway } from '../src/index.js';
import { data } from './helpers.js';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
// Real startups and their sponsors: a few ministries sponsor many startups.
const startups = data.startups
  .filter((s) => (s.sponsor_ids ?? []).length > 0)
  .slice(0, 60)
  .map((s) => ({ id: s.id, name: s.title, sponsors: s.sponsor_ids ?? [] }));
const organisations = new Map(data.organisations.map((o) => [o.id, o]));
/** The sponsor of most of these startups: its lookup fails, to see where its errors land. */
const sponsorCounts = new Map<string, number>();
for (const id of startups.flatMap((s) => s.sponsors)) sponsorCounts.set(id, (sponsorCounts.get(id) ?? 0) + 1);
const failing = [...sponsorCounts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';

/** Sponsors the organisations subgraph was asked to resolve. */
let sponsorsAsked = 0;
const stops: (() => Promise<unknown>)[] = [];
let startupsUrl = '';
let organisationsProxy: MisbehavingProxy;
let gouvgraph: RunningGateway;
let stockUrl = '';

beforeAll(async () => {
  const startupsServed = await serve(
    await createSubgraphServer({
      typeDefs: parse(`${LINK}
        type Query { startups: [Startup!]! }
        type Startup @key(fields: "id") { id: ID! name: String! sponsors: [Organisation!]! }
        type Organisation @key(fields: "id", resolvable: false) { id: ID! }`),
      resolvers: {
        Query: { startups: () => startups.map((s) => ({ ...s, sponsors: s.sponsors.map((id) => ({ id })) })) },
      },
      context: async () => ({}),
    }),
  );
  const organisationsServed = await serve(
    await createSubgraphServer({
      typeDefs: parse(`${LINK}
        type Organisation @key(fields: "id") { id: ID! name: String kind: String }`),
      resolvers: {
        Organisation: {
          __resolveReference: async (ref: { id: string }) => {
            sponsorsAsked++;
            if (ref.id === failing) throw new GraphQLError(`No organisation ${ref.id}`, { extensions: { code: 'NOT_FOUND' } });
            const organisation = organisations.get(ref.id);
            return organisation ? { id: organisation.id, name: organisation.name, kind: organisation.type ?? null } : null;
          },
        },
      },
      context: async () => ({}),
    }),
  );
  organisationsProxy = await startMisbehavingProxy(organisationsServed.url);
  startupsUrl = startupsServed.url;
  const subgraphs = [
    { name: 'startups', url: startupsUrl },
    { name: 'organisations', url: organisationsProxy.url },
  ];
  gouvgraph = await startGateway({ supergraph: { kind: 'compose', subgraphs }, ide: false, subgraphTimeoutMs: 500 });
  const stock = new ApolloServer({
    gateway: new ApolloGateway({ supergraphSdl: await composeSupergraph({ withContract: false, subgraphs }) }),
  });
  stockUrl = (await startStandaloneServer(stock, { listen: { port: 0, host: '127.0.0.1' } })).url;
  stops.push(
    () => gouvgraph.stop(),
    () => stock.stop(),
    () => organisationsProxy.stop(),
    () => startupsServed.stop(),
    () => organisationsServed.stop(),
  );
});
afterAll(async () => {
  for (const stop of stops) await stop();
});

const QUERY = '{ startups { name sponsors { id name kind } } }';

describe('entities repeated across an answer', () => {
  it('asks the subgraph for each sponsor once and answers exactly as stock @apollo/gateway', async () => {
    const placed = startups.reduce((n, s) => n + s.sponsors.length, 0);
    const distinct = new Set(startups.flatMap((s) => s.sponsors)).size;
    expect(distinct).toBeLessThan(placed / 2); // the data does repeat sponsors

    sponsorsAsked = 0;
    const ours = await graphql(gouvgraph.url, QUERY);
    expect(sponsorsAsked).toBe(distinct);
    sponsorsAsked = 0;
    const stock = await graphql(stockUrl, QUERY);
    expect(sponsorsAsked).toBe(placed);

    expect(JSON.stringify(ours.data)).toBe(JSON.stringify(stock.data));
    // The failing sponsor's error is reported at every place it stands, as stock does.
    const paths = (answer: typeof ours) => (answer.errors ?? []).map((e) => JSON.stringify(e.path)).sort();
    expect(paths(ours).length).toBe(startups.filter((s) => s.sponsors.includes(failing)).length);
    expect(paths(ours).length).toBeGreaterThan(1);
    expect(paths(ours)).toEqual(paths(stock));
    expect(ours.errors?.every((e) => e.extensions?.code === 'NOT_FOUND')).toBe(true);
  });

  it('keeps representations that differ, and leaves unrepeated ones as they are', () => {
    const query = 'query Q($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }';
    expect(
      collapseRepresentations(
        query,
        {
          representations: [
            { __typename: 'O', id: '1' },
            { __typename: 'O', id: 1 },
          ],
        },
        'Q',
      ),
    ).toBeNull();
    const collapsed = collapseRepresentations(
      query,
      {
        other: true,
        representations: [
          { __typename: 'O', id: '1' },
          { __typename: 'O', id: '2', x: { y: 1 } },
          { __typename: 'O', id: '1' },
          { __typename: 'O', id: '2', x: { y: 1 } },
        ],
      },
      'Q',
    );
    expect(JSON.parse(collapsed?.body ?? '')).toEqual({
      query,
      variables: {
        other: true,
        representations: [
          { __typename: 'O', id: '1' },
          { __typename: 'O', id: '2', x: { y: 1 } },
        ],
      },
      operationName: 'Q',
    });
    const alone = collapseRepresentations(
      query,
      {
        representations: [
          { __typename: 'O', id: '1' },
          { __typename: 'O', id: '1' },
        ],
      },
      undefined,
    );
    expect(JSON.parse(alone?.body ?? '')).toEqual({ query, variables: { representations: [{ __typename: 'O', id: '1' }] } });
    expect(collapsed?.spread({ data: { _entities: ['a', 'b'] } })).toEqual({ data: { _entities: ['a', 'b', 'a', 'b'] } });
    // An answer of the wrong length is passed on for the executor to report.
    expect(collapsed?.spread({ data: { _entities: ['a'] } })).toEqual({ data: { _entities: ['a'] } });
  });
});

describe('a subgraph that fails', () => {
  const cases = [
    { mode: { kind: 'refuse' }, code: 'SUBGRAPH_UNAVAILABLE', says: 'the connection failed' },
    { mode: { kind: 'html-error', status: 502 }, code: 'SUBGRAPH_UNAVAILABLE', says: 'HTTP 502 without a GraphQL answer' },
    { mode: { kind: 'invalid-json' }, code: 'SUBGRAPH_INVALID_RESPONSE', says: 'HTTP 200, not a GraphQL answer' },
    { mode: { kind: 'delay', ms: 1_500 }, code: 'SUBGRAPH_TIMEOUT', says: 'no answer within 500 ms' },
  ] as const;
  /** How many calls to the organisations subgraph /metrics counts with this outcome. */
  const measured = async (outcome: string) => {
    const text = await (await fetch(`${gouvgraph.origin}/metrics`)).text();
    const line = text
      .split('\n')
      .find(
        (l) =>
          l.startsWith('gouvgraph_subgraph_request_duration_seconds_count{') &&
          l.includes('subgraph="organisations"') &&
          l.includes(`outcome="${outcome}"`),
      );
    return Number(line?.slice(line.lastIndexOf(' ') + 1) ?? 0);
  };
  for (const { mode, code, says } of cases) {
    it(`${mode.kind}: the rest of the answer, and ${code} naming the subgraph, measured as partners' calls are`, async () => {
      organisationsProxy.setMode(mode);
      try {
        const before = await measured(code);
        const answer = await graphql(gouvgraph.url, '{ startups { name sponsors { id name } } }');
        expect(answer.data?.startups.every((s: { sponsors: { name: string | null }[] }) => s.sponsors.every((o) => o.name === null))).toBe(
          true,
        );
        expect(answer.errors?.[0]?.message).toBe(`Subgraph organisations: ${says}`);
        expect(answer.errors?.[0]?.extensions).toMatchObject({ code, subgraph: 'organisations' });
        expect(await measured(code)).toBe(before + 1);
        const rest = await graphql(gouvgraph.url, '{ startups { name sponsors { id } } }');
        expect(rest.errors).toBeUndefined();
        expect(rest.data?.startups).toHaveLength(startups.length);
      } finally {
        organisationsProxy.setMode({ kind: 'pass' });
      }
    });
  }
});
