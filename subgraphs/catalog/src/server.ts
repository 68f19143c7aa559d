/**
 * Builds the catalogue subgraph: migrates and seeds its schema, then serves schema.graphql.
 * Nothing happens on import; `main.ts` reads the environment.
 */
import { loadCatalogData, loadSeedData } from '@gouvgraph/data';
import { isDatabaseFault, migrateSchema, StatementCounter, type DatabaseConnection } from '@gouvgraph/db';
import { check, createSubgraphServer, serve, type Logger, type RequestHandler, type Served } from '@gouvgraph/http';
import { ERROR_CODES } from '@gouvgraph/schema';
import { sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { parse, type GraphQLSchema } from 'graphql';
import { seedCatalog } from './db/seed.js';
import { CatalogStore } from './db/store.js';
import { defineTables } from './db/tables.js';
import { createLoaders } from './loaders.js';
import { resolvers, type CatalogContext } from './resolvers.js';

/** The catalogue's SDL, beside the code that implements it. */
export const catalogSdl = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
const MIGRATIONS = new URL('../drizzle/', import.meta.url);

export interface CatalogSubgraphOptions {
  connection: DatabaseConnection;
  /** Its Postgres schema. Default `catalog`. */
  dbSchema?: string;
  /** Insert the real api.gouv.fr catalogue when missing. Default true. */
  seed?: boolean;
  /** Where each request's log line goes (pino). Default: no request log. */
  logger?: Logger;
}

export interface CatalogSubgraph {
  schema: GraphQLSchema;
  handler: RequestHandler;
  statements: StatementCounter;
  seeded: number;
  stop(): Promise<void>;
}

export async function createCatalogSubgraph(options: CatalogSubgraphOptions): Promise<CatalogSubgraph> {
  const dbSchema = options.dbSchema ?? 'catalog';
  const statements = new StatementCounter();
  const db = options.connection.drizzle(statements);
  await migrateSchema(db, dbSchema, MIGRATIONS);
  const tables = defineTables(dbSchema);
  const cfg = `"${dbSchema}".french_unaccent`;
  const seeded = options.seed === false ? 0 : await seedCatalog(db, tables, cfg, loadCatalogData(), loadSeedData());
  const store = new CatalogStore(db, tables, cfg);
  const { schema, handler, stop } = await createSubgraphServer<CatalogContext>({
    typeDefs: parse(catalogSdl),
    resolvers,
    context: async () => ({ store, loaders: createLoaders(store) }),
    databaseFailure: isDatabaseFault,
    observability: {
      service: 'catalog',
      knownCodes: new Set(Object.keys(ERROR_CODES)),
      readiness: async () => ({ checks: [await check('database', () => db.execute(sql`select 1`))] }),
      logger: options.logger,
    },
  });
  return { schema, handler, statements, seeded, stop };
}

export type RunningCatalogSubgraph = Served<CatalogSubgraph>;

/** Builds the catalogue and listens (port 0 = any free port). `stop()` closes both. */
export async function startCatalogSubgraph(
  options: CatalogSubgraphOptions & { port?: number; host?: string },
): Promise<RunningCatalogSubgraph> {
  return serve(await createCatalogSubgraph(options), options.port, options.host);
}
