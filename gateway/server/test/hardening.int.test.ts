/**
 * What a public endpoint needs beyond limits: production hides the schema, CSRF-prone requests
 * are refused, only allowed origins get CORS, HTML pages carry security headers, and callers are
 * rate limited — in memory, or across replicas through the Redis server on this machine.
 */
import { codes, graphql } from '@gouvgraph/testing';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayOptions, type RunningGateway } from '../src/index.js';
import { startPartners, type Partners } from './helpers.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let partners: Partners;
const opened: RunningGateway[] = [];

async function gateway(options: Partial<GatewayOptions> = {}): Promise<RunningGateway> {
  const started = await startGateway({
    supergraph: { kind: 'compose', subgraphs: [] },
    partners: partners.kits.map((k) => ({ id: k.partnerId, url: k.url })),
    ...options,
  });
  opened.push(started);
  return started;
}

beforeAll(async () => {
  partners = await startPartners(['mtes', 'anct']);
});
afterAll(async () => {
  await Promise.all(opened.map((g) => g.stop()));
  await partners?.stop();
});

describe('production settings', () => {
  it('hides the schema: no introspection, no field suggestions, no IDE', async () => {
    const production = await gateway({ introspection: false, ide: false });
    const introspection = await graphql(production.url, '{ __schema { types { name } } }');
    expect(codes(introspection)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const typo = await graphql(production.url, '{ startup(id: "mtes/acceslibre") { nme } }');
    expect(codes(typo)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
    expect((await fetch(`${production.origin}/graphiql`)).status).toBe(404);
    // The dashboard is the public's page, not a developer's tool: it stays.
    expect((await fetch(production.origin)).status).toBe(200);
    // The development default suggests, which is what a developer wants.
    const local = await gateway();
    expect((await graphql(local.url, '{ startup(id: "mtes/acceslibre") { nme } }')).errors?.[0]?.message).toMatch(/Did you mean "name"/);
  });

  it('shows partners’ internal addresses in /-/partners to the admin token only', async () => {
    const production = await gateway({ partnerUrlsPublic: false, adminToken: 'admin-secret' });
    const read = async (authorization?: string) =>
      (
        (await (await fetch(`${production.origin}/-/partners`, authorization ? { headers: { authorization } } : {})).json()) as {
          partners: { id: string; url?: string; status: string }[];
        }
      ).partners;
    const anyone = await read();
    expect(anyone.map((p) => p.id).sort()).toEqual(partners.kits.map((k) => k.partnerId).sort());
    expect(anyone.every((p) => p.url === undefined && typeof p.status === 'string')).toBe(true);
    expect((await read('Bearer wrong-token')).some((p) => p.url !== undefined)).toBe(false);
    const urls = (list: { url?: string }[]) => list.map((p) => p.url).sort();
    expect(urls(await read('Bearer admin-secret'))).toEqual(partners.kits.map((k) => k.url).sort());
    // In development, the operator on their own machine reads them as before.
    const local = (await (await fetch(`${(await gateway()).origin}/-/partners`)).json()) as { partners: { url?: string }[] };
    expect(urls(local.partners)).toEqual(partners.kits.map((k) => k.url).sort());
  });

  it('refuses a request a browser could send across sites without asking (CSRF)', async () => {
    const local = await gateway();
    const simpleGet = await fetch(`${local.url}?query=${encodeURIComponent('{ incubators { id } }')}`);
    expect(simpleGet.status).toBe(400);
    expect(codes((await simpleGet.json()) as Parameters<typeof codes>[0])).toEqual(['BAD_REQUEST']);
    const textPost = await fetch(local.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ incubators { id } }' }),
    });
    expect(textPost.status).toBe(400);
    // What a GraphQL client sends passes.
    const preflighted = await fetch(`${local.url}?query=${encodeURIComponent('{ incubators { id } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
  });

  it('answers CORS for allowed origins only', async () => {
    const withCors = await gateway({ corsOrigins: ['https://tableau.beta.gouv.fr'] });
    const preflight = await fetch(withCors.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://tableau.beta.gouv.fr',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://tableau.beta.gouv.fr');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
    const allowed = await fetch(withCors.url, {
      method: 'POST',
      headers: { origin: 'https://tableau.beta.gouv.fr', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ incubators { id } }' }),
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://tableau.beta.gouv.fr');
    const other = await fetch(withCors.url, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ incubators { id } }' }),
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const otherPreflight = await fetch(withCors.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(otherPreflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('says a request’s own mistake found while executing is the request’s, not an internal error', async () => {
    const local = await gateway();
    const answer = await graphql(local.url, 'query($on: Boolean = true) { incubators @include(if: $on) { id } }', { on: null });
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.errors?.[0]?.message).toMatch(/is null, but @include\(if:\) must be true or false/);
  });

  it('answers a request target that is not a path with a coded 400', async () => {
    const local = await gateway();
    const { connect } = await import('node:net');
    for (const target of ['//', 'http://[/graphql']) {
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(new URL(local.origin).port), '127.0.0.1', () =>
          socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
        );
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      expect(raw, target).toMatch(/^HTTP\/1\.1 400/);
      expect(raw, target).toContain('"code":"BAD_REQUEST"');
    }
  });

  it('serves HTML pages with a content security policy and no framing', async () => {
    const local = await gateway();
    const page = await fetch(`${local.origin}/graphiql`);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    // The dashboard has no inline script at all.
    const dashboard = await fetch(`${local.origin}/`);
    expect(dashboard.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(dashboard.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('rate limits', () => {
  const burst = async (url: string, n: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) statuses.push((await graphql(url, '{ incubators { id } }')).status);
    return statuses;
  };

  it('answers 429 RATE_LIMITED with Retry-After past a caller’s requests per minute', async () => {
    const limited = await gateway({ rateLimit: { perMinute: 5 } });
    expect(await burst(limited.url, 5)).toEqual([200, 200, 200, 200, 200]);
    const before = limited.partnerCalls.total();
    const over = await fetch(limited.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ incubators { id } }' }),
    });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(codes((await over.json()) as Parameters<typeof codes>[0])).toEqual(['RATE_LIMITED']);
    expect(limited.partnerCalls.total()).toBe(before);
  });

  it('behind a proxy, counts the address the proxy saw, not what the client wrote', async () => {
    const proxied = await gateway({ rateLimit: { perMinute: 3, trustProxy: true } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      // A client rotating the left part; the proxy appends the real address on the right.
      const headers = { 'x-forwarded-for': `10.0.${i}.1, 198.51.100.7` };
      statuses.push((await graphql(proxied.url, '{ incubators { id } }', undefined, { headers })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
  });

  it('stops an address out of requests before checking the tokens it makes up', async () => {
    const limited = await gateway({ rateLimit: { perMinute: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const headers = { authorization: `Bearer ggp_made-up-${i}` };
      statuses.push((await graphql(limited.url, '{ incubators { id } }', undefined, { headers })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
  });

  it('counts across gateway replicas through Redis', async () => {
    const shared = { perMinute: 6, redisUrl: REDIS_URL, keyPrefix: `gouvgraph-test-${randomBytes(6).toString('hex')}` };
    const a = await gateway({ rateLimit: shared });
    const b = await gateway({ rateLimit: shared });
    expect([...(await burst(a.url, 3)), ...(await burst(b.url, 3))]).toEqual([200, 200, 200, 200, 200, 200]);
    expect((await burst(a.url, 1))[0]).toBe(429);
    expect((await burst(b.url, 1))[0]).toBe(429);
  });
});
