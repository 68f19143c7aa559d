/**
 * The one upstream client, under the partner and the subgraph policies, against a real HTTP
 * server on port 0: both kinds check answers as strictly, retry reads only, share identical reads
 * but never a write or a caller's identity, pass the request id on, and measure every call.
 */
import { IDENTITY_HEADER, REQUEST_ID_HEADER } from '@gouvgraph/http';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartnerCallCounter, partnerPolicy, subgraphPolicy, UpstreamClient, type UpstreamPolicy } from '../src/index.js';

/** What the server answers next, how long it waits first, and what it received. */
const upstream = { status: 200, body: '{"data":{"ok":true}}', delayMs: 0, received: [] as IncomingHttpHeaders[] };
let server: Server;
let url = '';
const clients: UpstreamClient[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    upstream.received.push(req.headers);
    req.resume();
    req.on('end', () => {
      const { status, body } = upstream;
      setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end(body), upstream.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await new Promise((resolve) => server.close(resolve));
});

/** Makes the server answer `body` with `status` (after `delayMs`), and forgets what it received. */
function answer(status: number, body: unknown, delayMs = 0): void {
  Object.assign(upstream, { status, body: typeof body === 'string' ? body : JSON.stringify(body), delayMs, received: [] });
}

function client(policy: UpstreamPolicy, observed: string[] = [], calls?: PartnerCallCounter): UpstreamClient {
  const made = new UpstreamClient(policy, { calls, observe: (id, seconds, outcome) => observed.push(`${id} ${outcome} ${seconds >= 0}`) });
  clients.push(made);
  return made;
}

const READ = JSON.stringify({ query: '{ ok }' });

describe('answers that are not GraphQL', () => {
  // An error without a message, a path of objects: once passed on to @apollo/gateway as is.
  const malformed = [
    [{ errors: [{ msg: 'no message' }] }, 'an error has no message'],
    [{ data: null, errors: [{ message: 'x', path: [{ at: 1 }] }] }, 'an error path is not a list of names and indexes'],
    [{ data: [] }, '`data` is not an object'],
  ] as const;
  for (const [body, problem] of malformed) {
    it(`are refused the same way from a partner and from a subgraph: ${problem}`, async () => {
      answer(200, body);
      const partner = await client(partnerPolicy({ retries: 0 })).send({ id: 'mtes', url }, READ);
      expect(partner).toEqual({
        ok: false,
        errors: [
          {
            message: `Partner mtes: HTTP 200, not a GraphQL answer: ${problem}`,
            extensions: { code: 'PARTNER_INVALID_RESPONSE', partner: 'mtes' },
          },
        ],
      });
      const subgraph = await client(subgraphPolicy()).send({ id: 'catalog', url }, READ);
      expect(subgraph).toEqual({
        ok: false,
        errors: [
          {
            message: 'Subgraph catalog: HTTP 200, not a GraphQL answer',
            extensions: { code: 'SUBGRAPH_INVALID_RESPONSE', subgraph: 'catalog' },
          },
        ],
      });
    });
  }

  it('passes a GraphQL answer on, errors included', async () => {
    answer(200, { data: { ok: null }, errors: [{ message: 'boom', path: ['ok'], extensions: { code: 'NOT_FOUND' } }] });
    expect(await client(subgraphPolicy()).send({ id: 'catalog', url }, READ)).toEqual({
      ok: true,
      data: { ok: null },
      errors: [{ message: 'boom', path: ['ok'], extensions: { code: 'NOT_FOUND' } }],
    });
  });
});

describe('retries', () => {
  for (const [kind, policy, code] of [
    ['a partner', partnerPolicy({ retries: 2 }), 'PARTNER_UNAVAILABLE'],
    ['a subgraph', subgraphPolicy({ retries: 2 }), 'SUBGRAPH_UNAVAILABLE'],
  ] as const) {
    it(`retry a read of ${kind} that said HTTP 502, and never a write`, async () => {
      const observed: string[] = [];
      const calls = new PartnerCallCounter();
      const upstreamClient = client(policy, observed, calls);
      answer(502, '<html>Bad Gateway</html>');
      const read = await upstreamClient.send({ id: 'u', url }, READ);
      expect(read.errors?.[0]?.extensions?.code).toBe(code);
      expect(upstream.received).toHaveLength(3);
      answer(502, '<html>Bad Gateway</html>');
      await upstreamClient.send({ id: 'u', url }, JSON.stringify({ query: 'mutation { write }' }), { idempotent: false });
      expect(upstream.received).toHaveLength(1);
      // One measurement per call, attempts counted one by one.
      expect(observed).toEqual([`u ${code} true`, `u ${code} true`]);
      expect(calls.get('u')).toBe(4);
    });
  }
});

describe('headers and sharing', () => {
  it('passes the request id on, signs the identity of a write, and shares identical reads only', async () => {
    const subgraphs = client(subgraphPolicy());
    answer(200, { data: { ok: true } }, 100);
    const reads = await Promise.all([1, 2, 3].map(() => subgraphs.send({ id: 'catalog', url }, READ, { requestId: 'req-1' })));
    expect(reads.every((r) => r.ok)).toBe(true);
    expect(upstream.received).toHaveLength(1);
    expect(upstream.received[0]?.[REQUEST_ID_HEADER]).toBe('req-1');
    expect(upstream.received[0]?.[IDENTITY_HEADER]).toBeUndefined();

    const partners = client(partnerPolicy());
    answer(200, { data: { ok: true } }, 100);
    const write = JSON.stringify({ query: 'mutation { write }' });
    const identity = (audience: string, body: string) => `${audience}:${body.length}`;
    await Promise.all([1, 2].map(() => partners.send({ id: 'mtes', url }, write, { idempotent: false, identity })));
    expect(upstream.received).toHaveLength(2);
    expect(upstream.received.map((h) => h[IDENTITY_HEADER])).toEqual([`mtes:${write.length}`, `mtes:${write.length}`]);
  });

  it('gives up at the deadline with the kind’s timeout code', async () => {
    // undici checks its header deadlines on a coarse timer (up to a second late): far enough apart.
    answer(200, { data: { ok: true } }, 2_500);
    const late = await client(subgraphPolicy({ timeoutMs: 100 })).send({ id: 'impact', url }, READ);
    expect(late.errors?.[0]).toEqual({
      message: 'Subgraph impact: no answer within 100 ms',
      extensions: { code: 'SUBGRAPH_TIMEOUT', subgraph: 'impact' },
    });
  });
});
