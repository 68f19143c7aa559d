/**
 * The kit's configuration, read from the environment in one place (its settings: settings.ts) and
 * validated once: a bad value stops the process at start-up with the variable's name.
 */
import type { DatabaseConfig } from '@gouvgraph/db';
import { readSettings } from '@gouvgraph/http';
import { INCUBATOR_SETTINGS } from './settings.js';

export interface IncubatorConfig {
  partnerId: string;
  /** Display name for a partner the seed data does not know (a new incubator). */
  partnerName: string | undefined;
  port: number;
  host: string;
  database: DatabaseConfig;
  /** Insert the partner's real beta.gouv.fr data when missing. */
  seed: boolean;
  /** The contract version served (CONTRACT_VERSION), when not the current one. */
  contractVersion: string | undefined;
  /** GOUVGRAPH_IDENTITY_PUBLIC_KEY, comma-separated while the gateway's key is rotated: writes need its signed identity. */
  identityKeys: string[];
  /** GOUVGRAPH_OPEN_WRITES: without identity keys, take writes from anyone (development); else none. */
  openWrites: boolean;
}

export { ConfigError } from '@gouvgraph/http';

export function readIncubatorConfig(env: NodeJS.ProcessEnv = process.env): IncubatorConfig {
  const s = readSettings(INCUBATOR_SETTINGS, { env });
  return {
    partnerId: s.partnerId,
    partnerName: s.partnerName,
    port: s.port,
    host: s.host,
    database: s.databaseUrl
      ? { kind: 'postgres', url: s.databaseUrl }
      : { kind: 'pglite', ...(s.pgliteDataDir ? { dataDir: s.pgliteDataDir } : {}) },
    seed: s.seed,
    contractVersion: s.contractVersion,
    identityKeys: s.identityKeys,
    openWrites: s.openWrites,
  };
}
