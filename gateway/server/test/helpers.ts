/** Test fixtures for the gateway: real partner kits on one PGlite, and a central subgraph. */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { loadSeedData, partnerSeed } from '@gouvgraph/data';
import { createGraphQLHandler, listen, type Listening } from '@gouvgraph/http';
import {
  openDatabase,
  startIncubatorSubgraph,
  type DatabaseConfig,
  type DatabaseConnection,
  type RunningIncubatorSubgraph,
} from '@gouvgraph/incubator';
import type { TestDatabase } from '@gouvgraph/testing';
import { parse, type GraphQLSchema } from 'graphql';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const data = loadSeedData();

export interface Partners {
  connection: DatabaseConnection;
  kits: RunningIncubatorSubgraph[];
  stop(): Promise<void>;
}

/**
 * Starts the real incubator kit for each partner, seeded with its real data; `versions` names
 * the partners that serve an earlier contract version.
 */
export async function startPartners(
  ids: readonly string[],
  database: DatabaseConfig = { kind: 'pglite' },
  versions: Readonly<Record<string, string>> = {},
  identityKeys: readonly string[] = [],
): Promise<Partners> {
  const connection = await openDatabase(database);
  const kits: RunningIncubatorSubgraph[] = [];
  for (const partnerId of ids) {
    const contractVersion = versions[partnerId];
    kits.push(
      await startIncubatorSubgraph({
        partnerId,
        connection,
        seed: partnerSeed(data, partnerId),
        identityKeys,
        ...(contractVersion ? { contractVersion } : {}),
      }),
    );
  }
  return {
    connection,
    kits,
    stop: async () => {
      await Promise.all(kits.map((k) => k.stop()));
      await connection.close();
    },
  };
}

type RunningSubgraph = Listening & { url: string; stop(): Promise<void> };

/** Serves a subgraph schema over HTTP on a free port. */
async function serveSchema(schema: GraphQLSchema): Promise<RunningSubgraph> {
  const server = new ApolloServer({ schema, stopOnTerminationSignals: false, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  await server.start();
  const http = await listen(createGraphQLHandler({ server, context: async () => ({}) }));
  return {
    ...http,
    url: `${http.origin}/graphql`,
    stop: async () => {
      await http.close();
      await server.stop();
    },
  };
}

/** A subgraph serving `sdl` and nothing else (no resolvers): what a partner's drifted schema looks like to the registry. */
export function startSdlOnlySubgraph(sdl: string): Promise<RunningSubgraph> {
  return serveSchema(buildSubgraphSchema({ typeDefs: parse(sdl) }));
}

/**
 * A central subgraph that points at partners' startups, as the catalogue will: it lists
 * "featured" startup ids and lets the gateway resolve them from their owners.
 */
export function startFeaturedSubgraph(ids: readonly string[]): Promise<RunningSubgraph> {
  return serveSchema(
    buildSubgraphSchema({
      typeDefs: parse(`
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
        type Startup @key(fields: "id", resolvable: false) { id: ID! }
        type Query { featured: [Startup]! }
      `),
      resolvers: { Query: { featured: () => ids.map((id) => ({ __typename: 'Startup', id })) } },
    }),
  );
}

/** Empty PGlite databases, each a copy of one initialised once (see createPgliteTemplate). */
export interface PgliteTemplate {
  /** A new database of its own, a copy of the template's files; `drop()` deletes them. */
  create(): Promise<TestDatabase>;
  /** Deletes the template and every copy left. */
  remove(): Promise<void>;
}

/**
 * Initialising a PGlite cluster (its `initdb`) costs seconds; copying the files of one already
 * initialised and opening the copy, a fraction of a second. For suites that give each test a
 * PGlite database of its own: the template is read-only, each copy is the test's alone.
 */
export async function createPgliteTemplate(): Promise<PgliteTemplate> {
  const root = await mkdtemp(join(tmpdir(), 'gouvgraph-pglite-'));
  const template = join(root, 'template');
  await (await openDatabase({ kind: 'pglite', dataDir: template })).close();
  let copies = 0;
  return {
    create: async () => {
      const dataDir = join(root, `copy-${++copies}`);
      await cp(template, dataDir, { recursive: true });
      return { name: 'pglite', config: { kind: 'pglite', dataDir }, drop: () => rm(dataDir, { recursive: true, force: true }) };
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
