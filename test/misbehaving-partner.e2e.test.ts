/**
 * Trust no partner (#17), the misbehaving half: the independent partner (@gouvgraph/testing, not
 * the kit) beside two real kits, switched into each bug a careless partner ships. For each, the
 * gateway refuses that partner's part with a coded error naming the rule it broke, every other
 * partner's rows are exactly the oracle's, full walks end, open data is not called complete, the
 * partner's status says what happened, and the gateway stays healthy — on PGlite and on Postgres.
 */
import { loadSeedData } from '@gouvgraph/data';
import { startGateway, type RunningGateway } from '@gouvgraph/gateway';
import type { ErrorCode, Violation } from '@gouvgraph/schema';
import { startOracle, startStack, type Oracle, type Stack } from '@gouvgraph/stack';
import {
  DATABASES,
  graphql,
  RAW_ERROR_MESSAGE,
  startIdentityProvider,
  startIndependentPartner,
  type GraphQLResult,
  type IndependentPartner,
  type PartnerBehaviour,
  type TestDatabase,
  type TestIdentityProvider,
} from '@gouvgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const data = loadSeedData();
const KITS = ['anct', 'mtes'];
const INDEPENDENT = 'dinum';
const TIMEOUT_MS = 1_500;

/** Every row field a walk reads: the ones the bugs touch (dates, links) among them. */
const WALK = `query Walk($after: String, $order: StartupOrder) {
  startups(first: 40, after: $after, orderBy: $order) {
    totalCount missingPartners
    edges { cursor node { id name phaseStart website incubator { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Expectation {
  behaviour: PartnerBehaviour;
  /** The code of the partner's error, and the rule when it is a refused answer. */
  code: ErrorCode;
  /** The rules it may be caught by (a page out of order may also start before `after`). */
  violation?: Violation | Violation[];
  /**
   * Which of its answers break the rule: `every` one (none of its rows is ever merged), or `some`
   * (a page out of order, a page holding the foreign row, pages after the first…): its rows from
   * good pages are merged, and an export that meets a bad page midway is cut off.
   */
  broken: 'every' | 'some';
  /** Whether the open data export reads what the bug touches (it reads no totalCount). */
  exportReads?: false;
}

const CASES: [string, Expectation][] = [
  [
    'returns its page in reverse order',
    { behaviour: { kind: 'reverse-order' }, code: 'PARTNER_INVALID_RESPONSE', violation: 'ORDER', broken: 'some' },
  ],
  [
    'sorts by id instead of the key asked',
    { behaviour: { kind: 'wrong-key' }, code: 'PARTNER_INVALID_RESPONSE', violation: ['ORDER', 'AFTER_CURSOR'], broken: 'some' },
  ],
  ['ignores `after`', { behaviour: { kind: 'ignore-after' }, code: 'PARTNER_INVALID_RESPONSE', violation: 'AFTER_CURSOR', broken: 'some' }],
  [
    'returns a startup with another partner’s id',
    { behaviour: { kind: 'foreign-id', partnerId: 'mtes' }, code: 'PARTNER_INVALID_RESPONSE', violation: 'FOREIGN_ID', broken: 'some' },
  ],
  [
    'returns dates that are not ISO days',
    { behaviour: { kind: 'invalid-date' }, code: 'PARTNER_INVALID_RESPONSE', violation: 'SCALAR', broken: 'every' },
  ],
  [
    'returns javascript: links',
    { behaviour: { kind: 'unsafe-url' }, code: 'PARTNER_INVALID_RESPONSE', violation: 'SCALAR', broken: 'every' },
  ],
  [
    'makes up its totalCount',
    {
      behaviour: { kind: 'wrong-count', totalCount: 3 },
      code: 'PARTNER_INVALID_RESPONSE',
      violation: 'COUNT',
      broken: 'every',
      exportReads: false,
    },
  ],
  [
    'returns a 50 MB answer',
    { behaviour: { kind: 'oversized', pageBytes: 50_000_000 }, code: 'PARTNER_INVALID_RESPONSE', violation: 'SIZE', broken: 'every' },
  ],
  [
    'drips its answer in slowly',
    { behaviour: { kind: 'slow-drip', durationMs: 4_000, chunkMs: 200 }, code: 'PARTNER_TIMEOUT', broken: 'every' },
  ],
  ['throws in its resolvers', { behaviour: { kind: 'throws' }, code: 'INTERNAL_SERVER_ERROR', broken: 'every' }],
];

type Row = { cursor: string; node: { id: string; incubator: { id: string } } };
type Connection = {
  totalCount: number;
  missingPartners: string[];
  edges: Row[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

/** A full walk: every page's rows and errors; it must end within `maxPages`. */
async function walk(url: string, order: Record<string, string>, maxPages: number) {
  const rows: Row[] = [];
  const errors: NonNullable<GraphQLResult['errors']> = [];
  const missing = new Set<string>();
  let after: string | null = null;
  for (let page = 1; ; page++) {
    if (page > maxPages) throw new Error(`the walk did not end within ${maxPages} pages`);
    const result = await graphql(url, WALK, { after, order });
    const connection = result.data?.startups as Connection;
    rows.push(...connection.edges);
    errors.push(...(result.errors ?? []));
    for (const id of connection.missingPartners) missing.add(id);
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return { rows, errors, missing };
}

describe.each(DATABASES)('a misbehaving partner beside kits, on $name', ({ create }) => {
  let database: TestDatabase;
  let stack: Stack;
  let partner: IndependentPartner;
  let gateway: RunningGateway;
  let oracle: Oracle;
  let provider: TestIdentityProvider;
  /** The kits' walks as one database holding them gives them, by order. */
  const expected = new Map<string, Row[]>();
  const ORDERS = [
    { field: 'NAME', direction: 'ASC' },
    { field: 'PHASE_START', direction: 'DESC' },
  ];
  const total = data.startups.filter((s) => [...KITS, INDEPENDENT].includes(s.incubator)).length;
  const maxPages = Math.ceil(total / 40) + 2;

  beforeAll(async () => {
    database = await create();
    provider = await startIdentityProvider();
    stack = await startStack({ database: database.config, partners: KITS, catalog: false, impact: false });
    partner = await startIndependentPartner({ partnerId: INDEPENDENT, data });
    gateway = await startGateway({
      supergraph: { kind: 'compose', subgraphs: [] },
      partners: [...stack.partners.map((k) => ({ id: k.partnerId, url: k.url })), { id: partner.partnerId, url: partner.url }],
      partnerTimeoutMs: TIMEOUT_MS,
      // Every request of the suite reaches the partner: its circuit opening is failures.int.test.ts's subject.
      circuit: { failureThreshold: 1_000_000 },
      // Every request reaches the partner as it behaves now, not as it behaved a moment ago.
      responseCache: false,
      fetchCache: false,
      // Re-checked when the test says (runRound), each time in full.
      partnerRecheck: { intervalMs: 1, roundMs: 3_600_000 },
      agents: { issuer: provider.issuer, audience: provider.audience, jwksUrl: provider.jwksUrl },
      ide: false,
    });
    oracle = await startOracle({ connection: stack.connection, partners: KITS, name: 'oracle-kits' });
    for (const order of ORDERS) {
      const { rows, errors } = await walk(oracle.gateway.url, order, maxPages);
      expect(errors).toEqual([]);
      expected.set(JSON.stringify(order), rows);
    }
  });
  afterAll(async () => {
    await oracle?.stop();
    await gateway?.stop();
    await partner?.stop();
    await stack?.stop();
    await provider?.close();
    await database?.drop();
  });

  describe.each(CASES)('when it %s', (_, { behaviour, code, violation, broken, exportReads }) => {
    beforeAll(() => partner.setBehaviour(behaviour));
    afterAll(() => partner.setBehaviour({ kind: 'well-behaved' }));

    it('names it with a coded error, keeps every other partner’s rows exact, and every walk ends', { timeout: 120_000 }, async () => {
      for (const order of ORDERS) {
        const started = performance.now();
        const { rows, errors, missing } = await walk(gateway.url, order, maxPages);
        const elapsed = performance.now() - started;
        expect(missing).toEqual(new Set([INDEPENDENT]));
        expect(errors.length).toBeGreaterThan(0);
        for (const error of errors) {
          expect(error.extensions).toMatchObject({ code, partner: INDEPENDENT });
          if (violation) expect([violation].flat()).toContain(error.extensions?.violation);
        }
        // The other partners' rows, in the order and with the cursors one database gives them.
        const others = rows.filter((r) => r.node.incubator.id !== INDEPENDENT);
        expect(others).toEqual(expected.get(JSON.stringify(order)));
        // Its rows only from pages that were still good, never a foreign or a repeated one.
        const ids = rows.map((r) => r.node.id);
        expect(new Set(ids).size).toBe(ids.length);
        if (broken === 'every') expect(rows.filter((r) => r.node.incubator.id === INDEPENDENT)).toEqual([]);
        expect(ids.every((id) => id.startsWith(`${KITS[0]}/`) || id.startsWith(`${KITS[1]}/`) || id.startsWith(`${INDEPENDENT}/`))).toBe(
          true,
        );
        // Never a hang: each page costs at most the partner deadline.
        expect(elapsed).toBeLessThan((maxPages + 1) * (TIMEOUT_MS + 1_000));
      }
    });

    it('does not call an export complete, and its status says what it did', { timeout: 120_000 }, async () => {
      const csv = await fetch(`${gateway.origin}/donnees/startups.csv`);
      expect(csv.status).toBe(200);
      const body = await csv.text().catch(() => null);
      if (exportReads === false) {
        // Its rows are right, and the export asks nothing the bug touches: whole, and so it says.
        expect(csv.headers.get('gouvgraph-complete')).toBe('true');
        expect(body?.split('\r\n').length).toBe(total + 2);
      } else if (body !== null || broken === 'every') {
        expect(body).not.toBeNull();
        expect(csv.headers.get('gouvgraph-complete')).toBe('false');
        expect(csv.headers.get('gouvgraph-missing-partners')).toBe(INDEPENDENT);
      }
      // Otherwise the partner was lost midway: the transfer was cut, never a file that looks whole.

      const statuses = (await (await fetch(`${gateway.origin}/-/partners`)).json()) as {
        partners: { id: string; lastError: { code: string; message: string } | null }[];
      };
      const status = statuses.partners.find((p) => p.id === INDEPENDENT);
      expect(status?.lastError?.code).toBe(code === 'INTERNAL_SERVER_ERROR' ? 'PARTNER_ERROR' : code);
      if (violation) expect([violation].flat().some((rule) => status?.lastError?.message.includes(rule))).toBe(true);
      expect((await fetch(`${gateway.origin}/healthz`)).status).toBe(200);
      const metrics = await (await fetch(`${gateway.origin}/metrics`)).text();
      if (violation) {
        const counted = metrics
          .split('\n')
          .filter((l) => l.startsWith('gouvgraph_partner_violations_total{') && l.includes(`partner="${INDEPENDENT}"`));
        expect(counted.some((l) => [violation].flat().some((rule) => l.includes(`rule="${rule}"`)) && Number(l.split(' ').pop()) > 0)).toBe(
          true,
        );
      }
    });
  });

  // What one request sees is one page; the re-check walks a sample in every order (a size is not one of its rules).
  describe.each(CASES.filter(([, c]) => c.violation !== undefined && c.violation !== 'SIZE'))(
    're-checked when it %s',
    (_, { behaviour }) => {
      afterAll(() => partner.setBehaviour({ kind: 'well-behaved' }));

      it('is found non-conforming, and conforming again once it behaves', { timeout: 120_000 }, async () => {
        const conformance = async () => {
          await gateway.conformance?.runRound();
          const page = (await (await fetch(`${gateway.origin}/-/partners`)).json()) as {
            partners: { id: string; conformance: { status: string; rule: string | null } }[];
          };
          return page.partners.find((p) => p.id === INDEPENDENT)?.conformance;
        };
        partner.setBehaviour(behaviour);
        expect(await conformance()).toMatchObject({ status: 'non-conforming', rule: expect.any(String) });
        partner.setBehaviour({ kind: 'well-behaved' });
        expect(await conformance()).toMatchObject({ status: 'conforming', rule: null });
      });
    },
  );

  it('lists each incubator once when the partner also lists another’s', async () => {
    partner.setBehaviour({ kind: 'foreign-incubator', partnerId: 'mtes' });
    try {
      const result = await graphql(gateway.url, '{ incubators { id name } }');
      const ids = (result.data?.incubators as { id: string }[]).map((i) => i.id);
      expect(ids).toEqual([...KITS].sort());
      expect(result.errors?.map((e) => e.extensions)).toEqual([
        { code: 'PARTNER_INVALID_RESPONSE', partner: INDEPENDENT, violation: 'FOREIGN_ID', serviceName: 'incubators' },
      ]);
    } finally {
      partner.setBehaviour({ kind: 'well-behaved' });
    }
  });

  it('refuses a tally that does not add up, and the re-check finds one its histories do not say', async () => {
    const TALLY = '{ incubators { id startupTally { startups committeeReviews } startups(first: 0) { totalCount } } }';
    const truth = await graphql(gateway.url, TALLY);
    expect(truth.errors).toBeUndefined();
    try {
      partner.setBehaviour({ kind: 'wrong-tally', adds: 'startup' });
      const refused = await graphql(gateway.url, TALLY);
      expect((refused.data?.incubators as { id: string }[]).map((i) => i.id)).toEqual([...KITS].sort());
      expect(refused.errors?.map((e) => [e.extensions?.code, e.extensions?.partner, e.extensions?.violation])).toEqual([
        ['PARTNER_INVALID_RESPONSE', INDEPENDENT, 'TALLY'],
      ]);
      // Sums that add up pass each answer's checks; the re-check reads the histories and finds it out.
      partner.setBehaviour({ kind: 'wrong-tally', adds: 'review' });
      expect((await graphql(gateway.url, TALLY)).errors).toBeUndefined();
      await gateway.conformance?.runRound();
      const page = (await (await fetch(`${gateway.origin}/-/partners`)).json()) as {
        partners: { id: string; conformance: { status: string; rule: string | null } }[];
      };
      expect(page.partners.find((p) => p.id === INDEPENDENT)?.conformance).toMatchObject({ status: 'non-conforming', rule: 'TALLY' });
    } finally {
      partner.setBehaviour({ kind: 'well-behaved' });
      await gateway.conformance?.runRound();
    }
  });

  it('shows a partner’s exception text to agents only: the public reads what its code means', async () => {
    partner.setBehaviour({ kind: 'throws' });
    try {
      const query = `{ startup(id: "${INDEPENDENT}/${data.startups.find((s) => s.incubator === INDEPENDENT)?.id}") { name } }`;
      const anonymous = await graphql(gateway.url, query);
      expect(anonymous.errors?.[0]?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', partner: INDEPENDENT });
      expect(JSON.stringify(anonymous)).not.toContain(RAW_ERROR_MESSAGE);
      const agent = await graphql(gateway.agentsUrl, query, undefined, {
        headers: { authorization: `Bearer ${await provider.token({})}` },
      });
      expect(agent.errors?.[0]?.message).toContain(RAW_ERROR_MESSAGE);
    } finally {
      partner.setBehaviour({ kind: 'well-behaved' });
    }
  });

  it('answers whole again once the partner behaves', async () => {
    partner.setBehaviour({ kind: 'well-behaved' });
    const { errors, missing, rows } = await walk(gateway.url, ORDERS[0] as Record<string, string>, maxPages);
    expect(errors).toEqual([]);
    expect(missing.size).toBe(0);
    expect(rows).toHaveLength(total);
  });
});
