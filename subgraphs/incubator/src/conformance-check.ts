/**
 * The conformance check of a kit, over its own database: against a kit already serving it, or
 * one started here for the check's length; with `withSample`, while the conformance sample
 * (conformance-sample.ts) is in its tables, so that a partner with no startups yet is checked
 * on everything startups show. The sample is gone when the report comes back.
 */
import type { DatabaseConnection } from '@gouvgraph/db';
import { checkSubgraph, type CheckOptions, type ConformanceReport } from '@gouvgraph/schema';
import { withConformanceSample } from './conformance-sample.js';
import { defineTables, schemaForPartner } from './db/tables.js';
import { startIncubatorSubgraph } from './server.js';

export interface KitCheckOptions {
  connection: DatabaseConnection;
  partnerId: string;
  /** A kit already serving this database and partner; default: one started here on a free port. */
  url?: string | undefined;
  /** The contract version of the kit started here. Default: the current one. */
  contractVersion?: string | undefined;
  /** Write the conformance sample for the check's length. */
  withSample: boolean;
  check?: CheckOptions;
}

/** Checks the kit of `partnerId`, with the sample when asked; the database is as it was afterwards. */
export async function checkKit(options: KitCheckOptions): Promise<ConformanceReport> {
  const { connection, partnerId } = options;
  // Started before the sample is written: it migrates the partner's schema when it has to.
  const started = options.url
    ? null
    : await startIncubatorSubgraph({
        partnerId,
        connection,
        ...(options.contractVersion ? { contractVersion: options.contractVersion } : {}),
      });
  const url = options.url ?? (started?.url as string);
  const check = () => checkSubgraph(url, { ...options.check, partnerId });
  try {
    if (!options.withSample) return await check();
    return await withConformanceSample(connection.drizzle(), defineTables(schemaForPartner(partnerId)), partnerId, check);
  } finally {
    await started?.stop();
  }
}
