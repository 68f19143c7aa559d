/**
 * Trust no partner (#17), the well-behaved half: a partner written independently of the
 * incubator kit (@gouvgraph/testing's independent partner, in memory) joins two real kits behind
 * the gateway, and the graph answers the whole oracle corpus — and every page walk — exactly as
 * one database holding the three incubators does, on PGlite and on the Postgres server. The
 * gateway therefore relies on the contract, not on the kit's habits.
 */
import { loadSeedData } from '@gouvgraph/data';
import { startGateway, type RunningGateway } from '@gouvgraph/gateway';
import { startOracle, startStack, type Oracle, type Stack } from '@gouvgraph/stack';
import { DATABASES, graphql, startIndependentPartner, type IndependentPartner, type TestDatabase } from '@gouvgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDERS, readCorpus } from './src/corpus.js';
import { comparable, expectCorpusAsOracle, expectWalkAsOracle, type AskBoth } from './src/oracle-comparison.js';

const data = loadSeedData();
/** Served by kits. */
const KITS = ['anct', 'mtes'];
/** Served by the independent partner: the largest incubator, so that it weighs in every order. */
const INDEPENDENT = 'dinum';
const PARTNERS = [...KITS, INDEPENDENT].sort();

describe.each(DATABASES)('an independent partner beside kits, on $name', ({ create }) => {
  let database: TestDatabase;
  let stack: Stack;
  let independent: IndependentPartner;
  let gateway: RunningGateway;
  let oracle: Oracle;

  beforeAll(async () => {
    database = await create();
    stack = await startStack({ database: database.config, partners: KITS, catalog: false, impact: false });
    independent = await startIndependentPartner({ partnerId: INDEPENDENT, data });
    const kits = stack.partners.map((k) => ({ id: k.partnerId, url: k.url }));
    gateway = await startGateway({
      supergraph: { kind: 'compose', subgraphs: [] },
      partners: [...kits, { id: independent.partnerId, url: independent.url }].sort((a, b) => (a.id < b.id ? -1 : 1)),
      ide: false,
    });
    oracle = await startOracle({ connection: stack.connection, partners: PARTNERS, name: 'oracle-independent' });
  });
  afterAll(async () => {
    await oracle?.stop();
    await gateway?.stop();
    await independent?.stop();
    await stack?.stop();
    await database?.drop();
  });

  const ask: AskBoth = async (query, variables) => {
    const [actual, expected] = await Promise.all([graphql(gateway.url, query, variables), graphql(oracle.gateway.url, query, variables)]);
    return { actual: comparable(actual), expected: comparable(expected) };
  };

  it('answers the whole corpus exactly as the oracle', async () => {
    await expectCorpusAsOracle(ask, readCorpus(data, PARTNERS));
  });

  it.each([
    ...ORDERS.map((order) => ({ ...order, size: 100, filter: '' })),
    { field: 'NAME', direction: 'ASC', size: 7, filter: 'filter: { search: "donnees" },' },
    { field: 'STARTED', direction: 'DESC', size: 13, filter: 'filter: { active: true },' },
    { field: 'PHASE_START', direction: 'ASC', size: 3, filter: 'filter: { phase: ACCELERATION },' },
  ])('walks every page like the oracle ($field $direction, pages of $size)', async ({ field, direction, size, filter }) => {
    const pages = await expectWalkAsOracle(ask, { field, direction, size, filter }, 100);
    expect(pages).toBeGreaterThan(1);
  });

  it('serves every field of every startup of the independent partner as the oracle', async () => {
    const fields = `id slug name pitch description coIncubatorIds phase phaseStart active thematics userTypes technologies website
      repository accessibility fastFunding { round amountEuros } statsUrl budgetUrl impactUrl sponsors { id name acronym kind ministry }
      phases { phase start end } events { kind date comment } incubator { id name owner { id } }`;
    let after: string | null = null;
    let rows = 0;
    do {
      const { actual, expected } = await ask(
        `query($after: String) { startups(first: 50, after: $after, filter: { incubator: ${JSON.stringify(INDEPENDENT)} }) {
           edges { node { ${fields} } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(actual).toEqual(expected);
      const page = (expected.data as { startups: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } })
        .startups;
      rows += page.edges.length;
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(rows).toBe(data.startups.filter((s) => s.incubator === INDEPENDENT).length);
  });
});
