/**
 * Hostile requests, generated: garbage bodies, malformed and mutated documents, deep, wide,
 * aliased and fragment-bomb operations, type-confused variables, odd methods and batches. Each
 * is a plain HTTP request description, so the same corpus is thrown at the gateway and at every
 * subgraph. Deterministic (seeded), so a failure can be replayed.
 */

export interface HostileRequest {
  /** What kind of abuse, for the report. */
  kind: string;
  method: string;
  /** Appended to the endpoint URL (a query string for GET). */
  search?: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** A small deterministic random generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const post = (kind: string, body: unknown): HostileRequest => ({ kind, method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) });

/** Valid operations of the gateway's graph, the seeds that mutations start from. */
const SEEDS = [
  '{ startups(first: 5) { totalCount edges { cursor node { id name phase incubator { name } } } pageInfo { endCursor } } }',
  'query One($id: ID!) { startup(id: $id) { name phases { phase start end } events { kind date } sponsors { name } } }',
  '{ incubators { id name owner { name } startups(first: 2) { edges { node { slug } } } } }',
  '{ apis(search: "énergie", first: 3) { edges { node { title producer { name } builtBy { name } } } } apiThemes { name apiCount } }',
  'mutation { recordCommitteeReview(startupId: "mtes/aigle", date: "2026-01-01") { id } }',
  '{ programmeImpact(incubator: "mtes") { startupsEntered } }',
  '{ __schema { types { name fields { name type { name ofType { name } } } } } }',
];

const GARBAGE_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  2 ** 53 + 1,
  '',
  'x'.repeat(10_000),
  [],
  {},
  [[[[]]]],
  { a: { b: { c: {} } } },
  true,
  '\u0000',
  '\uD800',
  '🙂'.repeat(100),
];

