/**
 * Opening a subgraph's database: a real Postgres server when a URL is given (postgres.js),
 * otherwise embedded PGlite (in memory, or in a data directory).
 */
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { Logger } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { tracedClient, tracingEnabled } from '@gouvgraph/telemetry';

/** The drizzle database type both drivers satisfy. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
/** The handle a `db.transaction(…)` callback gets. */
export type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Where the data lives. Exactly one mode: a server URL, or embedded PGlite. */
export type DatabaseConfig = { kind: 'postgres'; url: string; maxConnections?: number } | { kind: 'pglite'; dataDir?: string };

/** An open connection (or pool) that several partners' drizzle instances can share. */
export interface DatabaseConnection {
  readonly kind: DatabaseConfig['kind'];
  /** A drizzle instance over this connection, with an optional statement logger. */
  drizzle(logger?: Logger): Db;
  /**
   * Calls `onNotify` on every Postgres NOTIFY on `channel` (from any connection to the same
   * database). Resolves once listening, with the function that stops it. After the listening
   * connection was lost and re-established (the client re-subscribes by itself), `onNotify` is
   * called once with an empty payload: notifications sent meanwhile were missed, so whatever they
   * would have said must be read again.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_SECONDS = 5;

/** Opens the database the configuration names. */
export async function openDatabase(config: DatabaseConfig): Promise<DatabaseConnection> {
  switch (config.kind) {
    case 'postgres': {
      const client = postgres(config.url, {
        max: config.maxConnections ?? 10,
        // A request waits at most this long for a connection (postgres.js's default is 30 s): a
        // server that cut the connection while it was being opened can leave it hanging, and
        // nobody waits 30 s for a subgraph (the gateway's partner deadline is 2 s).
        connect_timeout: CONNECT_TIMEOUT_SECONDS,
        onnotice: () => {},
      });
      // Traced only when this process exports traces: otherwise drizzle has the client itself.
      const queried = tracingEnabled() ? tracedClient(client) : client;
      return {
        kind: 'postgres',
        drizzle: (logger) => drizzlePostgres({ client: queried, ...(logger ? { logger } : {}) }) as unknown as Db,
        listen: async (channel, onNotify) => {
          let subscribed = false;
          // postgres.js calls this at each (re)subscription: the first is not a reconnection.
          const onListen = () => (subscribed ? onNotify('') : (subscribed = true));
          const { unlisten } = await client.listen(channel, onNotify, onListen);
          return unlisten;
        },
        close: () => client.end({ timeout: 5 }),
      };
    }
    case 'pglite': {
      // unaccent: the French full-text search of the catalogue folds accents with it.
      const client = await PGlite.create({ ...(config.dataDir ? { dataDir: config.dataDir } : {}), extensions: { unaccent } });
      const queried = tracingEnabled() ? tracedClient(client) : client;
      return {
        kind: 'pglite',
        drizzle: (logger) => drizzlePglite({ client: queried, ...(logger ? { logger } : {}) }) as unknown as Db,
        listen: async (channel, onNotify) => {
          const unlisten = await client.listen(channel, onNotify);
          return () => unlisten();
        },
        close: () => client.close(),
      };
    }
    default: {
      const never: never = config;
      throw new Error(`unknown database kind ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Counts the SQL statements a drizzle instance sends, and keeps the last few (tests read
 * them; it costs an increment and an array slot).
 */
export class StatementCounter implements Logger {
  count = 0;
  readonly recent: string[] = [];
  logQuery(query: string): void {
    this.count++;
    this.recent.push(query);
    if (this.recent.length > 20) this.recent.shift();
  }
}
