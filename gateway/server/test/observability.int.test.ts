/**
 * What an operations team sees: Prometheus metrics on the gateway and on a partner's kit, with
 * label values kept few whatever clients send, and health in Kubernetes' conventions — alive,
 * ready, and unready (503, saying why) when a database stops answering.
 */
import { openDatabase, startIncubatorSubgraph } from '@gouvgraph/incubator';
import { graphql, startMisbehavingProxy, type MisbehavingProxy } from '@gouvgraph/testing';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from '@gouvgraph/registry';
import { startGateway, type RunningGateway } from '../src/index.js';
import { data, startPartners, type Partners } from './helpers.js';
import { partnerSeed } from '@gouvgraph/data';

let partners: Partners;
let anctProxy: MisbehavingProxy;
let gateway: RunningGateway;

beforeAll(async () => {
  partners = await startPartners(['mtes', 'anct']);
  anctProxy = await startMisbehavingProxy(partners.kits.find((k) => k.partnerId === 'anct')?.url ?? '');
  gateway = await startGateway({
    supergraph: { kind: 'compose', subgraphs: [] },
    partners: partners.kits.map((k) => ({ id: k.partnerId, url: k.partnerId === 'anct' ? anctProxy.url : k.url })),
    ide: false,
    partnerRetries: 0,
  });
});
afterAll(async () => {
  await gateway?.stop();
  await anctProxy?.stop();
  await partners?.stop();
});

/** The samples of one metric whose labels include all of `labels`. */
async function samples(origin: string, name: string, labels: Record<string, string> = {}): Promise<{ labels: string; value: number }[]> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .map((line) => ({ labels: line.slice(name.length, line.lastIndexOf(' ')), value: Number(line.slice(line.lastIndexOf(' ') + 1)) }))
    .filter((s) => Object.entries(labels).every(([k, v]) => s.labels.includes(`${k}="${v}"`)));
}
const total = (list: { value: number }[]) => list.reduce((n, s) => n + s.value, 0);

