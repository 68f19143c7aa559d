/**
 * Authorisation declared in the schema: the catalogue marks an API's support contact
 * `@authenticated` and the evidence of heuristic startup links `@requiresScopes(catalogue:review)`.
 * The public endpoint serves a variant without them; the full variant (`/agents/graphql`) answers
 * them to callers allowed, and `null` with an error at their path to others, the rest of the
 * query unchanged. A local key pair stands in for ProConnect.
 */
import { startStack, type Stack } from '@gouvgraph/stack';
import { codes, graphql, startIdentityProvider, type TestIdentityProvider } from '@gouvgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let provider: TestIdentityProvider;
let stack: Stack;

const agent = (scope?: string) => provider.token(scope ? { scope } : {});
const as = (token: string | null) => (token ? { headers: { authorization: `Bearer ${token}` } } : undefined);

const CONTACTS = '{ apis(first: 100) { edges { node { id title contact } } } }';
const LINKS = '{ apis(first: 100) { edges { node { id startupLinks(minConfidence: LOW) { relation evidence startup { id } } } } } }';
type ApiRow = { id: string; title: string; contact: string | null };

beforeAll(async () => {
  provider = await startIdentityProvider();
  stack = await startStack({
    database: { kind: 'pglite' },
    partners: ['mtes', 'anct', 'dinum_produits_interministeriels'],
    impact: false,
    agents: { issuer: provider.issuer, audience: provider.audience, jwksUrl: provider.jwksUrl },
  });
});
afterAll(async () => {
  await stack?.stop();
  await provider?.close();
});

