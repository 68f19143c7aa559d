/**
 * Builds one partner's incubator subgraph: migrates and seeds its schema, then serves the
 * contract over it. Nothing happens on import; `main.ts` reads the environment.
 */
import type { PartnerSeed } from '@gouvgraph/data';
import {
  check,
  createSubgraphServer,
  IDENTITY_HEADER,
  readIdentityPublicKey,
  requestBody,
  serve,
  verifyIdentity,
  type Logger,
  type RequestHandler,
  type Served,
} from '@gouvgraph/http';
import { CONTRACT_VERSION, contractVersion, ERROR_CODES, isPartnerId } from '@gouvgraph/schema';
import { sql } from 'drizzle-orm';
import type { GraphQLSchema } from 'graphql';
import { isDatabaseFault, StatementCounter, type DatabaseConnection } from '@gouvgraph/db';

/** The kit's committed drizzle-kit migrations. */
const MIGRATIONS = new URL('../drizzle/', import.meta.url);
import { migrateSchema } from '@gouvgraph/db';
import { seedPartner } from './db/seed.js';
import { IncubatorStore } from './db/store.js';
import { defineTables, schemaForPartner } from './db/tables.js';
import { IncubatorWrites } from './db/writes.js';
import type { IncubatorContext } from './context.js';
import { createLoaders } from './loaders.js';
import { readResolvers } from './resolvers/read.js';
import { writeResolvers } from './resolvers/write.js';

export interface IncubatorSubgraphOptions {
  /**
   * The partner this subgraph is (a beta.gouv.fr incubator id for the real ones). It names the
   * database schema, and is the incubator served unless `incubatorIds` says otherwise.
   */
  partnerId: string;
  /**
   * The incubators served, when not just `partnerId`. The oracle — one subgraph serving every
   * incubator from one database, the reference the partitioned gateway must equal — lists them all.
   */
  incubatorIds?: readonly string[];
  /** The database; several partners may share one (each gets its own schema). */
  connection: DatabaseConnection;
  /** Rows to insert when missing (idempotent). Omit to start with what the database holds. */
  seed?: PartnerSeed | readonly PartnerSeed[];
  /** Largest request body in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * The gateway's public keys (several while its key is rotated), PEM or base64 DER. With them,
   * a write is taken only from the partner that owns the data, as the gateway vouches, signed for
   * this partner and this very request; without, writes are open to whoever reaches the
   * subgraph (development only).
   */
  identityKeys?: readonly string[];
  /**
   * Without identity keys, whether writes are taken from whoever reaches the subgraph (`open`,
   * development and tests: the default here) or refused (`closed`: what the kit's process does
   * unless told `GOUVGRAPH_OPEN_WRITES=true`).
   */
  unsignedWrites?: 'open' | 'closed';
  /** Where each request's log line goes (pino). Default: no request log. */
  logger?: Logger;
  /**
   * The contract version to serve (default: the current one). A partner may stay on an older
   * version for a while: the gateway asks it only for what that version has.
   */
  contractVersion?: string;
}

export interface IncubatorSubgraph {
  partnerId: string;
  /** The Postgres schema holding this partner's rows. */
  dbSchema: string;
  /** The contract version it serves. */
  contractVersion: string;
  schema: GraphQLSchema;
  handler: RequestHandler;
  /** SQL statements sent since start (tests check batching with it). */
  statements: StatementCounter;
  /** How many startups the seed inserted on this start (0 when they were already there). */
  seeded: number;
  stop(): Promise<void>;
}

/** Builds the subgraph, ready to be served. */
export async function createIncubatorSubgraph(options: IncubatorSubgraphOptions): Promise<IncubatorSubgraph> {
  const { partnerId } = options;
  const incubators = new Set(options.incubatorIds ?? [partnerId]);
  for (const id of [partnerId, ...incubators]) {
    if (!isPartnerId(id)) throw new Error(`invalid partner id ${JSON.stringify(id)}`);
  }
  const version = contractVersion(options.contractVersion ?? CONTRACT_VERSION);
  if (!version) throw new Error(`the contract has no version ${JSON.stringify(options.contractVersion)}`);
  const keys = (options.identityKeys ?? []).filter(Boolean).map(readIdentityPublicKey);
  const statements = new StatementCounter();
  const db = options.connection.drizzle(statements);
  const dbSchema = schemaForPartner(partnerId);
  await migrateSchema(db, dbSchema, MIGRATIONS);
  const tables = defineTables(dbSchema);
  let seeded = 0;
  for (const seed of options.seed === undefined ? [] : Array.isArray(options.seed) ? options.seed : [options.seed]) {
    if (!incubators.has(seed.incubator.id)) throw new Error(`seed for "${seed.incubator.id}", which this subgraph does not serve`);
    seeded += await seedPartner(db, tables, seed);
  }

  const store = new IncubatorStore(db, tables);
  const writes = new IncubatorWrites(db, tables, incubators);
  const { schema, handler, stop } = await createSubgraphServer<IncubatorContext>({
    typeDefs: version.typeDefs,
    resolvers: { ...readResolvers, Mutation: writeResolvers.Mutation },
    context: async (req) => ({
      incubators,
      store,
      writes,
      loaders: createLoaders(store),
      caller: keys.length
        ? verifyIdentity(req.headers[IDENTITY_HEADER], keys, { audiences: incubators, body: requestBody(req) })
        : options.unsignedWrites === 'closed'
          ? 'no-key'
          : null,
    }),
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    databaseFailure: isDatabaseFault,
    observability: {
      service: `incubator-${partnerId}`,
      knownCodes: new Set(Object.keys(ERROR_CODES)),
      readiness: async () => ({ checks: [await check('database', () => db.execute(sql`select 1`))] }),
      logger: options.logger,
    },
  });
  return { partnerId, dbSchema, contractVersion: version.version, schema, handler, statements, seeded, stop };
}

export type RunningIncubatorSubgraph = Served<IncubatorSubgraph>;

/** Builds the subgraph and listens (port 0 = any free port). `stop()` closes both. */
export async function startIncubatorSubgraph(
  options: IncubatorSubgraphOptions & { port?: number; host?: string },
): Promise<RunningIncubatorSubgraph> {
  return serve(await createIncubatorSubgraph(options), options.port, options.host);
}
