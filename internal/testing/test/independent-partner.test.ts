/**
 * The independent partner, asked directly over HTTP: well-behaved it answers the contract (pages,
 * refusals, entities, a read-only refusal of writes), and each misbehaviour switch really does
 * the one wrong thing it names, so a gateway test that uses it tests what it says.
 */
import { loadSeedData } from '@gouvgraph/data';
import { compareBytewise, decodeCursor, foldText, pageSizeProblem } from '@gouvgraph/schema';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codes, graphql, RAW_ERROR_MESSAGE, startIndependentPartner, type IndependentPartner } from '../src/index.js';

const data = loadSeedData();
/** A mid-sized incubator: a page of 100 holds all its startups. */
const PARTNER = 'culture';
const OWN = data.startups.filter((s) => s.incubator === PARTNER);

interface Edge {
  cursor: string;
  node: { id: string; name: string; phaseStart: string; description: string | null };
}
interface Page {
  totalCount: number;
  edges: Edge[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const PAGE =
  'totalCount edges { cursor node { id name phaseStart description } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

let partner: IndependentPartner;

beforeAll(async () => {
  partner = await startIndependentPartner({ partnerId: PARTNER, data });
});
afterEach(() => partner.setBehaviour({ kind: 'well-behaved' }));
afterAll(() => partner?.stop());

/** One page of `Query.startups`, which must come without error. */
async function page(args = 'first: 100'): Promise<Page> {
  const result = await graphql<{ startups: Page }>(partner.url, `{ startups(${args}) { ${PAGE} } }`);
  expect(result.errors).toBeUndefined();
  const startups = result.data?.startups;
  if (!startups) throw new Error('no page');
  return startups;
}

const ids = (p: Page) => p.edges.map((e) => e.node.id);

/** True when every cursor is its own row's position in NAME ASC. */
function cursorsAreTheirRows(p: Page): boolean {
  return p.edges.every((e) => {
    const position = decodeCursor(e.cursor);
    return (
      position?.field === 'NAME' && position.direction === 'ASC' && position.key === foldText(e.node.name) && position.id === e.node.id
    );
  });
}

/** True when the ids are in byte-wise ascending order of (key, id) under `key`. */
function ascending(p: Page, key: (e: Edge) => string): boolean {
  return p.edges.every((e, i) => {
    const previous = p.edges[i - 1];
    return !previous || (compareBytewise(key(previous), key(e)) || compareBytewise(previous.node.id, e.node.id)) < 0;
  });
}

describe('well-behaved', () => {
  it('pages its startups by folded name then id, with cursors and counts of the contract', async () => {
    const all = await page();
    expect(all.totalCount).toBe(OWN.length);
    expect(ids(all).sort()).toEqual(OWN.map((s) => `${PARTNER}/${s.id}`).sort());
    expect(ascending(all, (e) => foldText(e.node.name))).toBe(true);
    expect(cursorsAreTheirRows(all)).toBe(true);
    const first = await page('first: 10');
    const second = await page(`first: 10, after: ${JSON.stringify(first.pageInfo.endCursor)}`);
    expect([...ids(first), ...ids(second)]).toEqual(ids(all).slice(0, 20));
    expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('refuses what the contract refuses, with its messages', async () => {
    const tooMany = await graphql(partner.url, '{ startups(first: 101) { totalCount } }');
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors?.[0]?.message).toBe(pageSizeProblem(101));
    const bogus = await graphql(partner.url, '{ startups(after: "bogus") { totalCount } }');
    expect(bogus.errors?.[0]?.message).toBe('`after` is not a cursor issued by this graph');
    const write = await graphql(partner.url, `mutation { recordCommitteeReview(startupId: "${PARTNER}/x", date: "2026-01-01") { id } }`);
    expect(codes(write)).toEqual(['FORBIDDEN']);
  });

  it('resolves its own entities in order, and null for ids it does not own', async () => {
    const own = `${PARTNER}/${OWN[0]?.id}`;
    const result = await graphql(
      partner.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Startup { id } ... on Incubator { id } ... on Organisation { id } } }',
      {
        r: [
          { __typename: 'Startup', id: 'mtes/ecobalyse' },
          { __typename: 'Startup', id: own },
          { __typename: 'Incubator', id: 'mtes' },
          { __typename: 'Incubator', id: PARTNER },
          { __typename: 'Organisation', id: 'dinum' },
        ],
      },
    );
    expect(result.data?._entities).toEqual([null, { id: own }, null, { id: PARTNER }, { id: 'dinum' }]);
  });
});

describe('misbehaviours', () => {
  it('reverse-order: each page comes backwards, each row with its own cursor', async () => {
    const right = await page('first: 10');
    partner.setBehaviour({ kind: 'reverse-order' });
    const reversed = await page('first: 10');
    expect(ids(reversed)).toEqual([...ids(right)].reverse());
    expect(ascending({ ...reversed, edges: [...reversed.edges].reverse() }, (e) => foldText(e.node.name))).toBe(true);
    expect(cursorsAreTheirRows(reversed)).toBe(true);
  });

  it('wrong-key: sorts by id whatever the order, cursors still claiming the order asked', async () => {
    partner.setBehaviour({ kind: 'wrong-key' });
    const byId = await page();
    expect(ids(byId)).toEqual([...ids(byId)].sort(compareBytewise));
    expect(ascending(byId, (e) => foldText(e.node.name))).toBe(false);
    expect(cursorsAreTheirRows(byId)).toBe(true);
  });

  it('ignore-after: every page is the first', async () => {
    partner.setBehaviour({ kind: 'ignore-after' });
    const first = await page('first: 5');
    const next = await page(`first: 5, after: ${JSON.stringify(first.pageInfo.endCursor)}`);
    expect(ids(next)).toEqual(ids(first));
  });

  it('foreign-id: one more startup, under another partner id, in pages and counts', async () => {
    partner.setBehaviour({ kind: 'foreign-id' });
    const withDefault = await page();
    expect(withDefault.totalCount).toBe(OWN.length + 1);
    expect(ids(withDefault).filter((id) => !id.startsWith(`${PARTNER}/`))).toEqual([`mtes/fake-${OWN[0]?.id}`]);
    partner.setBehaviour({ kind: 'foreign-id', partnerId: 'anct' });
    expect(ids(await page()).filter((id) => id.startsWith('anct/fake-'))).toHaveLength(1);
  });

  it('foreign-incubator: lists an incubator another partner owns', async () => {
    partner.setBehaviour({ kind: 'foreign-incubator' });
    expect((await graphql(partner.url, '{ incubators { id } }')).data?.incubators).toEqual([{ id: PARTNER }, { id: 'mtes' }]);
    partner.setBehaviour({ kind: 'foreign-incubator', partnerId: 'anct' });
    expect((await graphql(partner.url, '{ incubators { id name } }')).data?.incubators[1]).toEqual({
      id: 'anct',
      name: data.incubators.find((i) => i.id === 'anct')?.title,
    });
  });

  it('invalid-date: phase starts written 31/12/2020', async () => {
    partner.setBehaviour({ kind: 'invalid-date' });
    const result = await graphql(partner.url, '{ startups(first: 100) { edges { node { phaseStart phases { start end } } } } }');
    const nodes = result.data?.startups.edges.map((e: { node: unknown }) => e.node) as {
      phaseStart: string;
      phases: { start: string }[];
    }[];
    expect(nodes).toHaveLength(OWN.length);
    for (const node of nodes) {
      expect(node.phaseStart).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      for (const phase of node.phases) expect(phase.start).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    }
  });

  it('unsafe-url: every website is javascript:', async () => {
    partner.setBehaviour({ kind: 'unsafe-url' });
    const result = await graphql(partner.url, '{ startups(first: 100) { edges { node { website } } } }');
    const websites = new Set(result.data?.startups.edges.map((e: { node: { website: string } }) => e.node.website));
    expect([...websites]).toEqual(['javascript:alert(1)']);
  });

  it('wrong-count: totalCount says 3 (or what it is told) whatever the rows', async () => {
    partner.setBehaviour({ kind: 'wrong-count' });
    const wrong = await page();
    expect(wrong.totalCount).toBe(3);
    expect(wrong.edges).toHaveLength(OWN.length);
    partner.setBehaviour({ kind: 'wrong-count', totalCount: 1_000 });
    expect((await page('filter: { search: "zzzz-nothing" }')).totalCount).toBe(1_000);
  });

  it('oversized: a page weighs about 50 MB (or the size it is told)', async () => {
    const query = JSON.stringify({ query: `{ startups(first: 5) { ${PAGE} } }` });
    const weigh = async () =>
      (await fetch(partner.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query })).arrayBuffer();
    const normal = (await weigh()).byteLength;
    partner.setBehaviour({ kind: 'oversized' });
    const huge = (await weigh()).byteLength - normal;
    expect(huge).toBeGreaterThanOrEqual(50_000_000);
    expect(huge).toBeLessThan(50_000_100);
    partner.setBehaviour({ kind: 'oversized', pageBytes: 1_000_000 });
    expect((await weigh()).byteLength - normal).toBeGreaterThanOrEqual(1_000_000);
  });

  it('slow-drip: headers at once, then the right answer in chunks over the duration', async () => {
    const query = `{ startups(first: 100) { ${PAGE} } }`;
    const expected = await graphql(partner.url, query);
    partner.setBehaviour({ kind: 'slow-drip', durationMs: 1_500, chunkMs: 250 });
    const sent = performance.now();
    const response = await fetch(partner.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const headersAfter = performance.now() - sent;
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no body');
    const chunks: Uint8Array[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
    const bodyAfter = performance.now() - sent;
    expect(response.status).toBe(200);
    expect(headersAfter).toBeLessThan(1_000);
    expect(bodyAfter).toBeGreaterThanOrEqual(1_500);
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    expect({ status: 200, ...body }).toEqual(expected);
  });

  it('throws: a raw JS error, passed on as INTERNAL_SERVER_ERROR', async () => {
    partner.setBehaviour({ kind: 'throws' });
    const result = await graphql(partner.url, '{ startups { totalCount } }');
    expect(result.data).toBeNull();
    expect(result.errors?.map((e) => ({ message: e.message, code: e.extensions?.code }))).toEqual([
      { message: RAW_ERROR_MESSAGE, code: 'INTERNAL_SERVER_ERROR' },
    ]);
    const entities = await graphql(partner.url, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Incubator { id } } }', {
      r: [{ __typename: 'Incubator', id: PARTNER }],
    });
    expect(entities.errors?.[0]?.message).toBe(RAW_ERROR_MESSAGE);
  });
});
