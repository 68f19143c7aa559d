/**
 * Writes are safe to retry (issue #18): a partner's kit process, on Postgres, killed (SIGKILL)
 * while a write is in flight — once after it committed and before it answered, once before it
 * committed. Either way the client, through a real gateway, is told the write's outcome is
 * unknown and that sending it again with the same key is safe; it does so once the kit is back,
 * and the write is in the database exactly once.
 *
 * The kill lands where it must because the test holds Postgres locks: one on a table the write
 * reads only after committing (its answer's `sponsors`), or one on the startup row it writes.
 */
import { startGateway, type RunningGateway } from '@gouvgraph/gateway';
import { codes, createPostgresDatabase, graphql, waitFor, type TestDatabase } from '@gouvgraph/testing';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, startProcess } from './src/index.js';

const processes: ChildProcess[] = [];
let database: TestDatabase;
let sql: postgres.Sql;
let port: number;
let kit: ChildProcess;
let gateway: RunningGateway;

/** A port nothing listens on now: the kit comes back on the same one after each kill. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startKit(): Promise<ChildProcess> {
  const url = database.config.kind === 'postgres' ? database.config.url : '';
  const started = await startProcess(
    'subgraphs/incubator/src/main.ts',
    [],
    { PARTNER_ID: 'mtes', PORT: String(port), DATABASE_URL: url, GOUVGRAPH_IDENTITY_PUBLIC_KEY: '', GOUVGRAPH_OPEN_WRITES: 'true' },
    processes,
  );
  return started.child;
}

beforeAll(async () => {
  database = await createPostgresDatabase();
  sql = postgres(database.config.kind === 'postgres' ? database.config.url : '', { max: 4, onnotice: () => {} });
  port = await freePort();
  kit = await startKit();
  gateway = await startGateway({
    supergraph: { kind: 'compose', subgraphs: [] },
    partners: [{ id: 'mtes', url: `http://127.0.0.1:${port}/graphql` }],
    partnerRetries: 0,
    partnerTimeoutMs: 30_000,
    responseCache: false,
    ide: false,
  });
}, 120_000);
afterAll(async () => {
  await gateway?.stop();
  for (const child of processes) if (child.exitCode === null) child.kill('SIGKILL');
  await sql?.end();
  await database?.drop();
});

const REVIEW = `mutation Review($comment: String!, $key: String) {
  recordCommitteeReview(startupId: "mtes/acceslibre", date: "2026-11-20", comment: $comment, idempotencyKey: $key) {
    id events { comment } sponsors { id }
  }
}`;

/** How many reviews with this comment the partner's database holds. */
async function written(comment: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from p_mtes.startup_events where comment = ${comment}`;
  return row?.n ?? -1;
}

/** Kills the kit, then starts it again on the same port. */
async function killAndRestart(): Promise<void> {
  kit.kill('SIGKILL');
  await exited(kit);
  kit = await startKit();
}

describe('a kit killed while it writes', () => {
  it('after committing, before answering: the write is uncertain, safe to send again, and there once', { timeout: 120_000 }, async () => {
    const comment = 'Comité interrompu après validation';
    const variables = { comment, key: 'kill-after-commit-1' };
    // The answer's `sponsors` read waits on this lock; the review itself does not touch that table.
    const held = sql.reserve();
    const lock = await held;
    await lock`begin`;
    await lock`lock table p_mtes.startup_sponsors in access exclusive mode`;
    const first = graphql(gateway.url, REVIEW, variables);
    expect(await waitFor(async () => (await written(comment)) === 1, { timeoutMs: 30_000 })).toBe(true);
    await killAndRestart();
    await lock`rollback`;
    lock.release();

    const lost = await first;
    expect(codes(lost)).toEqual(['PARTNER_WRITE_UNCERTAIN']);
    expect(lost.errors?.[0]?.extensions).toMatchObject({ partner: 'mtes', retrySafe: true });
    expect(await written(comment)).toBe(1);

    const retried = await graphql(gateway.url, REVIEW, variables);
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.recordCommitteeReview.id).toBe('mtes/acceslibre');
    expect(await written(comment)).toBe(1);
  });

  it('before committing: the write is uncertain, was not applied, and the retry applies it once', { timeout: 120_000 }, async () => {
    const comment = 'Comité interrompu avant validation';
    const variables = { comment, key: 'kill-before-commit-1' };
    // The write locks the startup's row first thing: it waits on this one.
    const held = sql.reserve();
    const lock = await held;
    await lock`begin`;
    await lock`select 1 from p_mtes.startups where slug = 'acceslibre' for update`;
    const first = graphql(gateway.url, REVIEW, variables);
    const waiting = async () =>
      (await sql`select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%startups%for update%'`).length > 0;
    expect(await waitFor(waiting, { timeoutMs: 30_000 })).toBe(true);
    await killAndRestart();
    await lock`rollback`;
    lock.release();

    expect(codes(await first)).toEqual(['PARTNER_WRITE_UNCERTAIN']);
    // Postgres rolled back the killed kit's transaction, claim included.
    expect(await waitFor(async () => (await sql`select 1 from pg_stat_activity where wait_event_type = 'Lock'`).length === 0)).toBe(true);
    expect(await written(comment)).toBe(0);
    const retried = await graphql(gateway.url, REVIEW, variables);
    expect(retried.errors).toBeUndefined();
    expect(await graphql(gateway.url, REVIEW, variables)).toEqual(retried);
    expect(await written(comment)).toBe(1);
  });
});
