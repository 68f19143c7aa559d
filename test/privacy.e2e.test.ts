/**
 * No personal data in the graph: crawl every field of every type the graph serves — the full
 * variant, as an agent with every scope, all 23 real partners, the catalogue and the impact
 * subgraph — and check that no string in it holds a personal e-mail address or a member's name
 * from the source data (their fingerprints: data/personal-fingerprints.json).
 */
import { startStack, type Stack } from '@gouvgraph/stack';
import { graphql, startIdentityProvider, type TestIdentityProvider } from '@gouvgraph/testing';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLNamedType,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPersonalFingerprints, personalIn } from './src/index.js';

const fingerprints = loadPersonalFingerprints();
let provider: TestIdentityProvider;
let stack: Stack;

beforeAll(async () => {
  provider = await startIdentityProvider();
  stack = await startStack({
    database: { kind: 'pglite' },
    agents: { issuer: provider.issuer, audience: provider.audience, jwksUrl: provider.jwksUrl },
  });
});
afterAll(async () => {
  await stack?.stop();
  await provider?.close();
});

/** Every field of `type` a query can ask without arguments it must invent, `depth` levels down. */
function selectionOf(type: GraphQLNamedType, depth: number): string {
  if (!isObjectType(type)) return '';
  const fields = Object.values(type.getFields()).flatMap((field) => {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) return [];
    const named = getNamedType(field.type);
    if (isLeafType(named)) return [field.name];
    if (depth === 0) return [];
    const inner = selectionOf(named, depth - 1);
    return inner ? [`${field.name} { ${inner} }`] : [];
  });
  return fields.join(' ');
}

/** Every string of an answer, however deep. */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) stringsOf(item, out);
  return out;
}

describe('privacy', () => {
  it('no personal e-mail address nor member name of the source is reachable through any field', async () => {
    expect(fingerprints.emails.size).toBeGreaterThan(100);
    // The detector finds what it must: the sponsor record that is a person (data/scripts, `bruno-chiocchia`).
    expect(personalIn('Sponsor : Bruno Chiocchia, direction')).toEqual(['a name ("bruno chiocchia")']);
    const token = await provider.token({ scope: 'catalogue:review' });
    const auth = { headers: { authorization: `Bearer ${token}` } };
    const url = stack.gateway.agentsUrl;
    const introspection = await graphql(url, getIntrospectionQuery(), undefined, auth);
    const schema = buildClientSchema(introspection.data as unknown as IntrospectionQuery);
    const type = (name: string) => schema.getType(name) as GraphQLNamedType;

    const strings: string[] = [];
    const crawl = async (query: string, variables: Record<string, unknown> = {}) => {
      const answer = await graphql(url, query, variables, auth);
      expect(answer.errors, query.slice(0, 120)).toBeUndefined();
      strings.push(...stringsOf(answer.data));
      return answer.data;
    };
    const incubators = (await crawl(`{ incubators { ${selectionOf(type('Incubator'), 2)} } }`)) as { incubators: { id: string }[] };
    expect(incubators.incubators).toHaveLength(23);
    // Every startup of every partner, every field two levels down (their incubator, sponsors,
    // APIs, impact…), one partner at a time: across all of them at once, it is over the cost limit.
    for (const { id } of incubators.incubators) {
      for (let after: string | null = null, pages = 0; pages === 0 || after; pages++) {
        const data = await crawl(
          `query($incubator: ID, $after: String) { startups(filter: { incubator: $incubator }, first: 20, after: $after) { edges { node { ${selectionOf(type('Startup'), 2)} } } pageInfo { hasNextPage endCursor } } }`,
          { incubator: id, after },
        );
        const page = (data as { startups: { pageInfo: { hasNextPage: boolean; endCursor: string } } }).startups.pageInfo;
        after = page.hasNextPage ? page.endCursor : null;
      }
    }
    // Every API of the catalogue, contacts and link evidence included (agents with the scope see them).
    for (let after: string | null = null, pages = 0; pages === 0 || after; pages++) {
      const data = await crawl(
        `query($after: String) { apis(first: 50, after: $after) { edges { node { ${selectionOf(type('Api'), 2)} } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const page = (data as { apis: { pageInfo: { hasNextPage: boolean; endCursor: string } } }).apis.pageInfo;
      after = page.hasNextPage ? page.endCursor : null;
    }
    await crawl(`{ apiThemes { name apiCount } programmeImpact { ${selectionOf(type('ProgrammeImpact'), 2)} } }`);

    // The crawl saw the graph, contacts included, not an empty shell.
    expect(strings.length).toBeGreaterThan(20_000);
    expect(strings.some((s) => /@/.test(s))).toBe(true);
    const leaks = strings.flatMap((s) => personalIn(s).map((what) => `${what} in "${s.slice(0, 40)}…"`));
    expect(leaks).toEqual([]);
  });
});
