/**
 * Stage 3, trusted documents: an operation sent by its id (a registered dashboard or open data
 * operation, or an automatic persisted query) is looked up; with `only`, an operation that is
 * not registered is refused before it runs.
 */
import { type persistedQueryCache, trustedDocumentsPlugin, type TrustedDocuments } from '../trusted-documents.js';
import type { Stage } from './stage.js';

/** Where persisted queries are kept: one per gateway, so a query registered on one endpoint is known on the other. */
export type PersistedQueries = ReturnType<typeof persistedQueryCache>;

export function trustedDocumentsStage(trusted: TrustedDocuments, persisted: PersistedQueries): Stage {
  return {
    name: 'trusted documents',
    persistedQueries: { cache: persisted },
    // It refuses only with `only`: otherwise not a step of every request.
    plugins: trusted.only ? [trustedDocumentsPlugin(trusted)] : [],
  };
}
