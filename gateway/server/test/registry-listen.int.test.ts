/**
 * A replica whose connection to the registry's database was lost misses the notifications sent
 * meanwhile; once postgres.js has listened again, the registry re-reads what they would have said
 * (issue #18) instead of waiting for its poll — here there is no poll at all. The replica reaches
 * Postgres through a relay the test cuts while another replica suspends a partner.
 */
import { openDatabase, type DatabaseConnection } from '@gouvgraph/db';
import { Registry } from '@gouvgraph/registry';
import { createPostgresDatabase, startTcpRelay, waitFor, type TcpRelay, type TestDatabase } from '@gouvgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let database: TestDatabase;
let relay: TcpRelay;
const connections: DatabaseConnection[] = [];
const registries: Registry[] = [];

beforeAll(async () => {
  database = await createPostgresDatabase();
});
afterAll(async () => {
  for (const registry of registries) await registry.close().catch(() => {});
  for (const connection of connections) await connection.close().catch(() => {});
  await relay?.cut();
  await database?.drop();
});

async function open(url: string): Promise<Registry> {
  const connection = await openDatabase({ kind: 'postgres', url, maxConnections: 2 });
  connections.push(connection);
  const registry = await Registry.open({ connection, pollMs: 0 });
  registries.push(registry);
  return registry;
}

describe('a replica cut off from the registry’s database', () => {
  it('re-reads the partners once it listens again, learning the change it was not told of', { timeout: 60_000 }, async () => {
    const url = new URL(database.config.kind === 'postgres' ? database.config.url : '');
    const direct = await open(url.toString());
    await direct.ensureActive({
      id: 'calvados',
      name: 'Incubateur du Calvados',
      kind: 'local-authority',
      url: 'http://127.0.0.1:9/graphql',
    });
    relay = await startTcpRelay({ host: url.hostname, port: Number(url.port || 5432) });
    const relayed = new URL(url);
    relayed.port = String(relay.port());
    const replica = await open(relayed.toString());
    const ids = () => replica.activePartners().map((p) => p.id);
    expect(ids()).toEqual(['calvados']);

    await relay.cut();
    await direct.suspend('calvados', { kind: 'admin' });
    // Announced while the replica could not hear it: nothing tells it but its own re-read.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ids()).toEqual(['calvados']);
    await relay.restore();
    expect(await waitFor(() => ids().length === 0, { timeoutMs: 30_000 })).toBe(true);

    // And it hears the next announcement as before.
    await direct.reinstate('calvados', { kind: 'admin' });
    expect(await waitFor(() => ids().includes('calvados'), { timeoutMs: 10_000 })).toBe(true);
  });
});
