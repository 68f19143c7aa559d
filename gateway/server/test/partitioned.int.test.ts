/**
 * The gateway over three real partners (France Travail, the ecology ministry's Fabrique
 * Numérique, the ANCT's Incubateur des Territoires) and one ordinary subgraph.
 * Over 400 lines: one gateway started once for every behaviour of the union it checks.
 */
import { compareBytewise, foldText, phaseFromSource } from '@gouvgraph/schema';
import { codes, graphql } from '@gouvgraph/testing';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/index.js';
import { quota } from '@gouvgraph/gateway-core';
import { data, startFeaturedSubgraph, startPartners, type Partners } from './helpers.js';

const IDS = ['francetravail', 'mtes', 'anct'];
const mine = data.startups.filter((s) => IDS.includes(s.incubator));
const globalId = (s: (typeof mine)[number]) => `${s.incubator}/${s.id}`;
/** The contract's order: sort key, then global id, byte-wise. */
const byName = [...mine].sort((a, b) => compareBytewise(foldText(a.title), foldText(b.title)) || compareBytewise(globalId(a), globalId(b)));
const FEATURED = ['mtes/acceslibre', 'anct/aidantsconnect', 'mtes/acceslibre', 'nowhere/x', 'francetravail/la-bonne-boite'];

let partners: Partners;
let featured: Awaited<ReturnType<typeof startFeaturedSubgraph>>;
let gateway: RunningGateway;
const query = (q: string, variables?: Record<string, unknown>) => graphql(gateway.url, q, variables);

