/**
 * One ministry down is not the government down. Three real partners, one of them behind a
 * proxy that the test makes fail in each way partners fail; the answer must hold every healthy
 * partner's data exactly, say which partner is missing, and never hang or 500.
 */
import {
  codes,
  graphql,
  manualClock,
  startMisbehavingProxy,
  type GraphQLResult,
  type MisbehavingProxy,
  type ProxyMode,
} from '@gouvgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTNER_STATUS_PATH } from '../src/partner-status-route.js';
import { startGateway, type GatewayOptions, type RunningGateway } from '../src/index.js';
import type { PartnerStatus } from '@gouvgraph/gateway-core';
import { startFeaturedSubgraph, startPartners, type Partners } from './helpers.js';

const QUERY = `{ startups(first: 5) { totalCount missingPartners edges { node { id } } pageInfo { hasNextPage endCursor } } incubators { id } }`;
const TIMEOUT_MS = 300;

let partners: Partners;
let proxy: MisbehavingProxy;
let reference: RunningGateway;
const opened: RunningGateway[] = [];

/** A gateway over francetravail and mtes directly, and anct through the proxy. */
async function gatewayWithProxy(options: Partial<GatewayOptions> = {}): Promise<RunningGateway> {
  const kits = partners.kits.map((k) => ({ id: k.partnerId, url: k.partnerId === 'anct' ? proxy.url : k.url }));
  const gateway = await startGateway({
    supergraph: { kind: 'compose', subgraphs: [] },
    partners: kits,
    partnerTimeoutMs: TIMEOUT_MS,
    ide: false,
    ...options,
  });
  opened.push(gateway);
  return gateway;
}

/** What the two healthy partners alone answer, as the degraded answer must contain. */
async function healthyAnswer(query = QUERY): Promise<GraphQLResult> {
  return graphql(reference.url, query);
}

beforeAll(async () => {
  partners = await startPartners(['francetravail', 'mtes', 'anct']);
  proxy = await startMisbehavingProxy(partners.kits.find((k) => k.partnerId === 'anct')?.url ?? '');
  reference = await startGateway({
    supergraph: { kind: 'compose', subgraphs: [] },
    partners: partners.kits.filter((k) => k.partnerId !== 'anct').map((k) => ({ id: k.partnerId, url: k.url })),
    ide: false,
  });
});
afterAll(async () => {
  await Promise.all(opened.map((g) => g.stop()));
  await reference?.stop();
  await proxy?.stop();
  await partners?.stop();
});

describe('a failing partner', () => {
  it.each<[string, ProxyMode, string, string, Record<string, string>?]>([
    ['refuses connections', { kind: 'refuse' }, 'PARTNER_UNAVAILABLE', 'Partner anct: the connection failed'],
    ['answers too late', { kind: 'delay', ms: 3_000 }, 'PARTNER_TIMEOUT', `Partner anct: no answer within ${TIMEOUT_MS} ms`],
    [
      'answers an HTML error page',
      { kind: 'html-error', status: 502 },
      'PARTNER_UNAVAILABLE',
      'Partner anct: HTTP 502 without a GraphQL answer',
    ],
    [
      'answers invalid JSON',
      { kind: 'invalid-json' },
      'PARTNER_INVALID_RESPONSE',
      'Partner anct: HTTP 200, not a GraphQL answer: the body is not JSON',
    ],
    [
      'answers data of the wrong shape',
      { kind: 'wrong-shape' },
      'PARTNER_INVALID_RESPONSE',
      'Partner anct: its answer breaks the contract (SHAPE: startups.totalCount is not of type Int)',
      { violation: 'SHAPE' },
    ],
    [
      'answers a GraphQL error with HTTP 500',
      { kind: 'graphql-error', status: 500 },
      'INTERNAL_SERVER_ERROR',
      // A public caller reads what the code means, not the partner's own words (the log has them).
      'Partner anct: A bug: details are in the server logs, never in the response.',
    ],
  ])('%s: the healthy partners answer whole, and one error names it', async (_, mode, code, message, extra) => {
    proxy.setMode(mode);
    const gateway = await gatewayWithProxy({ partnerRetries: 0 });
    const started = performance.now();
    const degraded = await graphql(gateway.url, QUERY);
    const elapsed = performance.now() - started;
    const healthy = await healthyAnswer();

    expect(degraded.status).toBe(200);
    const expectedData = structuredClone(healthy.data) as { startups: { missingPartners: string[] } };
    expectedData.startups.missingPartners = ['anct'];
    expect(degraded.data).toEqual(expectedData);
    expect(degraded.errors).toEqual([
      { message, path: ['startups'], extensions: { code, partner: 'anct', ...extra, serviceName: 'incubators' } },
    ]);
    // Never a hang: a late partner costs its deadline, not its delay.
    if (mode.kind === 'delay') expect(elapsed).toBeLessThan(mode.ms / 2);
  });
});

