/**
 * Trusted documents and automatic persisted queries.
 *
 * The central dashboards register the operations they run in a manifest (Apollo's persisted
 * query manifest format: `{ format, version, operations: [{ id, name, type, body }] }`, `id`
 * being the SHA-256 of `body`), and send only the id (`extensions.persistedQuery.sha256Hash`).
 * With `only`, nothing else runs at all — a leaked token cannot run an arbitrary query. Without,
 * everyone else may still send queries, and use automatic persisted queries (APQ: send the hash,
 * and the query once when the gateway does not know it yet), cached in memory, bounded.
 */
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { codedError } from '@gouvgraph/schema';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface TrustedDocuments {
  /** Operation bodies by the SHA-256 of their text. */
  operations: ReadonlyMap<string, string>;
  /** Run these operations only. */
  only: boolean;
}

class ManifestError extends Error {}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Operations the gateway itself sends (the open data's), by their id, to register beside the manifests'. */
export const byDocumentId = (bodies: readonly string[]): Map<string, string> => new Map(bodies.map((body) => [sha256(body), body]));

/** Reads and checks a manifest: every id must be the SHA-256 of its body. */
export function readManifest(path: string): Map<string, string> {
  let manifest: { format?: unknown; version?: unknown; operations?: unknown };
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as typeof manifest;
  } catch (error) {
    throw new ManifestError(`cannot read the trusted documents manifest ${path}: ${(error as Error).message}`);
  }
  if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new ManifestError(`${path} is not an apollo-persisted-query-manifest, version 1, with operations`);
  }
  const operations = new Map<string, string>();
  for (const operation of manifest.operations as { id?: unknown; body?: unknown; name?: unknown }[]) {
    if (typeof operation.body !== 'string' || typeof operation.id !== 'string' || sha256(operation.body) !== operation.id) {
      throw new ManifestError(
        `${path}: operation ${JSON.stringify(operation.name ?? operation.id)} has an id that is not the SHA-256 of its body`,
      );
    }
    operations.set(operation.id, operation.body);
  }
  return operations;
}

/** Apollo Server's persisted-query cache: the trusted documents first, then what clients registered (APQ). */
export function persistedQueryCache(trusted: TrustedDocuments | undefined, max = 10_000) {
  const registered = new Map<string, string>();
  const hashOf = (key: string) => (key.startsWith('apq:') ? key.slice(4) : key);
  return {
    async get(key: string): Promise<string | undefined> {
      const hash = hashOf(key);
      const found = trusted?.operations.get(hash) ?? registered.get(hash);
      if (found !== undefined && registered.has(hash)) {
        // Least recently used goes first: move this one to the end.
        registered.delete(hash);
        registered.set(hash, found);
      }
      return found;
    },
    async set(key: string, value: string): Promise<void> {
      if (trusted?.only) return; // nothing is registered beside the list
      registered.set(hashOf(key), value);
      if (registered.size > max) registered.delete(registered.keys().next().value as string);
    },
    async delete(key: string): Promise<boolean> {
      return registered.delete(hashOf(key));
    },
  };
}

/** With `only`: refuses, before it runs, any operation not in the list, however it was sent. */
export function trustedDocumentsPlugin<TContext extends object>(trusted: TrustedDocuments): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart(): Promise<GraphQLRequestListener<TContext>> {
      return {
        // After parsing and validation (errors thrown earlier would be a 500), before execution.
        async didResolveOperation({ queryHash }) {
          if (!trusted.only || trusted.operations.has(queryHash)) return;
          throw codedError(
            'PERSISTED_QUERY_NOT_IN_LIST',
            'This endpoint runs registered operations only: send the id (extensions.persistedQuery.sha256Hash) of one',
            {
              http: { status: 400 },
            },
          );
        },
      };
    },
  };
}