/** POSTs `bytes` of body in chunks, with no content-length: the server only learns the size by reading. */
function postChunked(url: string, bytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

/** The partners a query contacted: the difference of the call counters around it. */
async function callsDuring(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = gateway.partnerCalls.snapshot();
  await run();
  const after = gateway.partnerCalls.snapshot();
  return Object.fromEntries(
    Object.entries(after)
      .map(([id, n]) => [id, n - (before[id] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  );
}

beforeAll(async () => {
  partners = await startPartners(IDS);
  featured = await startFeaturedSubgraph(FEATURED);
  gateway = await startGateway({
    supergraph: { kind: 'compose', subgraphs: [{ name: 'featured', url: featured.url }] },
    partners: partners.kits.map((k) => ({ id: k.partnerId, url: k.url })),
  });
});
afterAll(async () => {
  await gateway?.stop();
  await featured?.stop();
  await partners?.stop();
});

describe('government-wide reads', () => {
  it('lists every incubator with the counts the data files give', async () => {
    const result = await query('{ incubators { id name startups { totalCount } } startups { totalCount } }');
    expect(result.errors).toBeUndefined();
    expect(result.data?.incubators).toEqual(
      [...IDS].sort().map((id) => ({
        id,
        name: data.incubators.find((i) => i.id === id)?.title,
        startups: { totalCount: data.startups.filter((s) => s.incubator === id).length },
      })),
    );
    expect(result.data?.startups.totalCount).toBe(mine.length);
  });

  it('returns the first startups of the whole government by name, not the first of each partner', async () => {
    const result = await query('{ startups(first: 20) { edges { node { id name } } pageInfo { hasNextPage } } }');
    expect(result.data?.startups.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(byName.slice(0, 20).map(globalId));
    expect(result.data?.startups.pageInfo.hasNextPage).toBe(true);
  });

  it.each([
    ['NAME', 'ASC', 17],
    ['NAME', 'DESC', 50],
    ['STARTED', 'ASC', 33],
  ])('walks every startup once, in order (%s %s, pages of %i)', async (field, direction, size) => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 100; page++) {
      const result: Awaited<ReturnType<typeof query>> = await query(
        `query($after: String) { startups(first: ${size}, after: $after, orderBy: { field: ${field}, direction: ${direction} }) {
           totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(result.errors).toBeUndefined();
      const connection = result.data?.startups;
      total = connection.totalCount;
      seen.push(...connection.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(total).toBe(mine.length);
    expect(new Set(seen).size).toBe(mine.length);
    const key = (s: (typeof mine)[number]) =>
      field === 'NAME' ? foldText(s.title) : ([...s.phases].sort((a, b) => a.start.localeCompare(b.start))[0]?.start ?? '');
    const expected = [...mine].sort((a, b) => compareBytewise(key(a), key(b)) || compareBytewise(globalId(a), globalId(b))).map(globalId);
    expect(seen).toEqual(direction === 'ASC' ? expected : expected.reverse());
  });

  it('settles a page one partner dominates by asking it again, and only it', async () => {
    // "territoire" is mostly the ANCT's (the Incubateur des Territoires): its share overflows its quota.
    const matching = byName.filter((s) => foldText(`${s.title} ${s.mission}`).includes('territoire'));
    const anct = matching.filter((s) => s.incubator === 'anct').length;
    expect(anct / matching.length).toBeGreaterThan(0.6);
    let followedUp = 0;
    for (const first of [5, 12, 40]) {
      const result = await graphql(
        gateway.url,
        `{ startups(filter: { search: "territoire" }, first: ${first}) { totalCount edges { node { id } } pageInfo { hasNextPage } } }`,
        undefined,
        { headers: { 'gouvgraph-debug': 'partner-calls' } },
      );
      expect(result.data?.startups).toEqual({
        totalCount: matching.length,
        edges: matching.slice(0, first).map((s) => ({ node: { id: globalId(s) } })),
        pageInfo: { hasNextPage: matching.length > first },
      });
      // ANCT owes a follow-up exactly when its rows fill its quota and the page wants more.
      const share = quota(first, 3);
      const anctInPage = matching.slice(0, first).filter((s) => s.incubator === 'anct').length;
      const owes = share < first && anctInPage >= share && anct > share;
      const calls = (result.extensions?.gouvgraph as { partnerCalls: Record<string, number> }).partnerCalls;
      expect(calls, `first: ${first}`).toEqual({ anct: owes ? 2 : 1, mtes: 1, francetravail: 1 });
      if (owes) followedUp++;
    }
    expect(followedUp).toBeGreaterThan(0);
  });

  it('merges filtered connections: every accelerating startup of the three partners', async () => {
    const accelerating = mine.filter((s) => phaseFromSource(s.current_phase) === 'ACCELERATION');
    const result = await query(
      '{ startups(filter: { phase: ACCELERATION }, first: 100) { totalCount edges { node { id incubator { id } } } } }',
    );
    expect(result.data?.startups.totalCount).toBe(accelerating.length);
    expect(new Set(result.data?.startups.edges.map((e: { node: { id: string } }) => e.node.id))).toEqual(
      new Set(accelerating.map(globalId)),
    );
    for (const edge of result.data?.startups.edges ?? []) expect(edge.node.id.startsWith(`${edge.node.incubator.id}/`)).toBe(true);
  });
});

describe('routing: a query contacts only the partners it needs', () => {
  it('sends an incubator lookup, a startup lookup and an incubator-scoped list to the owner only', async () => {
    expect(await callsDuring(() => query('{ incubator(id: "mtes") { name } }'))).toEqual({ mtes: 1 });
    expect(await callsDuring(() => query('{ startup(id: "anct/aidantsconnect") { name } }'))).toEqual({ anct: 1 });
    expect(await callsDuring(() => query('{ startups(filter: { incubator: "francetravail" }) { totalCount } }'))).toEqual({
      francetravail: 1,
    });
  });

  it('fetches no row from any partner when the client reads only counts', async () => {
    for (const query_ of ['{ startups { totalCount } }', '{ startups(first: 0, filter: { active: true }) { totalCount } }']) {
      const before = partners.kits.map((k) => k.statements.count);
      const result = await query(query_);
      expect(result.errors).toBeUndefined();
      partners.kits.forEach((kit, i) => {
        const statements = kit.statements.recent.slice(-(kit.statements.count - (before[i] ?? 0)));
        expect(statements, kit.partnerId).toHaveLength(1);
        expect(statements[0], kit.partnerId).toMatch(/^select \(select count\(\*\)/);
        expect(statements[0], kit.partnerId).not.toMatch(/order by|limit/i);
      });
    }
  });

  it('keeps cursors valid across a gateway restart: they are positions, not gateway state', async () => {
    const page = (url: string, after: string | null) =>
      graphql(url, 'query($after: String) { startups(first: 13, after: $after) { edges { node { id } } pageInfo { endCursor } } }', {
        after,
      });
    const first = await page(gateway.url, null);
    const cursor = first.data?.startups.pageInfo.endCursor as string;
    const restarted = await startGateway({
      supergraph: { kind: 'compose', subgraphs: [{ name: 'featured', url: featured.url }] },
      partners: partners.kits.map((k) => ({ id: k.partnerId, url: k.url })),
      ide: false,
    });
    try {
      const second = await page(restarted.url, cursor);
      expect(second.data?.startups.edges).toEqual((await page(gateway.url, cursor)).data?.startups.edges);
      expect(second.data?.startups.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(byName.slice(13, 26).map(globalId));
    } finally {
      await restarted.stop();
    }
  });

  it('answers null for an id no partner owns, without calling anyone', async () => {
    let result: Awaited<ReturnType<typeof query>> | undefined;
    const calls = await callsDuring(
      async () =>
        (result = await query(`{ incubator(id: "calvados") { name } startup(id: "calvados/x") { name }
          startups(filter: { incubator: "calvados" }) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`)),
    );
    expect(calls).toEqual({});
    expect(result?.data).toEqual({
      incubator: null,
      startup: null,
      startups: { totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
    });
  });

  it("resolves another subgraph's startup references from their owners only, in order", async () => {
    let result: Awaited<ReturnType<typeof query>> | undefined;
    const calls = await callsDuring(async () => (result = await query('{ featured { id name incubator { id } } }')));
    expect(calls).toEqual({ mtes: 1, anct: 1, francetravail: 1 });
    const name = (id: string) => data.startups.find((s) => s.id === id)?.title;
    expect(result?.data?.featured).toEqual([
      { id: 'mtes/acceslibre', name: name('acceslibre'), incubator: { id: 'mtes' } },
      { id: 'anct/aidantsconnect', name: name('aidantsconnect'), incubator: { id: 'anct' } },
      { id: 'mtes/acceslibre', name: name('acceslibre'), incubator: { id: 'mtes' } },
      null,
      { id: 'francetravail/la-bonne-boite', name: name('la-bonne-boite'), incubator: { id: 'francetravail' } },
    ]);
  });
});

describe('writes through the gateway', () => {
  it('routes a mutation to the partner its ids name, and refuses an unknown partner', async () => {
    let created: Awaited<ReturnType<typeof query>> | undefined;
    const calls = await callsDuring(
      async () =>
        (created = await query(
          `mutation { createStartup(input: { incubatorId: "francetravail", slug: "premier-emploi-test", name: "Premier emploi",
             pitch: "Aider les jeunes à trouver un premier emploi", phaseStart: "2026-10-01" }) { id incubator { name } } }`,
        )),
    );
    expect(calls).toEqual({ francetravail: 1 });
    expect(created?.data?.createStartup).toEqual({
      id: 'francetravail/premier-emploi-test',
      incubator: { name: data.incubators.find((i) => i.id === 'francetravail')?.title },
    });
    const found = await query('{ startup(id: "francetravail/premier-emploi-test") { name } }');
    expect(found.data?.startup).toEqual({ name: 'Premier emploi' });

    const unknown = await query(
      `mutation { createStartup(input: { incubatorId: "calvados", slug: "x", name: "x", pitch: "x", phaseStart: "2026-10-01" }) { id } }`,
    );
    expect(codes(unknown)).toEqual(['UNKNOWN_PARTNER']);
    expect(unknown.errors?.[0]?.message).toContain('calvados');
  });
});

describe('writes across partners', () => {
  it('stops a mutation at its first failed field, as one server would, and applies nothing after it', async () => {
    const events = async () => (await query('{ startup(id: "anct/aidantsconnect") { events { date } } }')).data?.startup.events.length;
    const before = await events();
    const result = await query(`mutation {
      a: recordPhaseChange(startupId: "mtes/acceslibre", phase: CONSTRUCTION, start: "1999-01-01") { id }
      b: recordCommitteeReview(startupId: "anct/aidantsconnect", date: "2026-11-01") { id }
    }`);
    expect(result.data).toBeNull();
    expect(codes(result)).toEqual(['CONFLICT']);
    expect(await events()).toBe(before);
  });

  it('keeps startups of two incubators that use the same slug apart in every walk', async () => {
    for (const incubatorId of ['mtes', 'anct']) {
      const created = await query(`mutation { createStartup(input: { incubatorId: "${incubatorId}", slug: "zzz-jumeau", name: "Zzz jumeau",
        pitch: "Le même identifiant dans deux incubateurs", phaseStart: "2026-10-01" }) { id } }`);
      expect(created.errors).toBeUndefined();
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const result: Awaited<ReturnType<typeof query>> = await query(
        'query($after: String) { startups(filter: { search: "zzz jumeau" }, first: 1, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      seen.push(...result.data?.startups.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!result.data?.startups.pageInfo.hasNextPage) break;
      after = result.data?.startups.pageInfo.endCursor;
    }
    expect(seen).toEqual(['anct/zzz-jumeau', 'mtes/zzz-jumeau']);
  });
});

describe('pagination while partners write', () => {
  it('visits every startup once: rows added behind the cursor never appear, rows added ahead appear once', async () => {
    const create = (incubatorId: string, slug: string, name: string) =>
      query(`mutation { createStartup(input: { incubatorId: "${incubatorId}", slug: "${slug}", name: "${name}",
        pitch: "Ajoutée pendant le parcours", phaseStart: "2026-11-01" }) { id } }`);
    const seen: string[] = [];
    const names: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const result: Awaited<ReturnType<typeof query>> = await query(
        'query($after: String) { startups(first: 25, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      for (const edge of result.data?.startups.edges ?? []) {
        seen.push(edge.node.id);
        names.push(edge.node.name);
      }
      if (page === 1) {
        // Behind the cursor (sorts first) on one partner, ahead of it (sorts last) on the others.
        expect((await create('anct', 'aaa-ajout-derriere', 'AAA ajout derrière')).errors).toBeUndefined();
        expect((await create('mtes', 'zzz-ajout-devant', 'ZZZ ajout devant')).errors).toBeUndefined();
        expect((await create('francetravail', 'zzz-ajout-devant-bis', 'ZZZ ajout devant bis')).errors).toBeUndefined();
      }
      if (!result.data?.startups.pageInfo.hasNextPage) break;
      after = result.data?.startups.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain('anct/aaa-ajout-derriere');
    expect(seen.filter((id) => id.includes('zzz-ajout-devant'))).toEqual(['mtes/zzz-ajout-devant', 'francetravail/zzz-ajout-devant-bis']);
    for (const startup of mine) expect(seen, globalId(startup)).toContain(globalId(startup));
    const keys = seen.map((id, i) => [foldText(names[i] ?? ''), id] as const);
    for (let i = 1; i < keys.length; i++) {
      const [a, b] = [keys[i - 1], keys[i]] as [readonly [string, string], readonly [string, string]];
      expect(compareBytewise(a[0], b[0]) || compareBytewise(a[1], b[1]), `${a[1]} before ${b[1]}`).toBeLessThan(0);
    }
  });
});

describe('bad input gets a coded error, never a crash', () => {
  it('codes malformed, invalid and out-of-range operations', async () => {
    expect(codes(await query('{ incubators { id '))).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(codes(await query('{ incubators { phone } }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(codes(await query('{ startups(filter: { phase: FINISHED }) { totalCount } }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(codes(await query('query($f: Int) { startups(first: $f) { totalCount } }', { f: 'ten' }))).toEqual(['BAD_USER_INPUT']);
    let refused: Awaited<ReturnType<typeof query>> | undefined;
    const calls = await callsDuring(async () => (refused = await query('{ startups(first: 1000) { totalCount } }')));
    expect(codes(refused ?? {})).toEqual(['BAD_USER_INPUT']);
    expect(calls).toEqual({});
  });

  it('codes what goes wrong before GraphQL: not JSON, too large, no query, wrong method', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(gateway.url, { method: 'POST', headers: { 'content-type': type }, body });
    const notJson = await post('{"query": ');
    expect(notJson.status).toBe(400);
    expect(codes((await notJson.json()) as object)).toEqual(['BAD_REQUEST']);
    const huge = await post(JSON.stringify({ query: `{ incubators { id } } # ${'x'.repeat(2 * 1024 * 1024)}` }));
    expect(huge.status).toBe(413);
    expect(codes((await huge.json()) as object)).toEqual(['PAYLOAD_TOO_LARGE']);
    const empty = await post('{}');
    expect(empty.status).toBe(400);
    expect(codes((await empty.json()) as { errors: [] })).toEqual(['BAD_REQUEST']);
    const chunked = await postChunked(gateway.url, 2.5 * 1024 * 1024);
    expect(chunked.status).toBe(413);
    expect(codes(JSON.parse(chunked.body) as object)).toEqual(['PAYLOAD_TOO_LARGE']);
    const method = await fetch(gateway.url, { method: 'DELETE' });
    expect(method.status).toBe(405);
    expect(codes((await method.json()) as object)).toEqual(['BAD_REQUEST']);
  });
});

describe('a partner that is down', () => {
  it('leaves the rest of the answer whole and names the missing partner', async () => {
    // Nothing listens on 127.0.0.2 (every test server binds 127.0.0.1): the connection is refused.
    const url = 'http://127.0.0.2:4001/graphql';
    const healthy = (await query('{ startups { totalCount } }')).data?.startups.totalCount;
    const degraded = await startGateway({
      supergraph: { kind: 'compose', subgraphs: [] },
      partners: [...partners.kits.map((k) => ({ id: k.partnerId, url: k.url })), { id: 'culture', url }],
      partnerTimeoutMs: 2_000,
    });
    try {
      const result = await graphql(degraded.url, '{ incubators { id } startups { totalCount } incubator(id: "culture") { name } }');
      expect(result.data?.incubators.map((i: { id: string }) => i.id)).toEqual([...IDS].sort());
      expect(result.data?.startups.totalCount).toBe(healthy);
      expect(result.data?.incubator).toBeNull();
      // One failed partner, one error, at the first field it would have answered.
      expect(result.errors).toEqual([
        {
          message: 'Partner culture: the connection failed',
          path: ['incubators'],
          extensions: { code: 'PARTNER_UNAVAILABLE', partner: 'culture', serviceName: 'incubators' },
        },
      ]);
    } finally {
      await degraded.stop();
    }
  });
});

describe('the GraphQL IDE', () => {
  it.each([
    ['the dashboard', '/', 'GouvGraph'],
    ['the IDE', '/graphiql', 'GraphiQL'],
  ])('serves %s at %s with every asset from the gateway itself', async (_name, path, title) => {
    const page = await fetch(`${gateway.origin}${path}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain(title);
    // Everything it loads (scripts, styles, icons) comes from the gateway; its links may lead elsewhere.
    const sources = [...html.matchAll(/<(?:script|link|img)\b[^>]*?\b(?:src|href)="([^"#][^"]*)"/g)].map((m) => m[1] ?? '');
    expect(sources.length).toBeGreaterThanOrEqual(3);
    for (const source of sources) {
      expect(source.startsWith('/'), `${source} is served locally`).toBe(true);
      const asset = await fetch(`${gateway.origin}${source}`);
      expect(asset.status, source).toBe(200);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });
});
