/**
 * Rate limits when Redis goes away (issue #18): the gateway says what it does — a log line at each
 * switch, `gouvgraph_rate_limit_backend_up`, `/readyz` — and does what the operator chose: count in
 * each replica's memory, or refuse every request with a coded 503. Redis is reached through a TCP
 * relay the test cuts (refusing connections, as a stopped Redis does), so the shared Redis of the
 * other tests keeps running.
 */
import { processLogger } from '@gouvgraph/http';
import { graphql, startTcpRelay, waitFor, type TcpRelay } from '@gouvgraph/testing';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/index.js';
import { startPartners, type Partners } from './helpers.js';

const REDIS = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

let partners: Partners;
let relay: TcpRelay;
const opened: RunningGateway[] = [];
const logs: string[] = [];

beforeAll(async () => {
  partners = await startPartners(['mtes']);
  relay = await startTcpRelay({ host: REDIS.hostname, port: Number(REDIS.port || 6379) });
});
afterAll(async () => {
  await Promise.all(opened.map((g) => g.stop()));
  await partners?.stop();
});

async function gateway(whenRedisDown: 'memory' | 'closed') {
  const started = await startGateway({
    supergraph: { kind: 'compose', subgraphs: [] },
    partners: partners.kits.map((k) => ({ id: k.partnerId, url: k.url })),
    rateLimit: {
      perMinute: 4,
      redisUrl: `redis://127.0.0.1:${relay.port()}`,
      keyPrefix: `gouvgraph-test-${randomBytes(6).toString('hex')}`,
      whenRedisDown,
    },
    responseCache: false,
    ide: false,
    logger: processLogger('gateway', 'info', { write: (line) => logs.push(`${whenRedisDown} ${line}`) }),
  });
  opened.push(started);
  return started;
}

const ask = (g: RunningGateway) => graphql(g.url, '{ incubators { id } }');
async function metric(g: RunningGateway, name: string): Promise<string> {
  return (await (await fetch(`${g.origin}/metrics`)).text())
    .split('\n')
    .filter((l) => l.startsWith(name))
    .join('\n');
}
const readyz = async (g: RunningGateway) => {
  const response = await fetch(`${g.origin}/readyz`);
  return { status: response.status, body: (await response.json()) as { info?: { rateLimits?: string } } };
};

describe('rate limits while Redis is unreachable', () => {
  it('says so and does what the operator chose: count per replica, or refuse with a coded 503', async () => {
    const memory = await gateway('memory');
    const closed = await gateway('closed');
    for (const g of [memory, closed]) {
      expect((await ask(g)).status).toBe(200);
      expect(await metric(g, 'gouvgraph_rate_limit_backend_up')).toMatch(/ 1$/);
      expect((await readyz(g)).body.info?.rateLimits).toBe('redis');
    }

    await relay.cut();
    expect(await waitFor(() => logs.some((l) => l.startsWith('closed') && l.includes('Redis unreachable')), { timeoutMs: 10_000 })).toBe(
      true,
    );
    expect(await waitFor(() => logs.some((l) => l.startsWith('memory') && l.includes('Redis unreachable')), { timeoutMs: 10_000 })).toBe(
      true,
    );

    // memory: served, counted by this replica alone, and limited by it.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await ask(memory)).status);
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses[4]).toBe(429);
    expect(await metric(memory, 'gouvgraph_rate_limit_backend_up')).toMatch(/ 0$/);
    expect(await readyz(memory)).toMatchObject({ status: 200, body: { info: { rateLimits: 'memory, per replica (Redis unreachable)' } } });
    expect(await metric(memory, 'gouvgraph_graphql_errors_total{code="RATE_LIMITED"')).toMatch(/ [1-9]\d*$/);

    // closed: every request refused, coded, with a time to come back; not ready.
    const refused = await fetch(closed.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ incubators { id } }"}',
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'RATE_LIMIT_UNAVAILABLE',
    );
    expect((await readyz(closed)).status).toBe(503);
    expect(await metric(closed, 'gouvgraph_graphql_errors_total{code="RATE_LIMIT_UNAVAILABLE"')).toMatch(/ [1-9]\d*$/);

    // Redis back: both say so, and count in it again.
    await relay.restore();
    expect(await waitFor(async () => (await ask(closed)).status === 200, { timeoutMs: 20_000 })).toBe(true);
    expect(logs.some((l) => l.startsWith('closed') && l.includes('rate limits counted in Redis'))).toBe(true);
    expect(await metric(closed, 'gouvgraph_rate_limit_backend_up')).toMatch(/ 1$/);
  });
});
