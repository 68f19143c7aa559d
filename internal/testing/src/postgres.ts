/**
 * Databases for tests. The DB suites run once on embedded PGlite and once on the real
 * Postgres server of the machine (127.0.0.1:5432, user postgres), each test file in a fresh
 * database of its own that is dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** The server the Postgres runs use. `.ci/run` starts it when it is not answering. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The kit's database configuration (structurally `DatabaseConfig` of @gouvgraph/incubator). */
export type TestDatabaseConfig = { kind: 'postgres'; url: string; maxConnections?: number } | { kind: 'pglite'; dataDir?: string };

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  config: TestDatabaseConfig;
  drop(): Promise<void>;
}

/** A new, empty database on the Postgres server; `drop()` removes it. */
export async function createPostgresDatabase(): Promise<TestDatabase> {
  const admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
  const database = `gouvgraph_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    await admin.unsafe(`create database "${database}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${database}`;
  return {
    name: 'postgres',
    config: { kind: 'postgres', url: url.toString(), maxConnections: 5 },
    drop: async () => {
      const cleanup = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists "${database}" with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

export async function createPgliteDatabase(): Promise<TestDatabase> {
  return { name: 'pglite', config: { kind: 'pglite' }, drop: async () => {} };
}

/** Both databases every DB suite runs on, for `describe.each`. */
export const DATABASES = [
  { name: 'PGlite', create: createPgliteDatabase },
  { name: 'Postgres', create: createPostgresDatabase },
] as const;
