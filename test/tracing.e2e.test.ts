/**
 * Traces across real processes, as an operator sees them in their tracing backend: a gateway and
 * two partners' kits (one on PGlite, one on the Postgres server) export over OTLP/HTTP to a
 * receiver; one request is one trace — the caller's `traceparent` is its parent, then the gateway's
 * request, planning and partner fetches, each partner's request, and its SQL statements — and a
 * partner that cannot be reached is a failed span carrying its error code.
 */
import { createPostgresDatabase, type TestDatabase } from '@gouvgraph/testing';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, startProcess, type OtlpReceiver, type ReceivedSpan } from './src/index.js';

const processes: ChildProcess[] = [];
let receiver: OtlpReceiver;
let anctDb: TestDatabase;
let gatewayUrl = '';
/** A partner registered but not running: nothing listens on port 9 (discard) here. */
const DOWN = 'dinum_produits_interministeriels';

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  anctDb = await createPostgresDatabase();
  const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '100', OTEL_SERVICE_NAME: '' };
  const kit = (id: string, databaseUrl: string) =>
    startProcess(
      'subgraphs/incubator/src/main.ts',
      [],
      { ...tracing, PARTNER_ID: id, PORT: '0', DATABASE_URL: databaseUrl, GOUVGRAPH_IDENTITY_PUBLIC_KEY: '' },
      processes,
    );
  const [mtes, anct] = await Promise.all([kit('mtes', ''), kit('anct', anctDb.config.kind === 'postgres' ? anctDb.config.url : '')]);
  const gateway = await startProcess(
    'gateway/server/src/main.ts',
    ['--partner', `mtes=${mtes.url}`, '--partner', `anct=${anct.url}`, '--partner', `${DOWN}=http://127.0.0.1:9/graphql`, '--port', '0'],
    // Every partner is asked every time (no answer kept, whole or per partner), the one that is down
    // too: no circuit opening between the tests.
    { ...tracing, RESPONSE_CACHE_TTL_MS: '0', FETCH_CACHE_TTL_MS: '0', PARTNER_RETRIES: '0', CIRCUIT_FAILURE_THRESHOLD: '1000' },
    processes,
  );
  gatewayUrl = gateway.url;
}, 60_000);

afterAll(async () => {
  for (const child of processes) if (child.exitCode === null) child.kill('SIGKILL');
  await receiver?.stop();
  await anctDb?.drop();
});

const QUERY = 'query Recherche($words: String!) { startups(first: 3, filter: { search: $words }) { edges { node { id name } } } }';
/** Words a citizen might type: a variable's value, which no span may hold. */
const WORDS = 'rénovation énergétique';

async function ask(
  headers: Record<string, string> = {},
): Promise<{ requestId: string; body: { data?: unknown; errors?: { extensions?: { code?: string; partner?: string } }[] } }> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: QUERY, variables: { words: WORDS } }),
  });
  return { requestId: response.headers.get('x-request-id') ?? '', body: (await response.json()) as never };
}

/** The spans of one trace, and a way to walk from a span up to the root. */
function traceOf(spans: ReceivedSpan[], traceId: string) {
  const own = spans.filter((s) => s.traceId === traceId);
  const byId = new Map(own.map((s) => [s.spanId, s]));
  const ancestors = (span: ReceivedSpan): ReceivedSpan[] => {
    const chain: ReceivedSpan[] = [];
    for (
      let parent = span.parentSpanId && byId.get(span.parentSpanId);
      parent;
      parent = parent.parentSpanId && byId.get(parent.parentSpanId)
    )
      chain.push(parent);
    return chain;
  };
  return { own, ancestors };
}

const kitService = (id: string) => `gouvgraph-incubator-${id}`;
const isSql = (s: ReceivedSpan) => s.attributes['db.system.name'] === 'postgresql';