describe('gateway metrics', () => {
  it('counts requests by operation and outcome, errors by code, partner calls, the cache and the supergraph', async () => {
    const before = total(await samples(gateway.origin, 'gouvgraph_graphql_requests_total', { operation: 'Incubators', outcome: 'ok' }));
    for (let i = 0; i < 3; i++) expect((await graphql(gateway.url, 'query Incubators { incubators { id name } }')).errors).toBeUndefined();
    await graphql(gateway.url, '{ incubators { nme } }');

    expect(
      total(
        await samples(gateway.origin, 'gouvgraph_graphql_requests_total', {
          service: 'gateway',
          operation: 'Incubators',
          type: 'query',
          outcome: 'ok',
        }),
      ),
    ).toBe(before + 3);
    expect(
      total(await samples(gateway.origin, 'gouvgraph_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })),
    ).toBeGreaterThanOrEqual(1);
    expect(total(await samples(gateway.origin, 'gouvgraph_graphql_request_duration_seconds_count', { operation: 'Incubators' }))).toBe(
      before + 3,
    );
    // The first was computed (asking both partners), the next two answered from memory.
    expect(
      total(await samples(gateway.origin, 'gouvgraph_partner_request_duration_seconds_count', { partner: 'mtes', outcome: 'ok' })),
    ).toBeGreaterThanOrEqual(1);
    expect(total(await samples(gateway.origin, 'gouvgraph_response_cache_requests_total', { result: 'hit' }))).toBeGreaterThanOrEqual(2);
    const hash = createHash('sha256').update(gateway.supergraphSdl).digest('hex');
    expect(await samples(gateway.origin, 'gouvgraph_supergraph_info', { hash })).toEqual([expect.objectContaining({ value: 1 })]);
    expect(await samples(gateway.origin, 'gouvgraph_partner_circuit_state', { partner: 'anct' })).toEqual([
      expect.objectContaining({ value: 0 }),
    ]);
    expect((await samples(gateway.origin, 'process_cpu_user_seconds_total')).length).toBe(1);
  });

  it('keeps label values few: a hundred operation names, then "other"; no query text, no unknown code', async () => {
    for (let i = 0; i < 130; i++) await graphql(gateway.url, `query Probe${i} { incubators { id } }`);
    await graphql(gateway.url, 'query Sneaky { startup(id: "mtes/nowhere") { name } }');
    const operations = new Set(
      (await samples(gateway.origin, 'gouvgraph_graphql_requests_total')).map((s) => /operation="([^"]*)"/.exec(s.labels)?.[1]),
    );
    expect(operations.size).toBeLessThanOrEqual(101 + 1); // a hundred names, "other", "anonymous"
    expect(operations.has('other')).toBe(true);
    const text = await (await fetch(`${gateway.origin}/metrics`)).text();
    expect(text).not.toContain('incubators { id }');
    expect(text).not.toContain('mtes/nowhere');
  });

  it('shows a partner failing, then its circuit open, and stays ready while naming it', async () => {
    anctProxy.setMode({ kind: 'refuse' });
    try {
      for (let i = 0; i < 6; i++)
        await graphql(gateway.url, `{ startups(first: 1, filter: { incubator: "anct" }) { totalCount } t${i}: __typename }`);
      expect(
        total(
          await samples(gateway.origin, 'gouvgraph_partner_request_duration_seconds_count', {
            partner: 'anct',
            outcome: 'PARTNER_UNAVAILABLE',
          }),
        ),
      ).toBeGreaterThanOrEqual(5);
      expect(await samples(gateway.origin, 'gouvgraph_partner_circuit_state', { partner: 'anct' })).toEqual([
        expect.objectContaining({ value: 2 }),
      ]);
      const ready = await fetch(`${gateway.origin}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', info: { partners: 2, partnersDown: ['anct'] } });
    } finally {
      anctProxy.setMode({ kind: 'pass' });
    }
  });
});

describe('health', () => {
  it('says the gateway is alive and ready', async () => {
    const alive = await fetch(`${gateway.origin}/healthz`);
    expect([alive.status, await alive.json()]).toEqual([200, { status: 'alive' }]);
    const ready = await fetch(`${gateway.origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: [{ name: 'supergraph', ok: true }] });
  });

  it('stays ready on the partners it last read when the registry database stops answering, saying so; a kit without its database is unready', async () => {
    const registryConnection = await openDatabase({ kind: 'pglite' });
    const registry = await Registry.open({ connection: registryConnection, pollMs: 0 });
    const withRegistry = await startGateway({ supergraph: { kind: 'compose', subgraphs: [] }, registry, adminToken: 'admin', ide: false });
    const kitConnection = await openDatabase({ kind: 'pglite' });
    const kit = await startIncubatorSubgraph({ partnerId: 'mtes', connection: kitConnection, seed: partnerSeed(data, 'mtes') });
    const kitOrigin = new URL(kit.url).origin;
    try {
      expect((await fetch(`${withRegistry.origin}/readyz`)).status).toBe(200);
      expect((await fetch(`${kitOrigin}/readyz`)).status).toBe(200);
      // The kit counts its own requests too.
      await graphql(kit.url, 'query Mine { incubators { id } }');
      expect(total(await samples(kitOrigin, 'gouvgraph_graphql_requests_total', { service: 'incubator-mtes', operation: 'Mine' }))).toBe(1);

      expect(((await (await fetch(`${withRegistry.origin}/readyz`)).json()) as { info: unknown }).info).toMatchObject({ registry: 'up' });
      await registryConnection.close();
      await kitConnection.close();
      // It still serves what it last read: taking it out of the load balancer would serve nothing.
      const gatewayReady = await fetch(`${withRegistry.origin}/readyz`);
      expect(gatewayReady.status).toBe(200);
      const said = (await gatewayReady.json()) as { status: string; info: { registry: string } };
      expect(said.status).toBe('ready');
      expect(said.info.registry).toMatch(/^unreachable \(.+\): routing to the partners it listed at \d{4}-\d\d-\d\dT/);
      expect((await graphql(withRegistry.url, '{ __typename }')).data).toEqual({ __typename: 'Query' });
      // A partner token cannot be checked without it: said so, with when to come back — not a 500.
      const withToken = await fetch(withRegistry.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ggp_0123456789abcdef0123456789abcdef' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect([withToken.status, withToken.headers.get('retry-after')]).toEqual([503, '5']);
      expect(((await withToken.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
        'REGISTRY_UNAVAILABLE',
      );
      const kitReady = await fetch(`${kitOrigin}/readyz`);
      expect(kitReady.status).toBe(503);
      expect(await kitReady.json()).toMatchObject({
        status: 'unready',
        checks: [expect.objectContaining({ name: 'database', ok: false })],
      });
      expect((await fetch(`${kitOrigin}/healthz`)).status).toBe(200);
    } finally {
      await withRegistry.stop();
      await registry.close().catch(() => {});
      await kit.stop();
    }
  });
});
