/**
 * Nothing lost, nothing silent (issue #18): two gateway processes on one Postgres registry, while
 * the registry's database connections are cut again and again (`pg_terminate_backend` every
 * 50 ms, as a failover or an operator would), serving page walks and taking admin changes. Neither
 * process dies, `/graphql` never answers a 5xx, the admin API answers every call coded (a change is
 * whole or absent: the partner's status always matches its last audit row).
 */
import { createPostgresDatabase, graphql, TEST_POSTGRES_URL, waitFor, type TestDatabase } from '@gouvgraph/testing';
import type { ChildProcess } from 'node:child_process';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess } from './src/index.js';

const ADMIN = 'faults-admin-token';
const processes: ChildProcess[] = [];
let registryDb: TestDatabase;
let kit: string;
let gateways: string[];

beforeAll(async () => {
  registryDb = await createPostgresDatabase();
  kit = (await startProcess('subgraphs/incubator/src/main.ts', [], { PARTNER_ID: 'mtes', PORT: '0', DATABASE_URL: '' }, processes)).url;
  const url = registryDb.config.kind === 'postgres' ? registryDb.config.url : '';
  const gateway = () =>
    startProcess(
      'gateway/server/src/main.ts',
      ['--registry', url, '--partner', `mtes=${kit}`, '--port', '0'],
      {
        GOUVGRAPH_ADMIN_TOKEN: ADMIN,
        RESPONSE_CACHE_TTL_MS: '0',
      },
      processes,
    );
  gateways = (await Promise.all([gateway(), gateway()])).map((g) => g.url);
}, 120_000);
afterAll(async () => {
  for (const child of processes) child.kill('SIGTERM');
  await registryDb?.drop();
});

const admin = (gateway: string, path: string, method = 'POST', body?: unknown) =>
  fetch(gateway.replace('/graphql', `/-/admin${path}`), {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

describe('the registry’s database connections cut again and again', () => {
  it('kills no process, answers no 5xx on /graphql, and loses no audit row', { timeout: 120_000 }, async () => {
    const [a, b] = gateways as [string, string];
    expect((await admin(a, '/partners', 'POST', { id: 'calvados', name: 'Incubateur du Calvados', kind: 'local-authority' })).status).toBe(
      201,
    );
    const database = new URL(registryDb.config.kind === 'postgres' ? registryDb.config.url : '').pathname.slice(1);
    const killer = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
    const graphStatuses: number[] = [];
    const adminAnswers: { status: number; code: string | null }[] = [];
    let cutting = true;
    const cuts = (async () => {
      while (cutting) {
        await killer`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const started = Date.now();
    let turn = 0;
    while (Date.now() - started < 6_000) {
      const gateway = turn++ % 2 ? a : b;
      const page = await graphql(gateway, '{ startups(first: 10) { totalCount edges { node { id } } } }');
      graphStatuses.push(page.status);
      const change = await admin(gateway, `/partners/calvados/${turn % 4 < 2 ? 'suspend' : 'reinstate'}`);
      const answer = (await change.json().catch(() => null)) as { errors?: { extensions?: { code?: string } }[] } | null;
      adminAnswers.push({ status: change.status, code: answer?.errors?.[0]?.extensions?.code ?? null });
    }
    cutting = false;
    await cuts;
    await killer.end();

    expect(processes.every((p) => p.exitCode === null)).toBe(true);
    expect(graphStatuses.filter((s) => s >= 500)).toEqual([]);
    // Every admin answer: done, a coded refusal, or the database's failure said as such — never a bare 500.
    for (const { status, code } of adminAnswers) {
      if (status >= 400) expect(code, String(status)).toMatch(/^(REGISTRY_UNAVAILABLE|CONFLICT)$/);
    }
    expect(adminAnswers.filter((x) => x.status === 503).length).toBeGreaterThan(0);
    // Once the cuts stop, changes go through again (how many did during the cuts depends on the machine's load).
    expect(await waitFor(async () => (await admin(a, '/partners/calvados/suspend')).status === 200, { timeoutMs: 20_000 })).toBe(true);

    // Whole or absent: the partner's status is what its last audit row says was done.
    const partners = (await (await admin(a, '/partners', 'GET')).json()) as { partners: { id: string; status: string }[] };
    const status = partners.partners.find((p) => p.id === 'calvados')?.status;
    const audit = (await (await admin(a, '/audit', 'GET')).json()) as { audit: { action: string; target: string }[] };
    const last = audit.audit.find((e) => e.target === 'calvados' && /partner\.(suspend|reinstate|create)/.test(e.action))?.action;
    expect({ suspend: 'suspended', reinstate: 'registered', create: 'registered' }[last?.split('.')[1] ?? '']).toBe(status);
    // Both replicas still serve, and agree.
    for (const gateway of gateways) expect((await graphql(gateway, '{ incubators { id } }')).data?.incubators).toEqual([{ id: 'mtes' }]);
  });
});