/** Everything one traced request should have produced, once exported. */
const complete = (traceId: string) => (spans: ReceivedSpan[]) => {
  const own = spans.filter((s) => s.traceId === traceId);
  return (
    ['mtes', 'anct'].every((id) => own.some((s) => s.service === kitService(id) && isSql(s))) &&
    own.filter((s) => s.name === 'partner.fetch').length === 3 &&
    own.some((s) => s.name === 'POST /graphql' && s.service === 'gouvgraph-gateway')
  );
};

describe('OpenTelemetry traces across the gateway and the partners', () => {
  it("continues the caller's trace through the gateway, each partner and their SQL", async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const { requestId, body } = await ask({ traceparent: `00-${traceId}-${callerSpan}-01` });
    expect(body.data).toBeTruthy();

    const { own, ancestors } = traceOf(await receiver.waitFor(complete(traceId)), traceId);
    const request = own.find((s) => s.service === 'gouvgraph-gateway' && s.name === 'POST /graphql') as ReceivedSpan;
    expect(request.parentSpanId).toBe(callerSpan);
    expect(request.kind).toBe(2);
    expect(request.attributes['gouvgraph.request_id']).toBe(requestId);
    expect(request.attributes['http.response.status_code']).toBe(200);
    // @apollo/gateway's own spans join the same trace, below the request.
    for (const name of ['gateway.request', 'gateway.plan', 'gateway.fetch']) {
      const span = own.find((s) => s.name === name);
      expect(span, name).toBeDefined();
      expect(ancestors(span as ReceivedSpan)).toContain(request);
    }

    for (const id of ['mtes', 'anct']) {
      const fetch = own.find((s) => s.name === 'partner.fetch' && s.attributes['gouvgraph.partner'] === id) as ReceivedSpan;
      expect(fetch.failed).toBe(false);
      expect(ancestors(fetch)).toContain(request);
      // The partner's request is a child of the gateway's fetch: the traceparent crossed processes.
      const served = own.find((s) => s.service === kitService(id) && s.kind === 2) as ReceivedSpan;
      expect(served.parentSpanId).toBe(fetch.spanId);
      expect(served.attributes['gouvgraph.request_id']).toBe(requestId);
      const statements = own.filter((s) => s.service === kitService(id) && isSql(s));
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(ancestors(statement)).toContain(served);
        expect(statement.kind).toBe(3);
        // The statement as written, placeholders and all; never what the caller typed.
        expect(String(statement.attributes['db.query.text'])).toMatch(/^\s*(select|with)\b/i);
      }
    }
    for (const span of own) expect(JSON.stringify(span.attributes)).not.toContain('rénovation');
  });

  it('marks the fetch of a partner that cannot be reached as failed, with its code', async () => {
    const traceId = randomBytes(16).toString('hex');
    const { body } = await ask({ traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` });
    expect(body.errors?.map((e) => [e.extensions?.code, e.extensions?.partner])).toContainEqual(['PARTNER_UNAVAILABLE', DOWN]);

    const { own } = traceOf(await receiver.waitFor(complete(traceId)), traceId);
    const down = own.find((s) => s.name === 'partner.fetch' && s.attributes['gouvgraph.partner'] === DOWN) as ReceivedSpan;
    expect(down.failed).toBe(true);
    expect(down.attributes['gouvgraph.error_code']).toBe('PARTNER_UNAVAILABLE');
  });

  it('starts a trace of its own for a caller that sends none, still followed into every partner', async () => {
    const before = new Set(receiver.spans.map((s) => s.traceId));
    const { requestId } = await ask();
    const spans = await receiver.waitFor((all) =>
      all.some((s) => s.name === 'POST /graphql' && s.attributes['gouvgraph.request_id'] === requestId && !before.has(s.traceId)),
    );
    const request = spans.find((s) => s.name === 'POST /graphql' && s.attributes['gouvgraph.request_id'] === requestId) as ReceivedSpan;
    expect(request.parentSpanId).toBeUndefined();
    const { own } = traceOf(await receiver.waitFor(complete(request.traceId)), request.traceId);
    expect(new Set(own.map((s) => s.service))).toEqual(new Set(['gouvgraph-gateway', kitService('mtes'), kitService('anct')]));
  });
});