describe('entity references to a failing partner', () => {
  it('resolve from the healthy owners, null for the failed one, with one error naming it', async () => {
    const featured = await startFeaturedSubgraph([
      'mtes/acceslibre',
      'anct/aidantsconnect',
      'anct/aides-territoires',
      'francetravail/la-bonne-boite',
    ]);
    try {
      proxy.setMode({ kind: 'refuse' });
      const gateway = await gatewayWithProxy({
        partnerRetries: 0,
        supergraph: { kind: 'compose', subgraphs: [{ name: 'featured', url: featured.url }] },
      });
      const result = await graphql(gateway.url, '{ featured { id name } }');
      expect(result.data?.featured.map((s: { id: string; name: string } | null) => s?.id ?? null)).toEqual([
        'mtes/acceslibre',
        null,
        null,
        'francetravail/la-bonne-boite',
      ]);
      expect(result.errors).toEqual([
        {
          message: 'Partner anct: the connection failed',
          path: ['featured', 1],
          extensions: { code: 'PARTNER_UNAVAILABLE', partner: 'anct', serviceName: 'incubators' },
        },
      ]);
    } finally {
      await featured.stop();
    }
  });
});

describe('retries', () => {
  it('retry a read once when the partner could not be reached, and the answer is whole', async () => {
    proxy.setMode({ kind: 'flaky', failures: 1 });
    const gateway = await gatewayWithProxy({ partnerRetries: 1 });
    const before = proxy.received;
    const result = await graphql(gateway.url, QUERY);
    expect(result.errors).toBeUndefined();
    expect(result.data?.startups.missingPartners).toEqual([]);
    expect(proxy.received - before).toBe(2);
  });

  it('never retry a write: it fails with a code and is not applied', async () => {
    proxy.setMode({ kind: 'flaky', failures: 1 });
    const gateway = await gatewayWithProxy({ partnerRetries: 1 });
    const create = `mutation { createStartup(input: { incubatorId: "anct", slug: "retry-test", name: "Essai", pitch: "Essai de reprise", phaseStart: "2026-11-01" }) { id } }`;
    const result = await graphql(gateway.url, create);
    expect(result.data).toBeNull();
    // The connection was cut once the write went out: the gateway cannot know, and says so.
    expect(codes(result)).toEqual(['PARTNER_WRITE_UNCERTAIN']);
    proxy.setMode({ kind: 'pass' });
    expect((await graphql(gateway.url, '{ startup(id: "anct/retry-test") { id } }')).data).toEqual({ startup: null });
  });

  it('say that a timed-out write may have been applied', async () => {
    proxy.setMode({ kind: 'delay', ms: 1_000 });
    const gateway = await gatewayWithProxy();
    const result = await graphql(
      gateway.url,
      'mutation { recordCommitteeReview(startupId: "anct/aidantsconnect", date: "2026-11-02", comment: "Comité tardif") { id } }',
    );
    expect(codes(result)).toEqual(['PARTNER_WRITE_UNCERTAIN']);
    expect(result.errors?.[0]?.message).toContain('the write may have been applied: read it back before writing again');
  });

  it('say a write refused at connection was not applied, and one whose answer was lost may have been', async () => {
    const gateway = await gatewayWithProxy({ partnerRetries: 0 });
    const nobody = await startGateway({
      supergraph: { kind: 'compose', subgraphs: [] },
      // Port 9 (discard): nothing listens, the connection is refused before a byte is sent.
      partners: [{ id: 'anct', url: 'http://127.0.0.1:9/graphql' }],
      partnerRetries: 0,
    });
    opened.push(nobody);
    const review = (comment: string) =>
      `mutation { recordCommitteeReview(startupId: "anct/aidantsconnect", date: "2026-11-03", comment: "${comment}") { id } }`;
    const comments = async () =>
      (
        (await graphql(gateway.url, '{ startup(id: "anct/aidantsconnect") { events { comment } } }')).data?.startup as {
          events: { comment: string | null }[];
        }
      ).events.map((e) => e.comment);
    // Refused before anything was sent: unavailable, and indeed not applied.
    expect(codes(await graphql(nobody.url, review('Jamais reçu')))).toEqual(['PARTNER_UNAVAILABLE']);
    // Passed on, applied, then the answer lost (a kit killed while it answered): uncertain — and it was applied.
    proxy.setMode({ kind: 'drop-answer' });
    expect(codes(await graphql(gateway.url, review('Réponse perdue')))).toEqual(['PARTNER_WRITE_UNCERTAIN']);
    proxy.setMode({ kind: 'pass' });
    const written = await comments();
    expect(written).toContain('Réponse perdue');
    expect(written).not.toContain('Jamais reçu');
  });

  it('say a write answered by a proxy’s HTTP 502 may have been applied: the request got past the proxy', async () => {
    proxy.setMode({ kind: 'html-error', status: 502 });
    const gateway = await gatewayWithProxy({ partnerRetries: 0 });
    const result = await graphql(
      gateway.url,
      'mutation { recordCommitteeReview(startupId: "anct/aidantsconnect", date: "2026-11-05", comment: "Derrière un proxy") { id } }',
    );
    expect(codes(result)).toEqual(['PARTNER_WRITE_UNCERTAIN']);
    expect(result.errors?.[0]?.message).toContain('HTTP 502 without a GraphQL answer; the write may have been applied');
    proxy.setMode({ kind: 'pass' });
  });

  it('say a keyed write whose answer was lost is safe to send again, and apply it once when it is', async () => {
    const gateway = await gatewayWithProxy({ partnerRetries: 0 });
    const review = `mutation Review($key: String) {
      recordCommitteeReview(startupId: "anct/aidantsconnect", date: "2026-11-04", comment: "Comité repris", idempotencyKey: $key) { id }
    }`;
    const written = async () =>
      (
        (await graphql(gateway.url, '{ startup(id: "anct/aidantsconnect") { events { comment } } }')).data?.startup as {
          events: { comment: string | null }[];
        }
      ).events.filter((e) => e.comment === 'Comité repris').length;
    proxy.setMode({ kind: 'drop-answer' });
    const lost = await graphql(gateway.url, review, { key: '5f0e-comite-repris' });
    expect(codes(lost)).toEqual(['PARTNER_WRITE_UNCERTAIN']);
    expect(lost.errors?.[0]?.extensions).toMatchObject({ partner: 'anct', retrySafe: true });
    expect(lost.errors?.[0]?.message).toContain('send it again with the same idempotencyKey');
    proxy.setMode({ kind: 'pass' });
    expect(await written()).toBe(1);
    // The client does what the error says: the same write, the same key.
    const again = await graphql(gateway.url, review, { key: '5f0e-comite-repris' });
    expect(again).toMatchObject({ status: 200, data: { recordCommitteeReview: { id: 'anct/aidantsconnect' } } });
    expect(again.errors).toBeUndefined();
    expect(await written()).toBe(1);
    // Without a key, the error says to read back first.
    proxy.setMode({ kind: 'drop-answer' });
    const unkeyed = await graphql(gateway.url, review, {});
    expect(unkeyed.errors?.[0]?.extensions).toMatchObject({ code: 'PARTNER_WRITE_UNCERTAIN', retrySafe: false });
    expect(unkeyed.errors?.[0]?.message).toContain('read it back before writing again');
    proxy.setMode({ kind: 'pass' });
  });
});

