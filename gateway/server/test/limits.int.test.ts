/**
 * A hostile or careless operation is refused before any partner is called: too deep, too many
 * aliases, root fields, directives or tokens, too costly once lists and fan-out are counted,
 * or a batch too large. Each refusal is coded QUERY_TOO_COMPLEX and says which limit, its
 * maximum and what was found. Three real partners on PGlite.
 */
import { codes, graphql } from '@gouvgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '@gouvgraph/gateway-core';
import { startGateway, type RunningGateway } from '../src/index.js';
import { startPartners, type Partners } from './helpers.js';

let partners: Partners;
let gateway: RunningGateway;

beforeAll(async () => {
  partners = await startPartners(['francetravail', 'mtes', 'anct']);
  gateway = await startGateway({
    supergraph: { kind: 'compose', subgraphs: [] },
    partners: partners.kits.map((k) => ({ id: k.partnerId, url: k.url })),
    // Pages of 100 startups with their histories: on a loaded CI machine, more than the default 2 s.
    partnerTimeoutMs: 20_000,
    ide: false,
  });
});
afterAll(async () => {
  await gateway?.stop();
  await partners?.stop();
});

/** The answer to `query`, checking that no partner was called for it. */
async function refused(query: string, variables?: Record<string, unknown>) {
  const before = gateway.partnerCalls.total();
  const result = await graphql(gateway.url, query, variables);
  expect(gateway.partnerCalls.total(), 'a partner was called').toBe(before);
  expect(result.status).toBe(400);
  expect(result.data).toBeUndefined();
  expect(codes(result)).toEqual(['QUERY_TOO_COMPLEX']);
  return result.errors?.[0]?.extensions as { limit: string; max: number; found?: number };
}

const nested = (depth: number): string =>
  depth === 0 ? 'id' : `incubator { startups(first: 1) { edges { node { ${nested(depth - 1)} } } } }`;

describe('operation limits', () => {
  it('refuses an operation nested deeper than the depth limit', async () => {
    const deep = `{ startup(id: "mtes/acceslibre") { ${nested(3)} } }`;
    expect(await refused(deep)).toMatchObject({ limit: 'depth', max: DEFAULT_LIMITS.depth, found: 14 });
    // The same relation, within the limit, answers.
    const ok = await graphql(gateway.url, `{ startup(id: "mtes/acceslibre") { ${nested(2)} } }`);
    expect(ok.errors).toBeUndefined();
  });

  it('refuses too many aliases, root fields, directives and tokens', async () => {
    const aliases = Array.from({ length: 51 }, (_, i) => `a${i}: name`).join(' ');
    expect(await refused(`{ startup(id: "mtes/acceslibre") { ${aliases} } }`)).toMatchObject({ limit: 'aliases', max: 50, found: 51 });
    const roots = Array.from({ length: 31 }, () => '__typename').join(' ');
    expect(await refused(`{ ${roots} }`)).toMatchObject({ limit: 'rootFields', max: 30, found: 31 });
    const directives = Array.from({ length: 51 }, () => '... @include(if: true) { id }').join(' ');
    expect(await refused(`{ incubators { ${directives} } }`)).toMatchObject({ limit: 'directives', max: 50, found: 51 });
    const tokens = `{ incubators { ${Array.from({ length: 5_001 }, () => 'id').join(' ')} } }`;
    expect(await refused(tokens)).toMatchObject({ limit: 'tokens', max: 5_000 });
  });

  it('counts the partners a field fans out to: the same page is refused across the graph and answered from one partner', async () => {
    const page = (filter: string) =>
      `{ startups(first: 100${filter}) { edges { node { incubator { startups(first: 100) { edges { node { name } } } } } } } }`;
    const everywhere = await refused(page(''));
    expect(everywhere.limit).toBe('cost');
    expect(everywhere.found).toBeGreaterThan(DEFAULT_LIMITS.cost);
    const one = await graphql(gateway.url, page(', filter: { incubator: "mtes" }'));
    expect(one.errors).toBeUndefined();
    expect(one.data?.startups.edges.length).toBeGreaterThan(50);
    // Page sizes given as variables count the same.
    const byVariable = await refused(
      'query($n: Int) { startups(first: $n) { edges { node { incubator { startups(first: $n) { edges { node { name } } } } } } } }',
      { n: 100 },
    );
    expect(byVariable.limit).toBe('cost');
    // Left out, a variable takes the default the operation declares: the estimate reads the same.
    const byDefault = await refused(
      'query($n: Int = 100) { startups(first: $n) { edges { node { incubator { startups(first: $n) { edges { node { name } } } } } } } }',
    );
    expect(byDefault).toEqual({ ...byVariable });
    const hidden = await refused(
      `query($on: Boolean = true) { startups(first: 100) @include(if: $on) { edges { node { incubator { startups(first: 100) { edges { node { name } } } } } } } }`,
    );
    expect(hidden.limit).toBe('cost');
  });

  it('counts root fields in time linear in the document, however fragments are spread', async () => {
    // Twenty levels of three spreads: 3^20 root fields if each spread were walked again.
    const levels = Array.from({ length: 20 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} ...F${i + 1} }`).join(' ');
    const bomb = `{ ...F0 } ${levels} fragment F20 on Query { __typename }`;
    const answer = await graphql(gateway.url, bomb);
    expect(answer.status).toBe(400);
    expect(codes(answer)).toContain('QUERY_TOO_COMPLEX');
    // Meanwhile, and after, the graph answers.
    expect((await graphql(gateway.url, '{ incubators { id } }')).errors).toBeUndefined();
  });

  it('answers a batch of operations, and refuses a batch over the limit', async () => {
    const post = (body: unknown) =>
      fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
        async (r) => ({
          status: r.status,
          body: (await r.json()) as unknown,
        }),
      );
    const two = await post([{ query: '{ incubators { id } }' }, { query: '{ startup(id: "anct/aidantsconnect") { name } }' }]);
    expect(two.status).toBe(200);
    expect(two.body).toEqual([
      { data: { incubators: [{ id: 'anct' }, { id: 'francetravail' }, { id: 'mtes' }] } },
      { data: { startup: { name: 'Aidants Connect' } } },
    ]);
    const eleven = await post(Array.from({ length: 11 }, () => ({ query: '{ incubators { id } }' })));
    expect(eleven.status).toBe(400);
    expect(eleven.body).toMatchObject({ errors: [{ extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'batch', max: 10, found: 11 } }] });
  });
});
