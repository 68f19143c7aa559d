/**
 * A Vite plugin that registers the dashboard's operations as trusted documents: it writes the
 * persisted query manifest (Apollo's format, each id the SHA-256 of its body) beside the built
 * page, for the gateway to load, and gives the page each operation's id through the module
 * `virtual:operation-ids`, so the page sends ids and never query text.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { operations } from '../src/operations.js';

export const MANIFEST_FILE = 'persisted-query-manifest.json';
const VIRTUAL = 'virtual:operation-ids';
const RESOLVED = `\0${VIRTUAL}`;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function persistedOperations(): Plugin {
  const ids = Object.fromEntries(Object.entries(operations).map(([name, body]) => [name, sha256(body)]));
  return {
    name: 'gouvgraph-persisted-operations',
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : null),
    load: (id) => (id === RESOLVED ? `export default ${JSON.stringify(ids)};` : null),
    generateBundle() {
      const manifest = {
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: Object.entries(operations).map(([name, body]) => ({ id: sha256(body), name, type: 'query', body })),
      };
      this.emitFile({ type: 'asset', fileName: MANIFEST_FILE, source: `${JSON.stringify(manifest, null, 2)}\n` });
    },
  };
}