describe('the circuit breaker', () => {
  it('opens after repeated failures, stops calling, probes after the cool-down, and closes on success', async () => {
    proxy.setMode({ kind: 'refuse' });
    // The cool-down is read from a clock the test advances: no waiting, and no race with a slow machine.
    const clock = manualClock();
    const gateway = await gatewayWithProxy({ partnerRetries: 0, circuit: { failureThreshold: 3, cooldownMs: 400, now: clock.now } });
    const status = async (): Promise<PartnerStatus | undefined> =>
      ((await (await fetch(`${gateway.origin}${PARTNER_STATUS_PATH}`)).json()) as { partners: PartnerStatus[] }).partners.find(
        (p) => p.id === 'anct',
      );

    for (let i = 0; i < 3; i++) expect(codes(await graphql(gateway.url, QUERY))).toEqual(['PARTNER_UNAVAILABLE']);
    expect(await status()).toMatchObject({
      status: 'down',
      circuit: 'open',
      consecutiveFailures: 3,
      lastError: { code: 'PARTNER_UNAVAILABLE' },
    });

    const calls = proxy.received;
    const open = await graphql(gateway.url, QUERY);
    expect(codes(open)).toEqual(['PARTNER_CIRCUIT_OPEN']);
    expect(open.data?.startups.missingPartners).toEqual(['anct']);
    expect(proxy.received).toBe(calls); // a dead partner costs nothing
    clock.advance(399);
    expect(codes(await graphql(gateway.url, QUERY))).toEqual(['PARTNER_CIRCUIT_OPEN']); // still cooling down
    expect(proxy.received).toBe(calls);

    clock.advance(1);
    expect(codes(await graphql(gateway.url, QUERY))).toEqual(['PARTNER_UNAVAILABLE']); // the probe failed: open again
    expect(proxy.received).toBe(calls + 1);
    expect((await status())?.circuit).toBe('open');

    proxy.setMode({ kind: 'pass' });
    clock.advance(400);
    const healed = await graphql(gateway.url, QUERY);
    expect(healed.errors).toBeUndefined();
    expect(healed.data?.incubators.map((i: { id: string }) => i.id)).toEqual(['anct', 'francetravail', 'mtes']);
    expect(await status()).toMatchObject({ status: 'up', circuit: 'closed', consecutiveFailures: 0 });
    expect((await status())?.latencyMs?.samples).toBeGreaterThan(0);
  });
});

describe('observability of partner calls', () => {
  it('tells the client how many partner calls its request made, when it asks', async () => {
    proxy.setMode({ kind: 'pass' });
    const gateway = await gatewayWithProxy();
    const asked = await graphql(gateway.url, '{ incubator(id: "mtes") { name } }', undefined, {
      headers: { 'gouvgraph-debug': 'partner-calls' },
    });
    expect(asked.extensions).toEqual({ gouvgraph: { partnerCalls: { mtes: 1 }, totalPartnerCalls: 1 } });
    const all = await graphql(gateway.url, QUERY, undefined, { headers: { 'gouvgraph-debug': 'partner-calls' } });
    expect(all.extensions).toEqual({ gouvgraph: { partnerCalls: { anct: 1, francetravail: 1, mtes: 1 }, totalPartnerCalls: 3 } });
    const silent = await graphql(gateway.url, QUERY);
    expect(silent.extensions).toBeUndefined();
  });
});