/** The whole corpus: about `count` requests. */
export function hostileRequests(count: number, seed = 20261129): HostileRequest[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const out: HostileRequest[] = [];

  // Bodies that are not GraphQL requests at all.
  out.push(
    { kind: 'empty body', method: 'POST', headers: JSON_HEADERS, body: '' },
    { kind: 'not JSON', method: 'POST', headers: JSON_HEADERS, body: '{"query": ' },
    { kind: 'JSON number', method: 'POST', headers: JSON_HEADERS, body: '42' },
    { kind: 'JSON null', method: 'POST', headers: JSON_HEADERS, body: 'null' },
    { kind: 'JSON string', method: 'POST', headers: JSON_HEADERS, body: '"{ incubators { id } }"' },
    { kind: 'array of numbers', method: 'POST', headers: JSON_HEADERS, body: '[1, 2, 3]' },
    {
      kind: 'huge batch',
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify(Array.from({ length: 1_000 }, () => ({ query: '{ __typename }' }))),
    },
    {
      kind: 'oversized body',
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(2 * 1024 * 1024)}` }),
    },
    { kind: 'form body', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' },
    { kind: 'text body', method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ __typename }' },
    { kind: 'no content type', method: 'POST', headers: {}, body: '{"query":"{ __typename }"}' },
    { kind: 'PUT', method: 'PUT', headers: JSON_HEADERS, body: '{"query":"{ __typename }"}' },
    { kind: 'DELETE', method: 'DELETE', headers: {} },
    { kind: 'GET without query', method: 'GET', headers: { 'apollo-require-preflight': 'true' } },
    {
      kind: 'GET mutation',
      method: 'GET',
      search: `?query=${encodeURIComponent('mutation { __typename }')}`,
      headers: { 'apollo-require-preflight': 'true' },
    },
    {
      kind: 'GET unknown operationName',
      method: 'GET',
      search: `?query=${encodeURIComponent('query A { __typename }')}&operationName=B`,
      headers: { 'apollo-require-preflight': 'true' },
    },
    {
      kind: 'GET variables not JSON',
      method: 'GET',
      search: `?query=${encodeURIComponent('{ __typename }')}&variables=%7Bnope`,
      headers: { 'apollo-require-preflight': 'true' },
    },
    {
      kind: 'GET extensions not JSON',
      method: 'GET',
      search: `?query=${encodeURIComponent('{ __typename }')}&extensions=%5B`,
      headers: { 'apollo-require-preflight': 'true' },
    },
    post('query not a string', { query: 42 }),
    post('query an object', { query: { kind: 'Document' } }),
    post('variables a list', { query: '{ __typename }', variables: [1, 2] }),
    post('variables a string', { query: '{ __typename }', variables: '{}' }),
    post('operationName a number', { query: '{ __typename }', operationName: 7 }),
    post('unknown operationName', { query: 'query A { __typename }', operationName: 'B' }),
    post('two anonymous operations', { query: '{ __typename } { __typename }' }),
    post('subscription', { query: 'subscription { __typename }' }),
    post('mutation without one', { query: 'mutation { __typename }' }),
    post('persisted query unknown', { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
    post('persisted query malformed', { extensions: { persistedQuery: { version: 'x', sha256Hash: 12 } } }),
    post('deep brackets', { query: `${'{'.repeat(10_000)}${'}'.repeat(10_000)}` }),
    post('deep list value', { query: `{ startup(id: ${'['.repeat(5_000)}"x"${']'.repeat(5_000)}) { id } }` }),
    post('unterminated string', { query: '{ startup(id: "mtes/aigle) { id } }' }),
    post('NUL in document', { query: '{ startup(id: "mtes/\u0000") { id } }' }),
    post('lone surrogate', { query: '{ startup(id: "\uD800") { id } }' }),
    post('fragment cycle', { query: '{ incubators { ...A } } fragment A on Incubator { ...B } fragment B on Incubator { ...A }' }),
    post('unknown fragment', { query: '{ incubators { ...Nope } }' }),
    post('unknown directive', { query: '{ incubators @nope { id } }' }),
    post('directive wrong type', { query: '{ incubators @include(if: "yes") { id } }' }),
    post('directive flood', { query: `{ incubators { id ${'@skip(if: false) '.repeat(500)} } }` }),
  );

  // Deep, wide and aliased operations over the graph's recursive relations.
  const nested = (depth: number): string =>
    depth === 0 ? 'id' : `incubator { startups(first: 1) { edges { node { ${nested(depth - 1)} } } } }`;
  out.push(post('depth 250', { query: `{ startup(id: "mtes/aigle") { ${nested(250)} } }` }));
  out.push(
    post('10k aliases', {
      query: `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: startups(first: 100) { totalCount }`).join(' ')} }`,
    }),
  );
  out.push(post('10k fields', { query: `{ incubators { ${'id '.repeat(10_000)} } }` }));
  const level = (name: string, nextName: string) =>
    `fragment ${name} on Incubator { ${Array.from({ length: 10 }, (_, i) => `a${i}: startups(first: 100) { edges { node { incubator { ...${nextName} } } } }`).join(' ')} }`;
  const names = ['F1', 'F2', 'F3', 'F4', 'F5', 'F6'];
  out.push(
    post('fragment bomb', {
      query: `{ incubators { ...F1 } } ${names.map((n, i) => level(n, names[i + 1] ?? 'Leaf')).join(' ')} fragment Leaf on Incubator { id }`,
    }),
  );

  // Type-confused variables on real operations.
  for (const value of GARBAGE_VALUES) {
    out.push(
      post('type-confused variable', {
        query: 'query($id: ID!, $n: Int) { startup(id: $id) { id } startups(first: $n) { totalCount } }',
        variables: { id: value, n: value },
      }),
    );
    out.push(
      post('type-confused input', {
        query: 'mutation($i: UpdateStartupInput!) { updateStartup(id: "mtes/aigle", input: $i) { id } }',
        variables: { i: value },
      }),
    );
    out.push(
      post('type-confused filter', {
        query: 'query($f: StartupFilter) { startups(filter: $f) { totalCount } }',
        variables: { f: { phase: value, search: value, incubator: value } },
      }),
    );
    out.push(post('type-confused cursor', { query: 'query($a: String) { startups(after: $a) { totalCount } }', variables: { a: value } }));
  }

  // Mutations of valid documents: characters dropped, doubled, swapped, or replaced with syntax.
  const syntax = ['{', '}', '(', ')', ':', '$', '@', '...', '"', '!', '[', ']', '#', ' on ', 'fragment', '\\', '\n'];
  while (out.length < count) {
    const source = pick(SEEDS);
    const chars = [...source];
    const edits = 1 + Math.floor(next() * 4);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(next() * chars.length);
      const r = next();
      if (r < 0.3) chars.splice(at, 1);
      else if (r < 0.6) chars.splice(at, 0, pick(syntax));
      else if (r < 0.8) chars.splice(at, 0, chars[at] ?? '');
      else chars[at] = pick(syntax);
    }
    const variables = next() < 0.3 ? { id: pick(GARBAGE_VALUES) } : next() < 0.5 ? { id: 'mtes/aigle' } : undefined;
    out.push(post('mutated document', { query: chars.join(''), ...(variables ? { variables } : {}) }));
  }
  return out;
}
