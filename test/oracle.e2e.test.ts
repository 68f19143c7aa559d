/**
 * Oracle equivalence: the gateway over N partners answers exactly — byte for byte, errors
 * included — what one database holding the same incubators answers, for N = 1, 3 and every
 * incubator, on PGlite and on the Postgres server.
 */
import { loadSeedData } from '@gouvgraph/data';
import { startGateway, type RunningGateway } from '@gouvgraph/gateway';
import { startOracle, startStack, type Oracle, type Stack } from '@gouvgraph/stack';
import { DATABASES, graphql, type TestDatabase } from '@gouvgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDERS, readCorpus } from './src/corpus.js';
import { comparable, expectCorpusAsOracle, expectWalkAsOracle, type AskBoth } from './src/oracle-comparison.js';

const data = loadSeedData();
const ALL = data.incubators.map((i) => i.id);
const SUBSETS: Record<string, readonly string[]> = {
  'one partner': ['mtes'],
  'three partners': ['francetravail', 'mtes', 'anct'],
  'every incubator': ALL,
};

describe.each(DATABASES)('oracle equivalence on $name', ({ create }) => {
  let database: TestDatabase;
  let stack: Stack;
  const setups = new Map<string, { gateway: RunningGateway; oracle: Oracle }>();

  beforeAll(async () => {
    database = await create();
    stack = await startStack({ database: database.config });
    for (const [name, partners] of Object.entries(SUBSETS)) {
      const kits = stack.partners.filter((p) => partners.includes(p.partnerId));
      const gateway =
        partners.length === ALL.length
          ? stack.gateway
          : await startGateway({
              supergraph: { kind: 'compose', subgraphs: [] },
              partners: kits.map((k) => ({ id: k.partnerId, url: k.url })),
              ide: false,
            });
      const oracle = await startOracle({ connection: stack.connection, partners, name: `oracle-${partners.length}` });
      setups.set(name, { gateway, oracle });
    }
  });
  afterAll(async () => {
    for (const { gateway, oracle } of setups.values()) {
      await oracle.stop();
      if (gateway !== stack?.gateway) await gateway.stop();
    }
    await stack?.stop();
    await database?.drop();
  });

  describe.each(Object.entries(SUBSETS))('%s', (name, partners) => {
    const ask: AskBoth = async (query, variables) => {
      const { gateway, oracle } =
        setups.get(name) ??
        (() => {
          throw new Error(`no setup ${name}`);
        })();
      const [actual, expected] = await Promise.all([graphql(gateway.url, query, variables), graphql(oracle.gateway.url, query, variables)]);
      return { actual: comparable(actual), expected: comparable(expected) };
    };

    it('answers the whole corpus exactly as the oracle', async () => {
      await expectCorpusAsOracle(ask, readCorpus(data, partners));
    });

    it.each([
      ...ORDERS.map((order) => ({ ...order, size: 100, filter: '' })),
      { field: 'NAME', direction: 'ASC', size: 7, filter: '' },
      { field: 'STARTED', direction: 'DESC', size: 13, filter: 'filter: { active: true },' },
      { field: 'PHASE_START', direction: 'ASC', size: 1, filter: 'filter: { phase: ACCELERATION },' },
    ])('walks every page like the oracle ($field $direction, pages of $size)', async ({ field, direction, size, filter }) => {
      // Pages of one: at most 40 steps, enough to cross partner boundaries, bounded in time.
      const pages = await expectWalkAsOracle(ask, { field, direction, size, filter }, size === 1 ? 40 : 200);
      expect(pages).toBeGreaterThan(0);
    });
  });
});