describe('the public variant', () => {
  it('does not even show agent-only fields', async () => {
    const api = await graphql(
      stack.gateway.url,
      '{ api: __type(name: "Api") { fields { name } } link: __type(name: "StartupApiLink") { fields { name } } }',
    );
    const names = (t: { fields: { name: string }[] }) => t.fields.map((f) => f.name);
    expect(names(api.data?.api)).toContain('title');
    expect(names(api.data?.api)).not.toContain('contact');
    expect(names(api.data?.link)).toEqual(['startup', 'relation', 'confidence']);
    expect(codes(await graphql(stack.gateway.url, CONTACTS, undefined, as(await agent())))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('the full variant, /agents/graphql', () => {
  it('answers @authenticated fields to an agent, and null with UNAUTHENTICATED at the path to the public', async () => {
    const full = await graphql(stack.gateway.agentsUrl, CONTACTS, undefined, as(await agent()));
    expect(full.errors).toBeUndefined();
    const rows = full.data?.apis.edges.map((e: { node: ApiRow }) => e.node) as ApiRow[];
    expect(rows.filter((r) => r.contact !== null).length).toBeGreaterThan(10);

    const anonymous = await graphql(stack.gateway.agentsUrl, CONTACTS);
    const open = anonymous.data?.apis.edges.map((e: { node: ApiRow }) => e.node) as ApiRow[];
    // Everything else is there, the same; the contact is null everywhere, said once.
    expect(open.map((r) => [r.id, r.title])).toEqual(rows.map((r) => [r.id, r.title]));
    expect(open.every((r) => r.contact === null)).toBe(true);
    expect(anonymous.errors).toEqual([
      {
        message: 'Not allowed to read Api.contact: it is for authenticated agents and partners',
        path: ['apis', 'edges', 0, 'node', 'contact'],
        extensions: { code: 'UNAUTHENTICATED', field: 'Api.contact' },
      },
    ]);
  });

  it('answers @requiresScopes fields only with the scope, FORBIDDEN without it', async () => {
    const withScope = await graphql(stack.gateway.agentsUrl, LINKS, undefined, as(await agent('openid catalogue:review')));
    expect(withScope.errors).toBeUndefined();
    const links = withScope.data?.apis.edges.flatMap(
      (e: { node: { startupLinks: { evidence: string[] | null }[] } }) => e.node.startupLinks,
    );
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((l: { evidence: string[] | null }) => Array.isArray(l.evidence) && l.evidence.length > 0)).toBe(true);

    const without = await graphql(stack.gateway.agentsUrl, LINKS, undefined, as(await agent('openid')));
    expect(codes(without)).toEqual(['FORBIDDEN']);
    expect(without.errors?.[0]?.message).toBe('Not allowed to read StartupApiLink.evidence: it needs the scope catalogue:review');
    const unscoped = without.data?.apis.edges.flatMap(
      (e: { node: { startupLinks: { evidence: string[] | null; startup: { id: string } }[] } }) => e.node.startupLinks,
    );
    expect(unscoped.map((l: { startup: { id: string } }) => l.startup.id)).toEqual(
      links.map((l: { startup: { id: string } }) => l.startup.id),
    );
    expect(unscoped.every((l: { evidence: unknown }) => l.evidence === null)).toBe(true);
  });
});

/** Whole results the gateway answered from memory (caching/kept-results.ts), from its metrics. */
async function keptResultsServed(): Promise<number> {
  const text = await (await fetch(`${stack.gateway.origin}/metrics`)).text();
  const line = text.match(/^gouvgraph_fetch_cache_reads_total\{upstream="operation",result="hit"[^}]*\} (\d+)/m);
  return Number(line?.[1] ?? 0);
}

describe('results kept for every caller', () => {
  it('answer a repeated read from memory, and never give a caller the fields it may not read', async () => {
    const scoped = as(await agent('openid catalogue:review'));
    const first = await graphql(stack.gateway.agentsUrl, LINKS, undefined, scoped);
    const served = await keptResultsServed();
    const again = await graphql(stack.gateway.agentsUrl, LINKS, undefined, scoped);
    expect(await keptResultsServed()).toBe(served + 1);
    expect(again).toEqual(first);
    // The same query, by callers allowed less, right after: their refusals, not the kept evidence.
    const evidence = (answer: typeof first) =>
      answer.data?.apis.edges.flatMap((e: { node: { startupLinks: { evidence: unknown }[] } }) =>
        e.node.startupLinks.map((l) => l.evidence),
      );
    expect(evidence(first).every((e: unknown) => Array.isArray(e))).toBe(true);
    for (const [token, code] of [
      [await agent('openid'), 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ] as const) {
      const refused = await graphql(stack.gateway.agentsUrl, LINKS, undefined, as(token));
      expect(codes(refused)).toEqual([code]);
      expect(evidence(refused).every((e: unknown) => e === null)).toBe(true);
    }
  });
});

describe('what a hostile caller tries', () => {
  it('cannot read a protected field by hiding it behind a directive whose variable defaults to true', async () => {
    const hidden = await graphql(
      stack.gateway.agentsUrl,
      'query($on: Boolean = true) { apis(first: 5) { edges { node { id contact @include(if: $on) } } } }',
    );
    expect(codes(hidden)).toEqual(['UNAUTHENTICATED']);
    expect(hidden.data?.apis.edges.every((e: { node: { contact: unknown } }) => e.node.contact === null)).toBe(true);
    const scoped = await graphql(
      stack.gateway.agentsUrl,
      'query($on: Boolean = true) { apis(first: 50) { edges { node { startupLinks(minConfidence: LOW) { evidence @include(if: $on) } } } } }',
      undefined,
      as(await agent('openid')),
    );
    expect(codes(scoped)).toEqual(['FORBIDDEN']);
  });

  it('cannot make the gateway spend exponential time putting back refused fields through nested fragments', async () => {
    // Four levels of 150 spreads: 500 million paths to the refused field if each were walked.
    const level = (name: string, next: string) =>
      `fragment ${name} on Api { ${Array.from({ length: 150 }, () => `...${next}`).join(' ')} }`;
    const query = `{ api(id: "api-acces-libre") { id ...F0 } } ${level('F0', 'F1')} ${level('F1', 'F2')} ${level('F2', 'F3')} ${level('F3', 'Leaf')} fragment Leaf on Api { contact }`;
    const answer = await graphql(stack.gateway.agentsUrl, query);
    expect(answer.data?.api).toEqual({ id: 'api-acces-libre', contact: null });
    expect(codes(answer)).toEqual(['UNAUTHENTICATED']);
  });
});
