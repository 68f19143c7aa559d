/**
 * A partner's kit process whose Postgres connections are cut again and again (`pg_terminate_backend`
 * every 50 ms, as a failover or an operator would) while it serves reads and keyed writes through a
 * real gateway: the process never dies, every answer is data or a coded error (DATABASE_UNAVAILABLE,
 * never a masked "bug"), and once the cuts stop every write is there exactly once after the client
 * sent again the ones it was not sure of.
 */
import { startGateway, type RunningGateway } from '@gouvgraph/gateway';
import { createPostgresDatabase, graphql, TEST_POSTGRES_URL, type GraphQLResult, type TestDatabase } from '@gouvgraph/testing';
import type { ChildProcess } from 'node:child_process';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, type StartedProcess } from './src/index.js';

const processes: ChildProcess[] = [];
let database: TestDatabase;
let kit: StartedProcess;
let gateway: RunningGateway;

beforeAll(async () => {
  database = await createPostgresDatabase();
  kit = await startProcess(
    'subgraphs/incubator/src/main.ts',
    [],
    {
      PARTNER_ID: 'mtes',
      PORT: '0',
      DATABASE_URL: database.config.kind === 'postgres' ? database.config.url : '',
      GOUVGRAPH_IDENTITY_PUBLIC_KEY: '',
      GOUVGRAPH_OPEN_WRITES: 'true',
    },
    processes,
  );
  gateway = await startGateway({
    supergraph: { kind: 'compose', subgraphs: [] },
    partners: [{ id: 'mtes', url: kit.url }],
    // Every read reaches the kit while its connections are cut: no answer kept, whole or per partner.
    responseCache: false,
    fetchCache: false,
    partnerTimeoutMs: 10_000,
    // Every write reaches the kit while it is cut off (a gateway with its default circuit would soon stop calling it).
    circuit: { failureThreshold: 1_000_000, cooldownMs: 1_000 },
    ide: false,
  });
}, 120_000);
afterAll(async () => {
  await gateway?.stop();
  for (const child of processes) if (child.exitCode === null) child.kill('SIGKILL');
  await database?.drop();
});

const PAGE = '{ startups(first: 20) { totalCount edges { node { id name phases { phase start } } } } }';
const REVIEW = `mutation Review($comment: String!, $key: String!) {
  recordCommitteeReview(startupId: "mtes/acceslibre", date: "2026-11-25", comment: $comment, idempotencyKey: $key) { id }
}`;

const codesOf = (result: GraphQLResult) => (result.errors ?? []).map((e) => String(e.extensions?.code));

describe('a kit whose database connections are cut again and again', () => {
  it('stays up, answers every request coded, and loses or doubles no keyed write', { timeout: 120_000 }, async () => {
    const whole = await graphql(kit.url, PAGE);
    expect(whole.errors).toBeUndefined();
    const name = new URL(database.config.kind === 'postgres' ? database.config.url : '').pathname.slice(1);
    const killer = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
    let cutting = true;
    let cuts = 0;
    const cutter = (async () => {
      while (cutting) {
        const cut =
          await killer`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
        cuts += cut.length;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    const statuses: number[] = [];
    const codes: string[] = [];
    /** Each error not coded as the database's, with where it came from: what a failure shows. */
    const uncoded: string[] = [];
    const note = (via: string, result: GraphQLResult) => {
      for (const e of result.errors ?? [])
        if (!['DATABASE_UNAVAILABLE', 'PARTNER_WRITE_UNCERTAIN'].includes(String(e.extensions?.code)))
          uncoded.push(`${via}: ${JSON.stringify(e).slice(0, 400)}`);
    };
    const writes: { comment: string; key: string; applied: boolean }[] = [];
    const until = Date.now() + 4_000;
    const reader = (async () => {
      while (Date.now() < until) {
        const read = await graphql(kit.url, PAGE);
        statuses.push(read.status);
        codes.push(...codesOf(read));
        note('kit', read);
        if (!read.errors) expect(read.data).toEqual(whole.data);
      }
    })();
    const writer = (async () => {
      for (let i = 0; Date.now() < until; i++) {
        const write = { comment: `Comité sous coupures ${i}`, key: `coupures-${i}`, applied: false };
        writes.push(write);
        const result = await graphql(gateway.url, REVIEW, write);
        statuses.push(result.status);
        codes.push(...codesOf(result));
        note('gateway', result);
        write.applied = !result.errors;
      }
    })();
    await Promise.all([reader, writer]);
    cutting = false;
    await cutter;
    await killer.end();

    expect(kit.child.exitCode).toBeNull();
    expect(cuts).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // Every failure said what it was: the database, or (through the gateway) a write it may have made.
    // Should one not be, the kit's log says what it met (an unexpected error is logged with its cause).
    const logged = kit.output
      .filter((line) => /"level":(50|60)|rror/.test(line))
      .slice(-8)
      .join('\n');
    expect(
      codes.filter((c) => !['DATABASE_UNAVAILABLE', 'PARTNER_WRITE_UNCERTAIN'].includes(c)),
      logged,
    ).toEqual([]);
    expect(codes).toContain('DATABASE_UNAVAILABLE');

    // The cuts over, the client sends again each write it has no success for: each applies once.
    // (A client retries with a pause, as the first call may still meet a connection cut last.)
    for (const write of writes.filter((w) => !w.applied)) {
      let again = await graphql(gateway.url, REVIEW, write);
      for (let attempt = 1; again.errors && attempt < 5; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        again = await graphql(gateway.url, REVIEW, write);
      }
      expect(again.errors, `${write.key}: ${JSON.stringify(again.errors)}`).toBeUndefined();
    }
    const events = await graphql(kit.url, '{ startup(id: "mtes/acceslibre") { events { comment } } }');
    const comments = (events.data?.startup.events as { comment: string | null }[]).map((e) => e.comment);
    for (const write of writes)
      expect(
        comments.filter((c) => c === write.comment),
        write.key,
      ).toHaveLength(1);
    expect((await fetch(kit.url.replace('/graphql', '/readyz'))).status).toBe(200);
  });
});
