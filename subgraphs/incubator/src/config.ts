/**
 * The kit's configuration, read from the environment in one place and validated once:
 * a bad value stops the process at start-up with the variable's name.
 */
import type { DatabaseConfig } from '@gouvgraph/db';
import { CONTRACT_VERSIONS } from '@gouvgraph/schema';

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
  /** GOUVGRAPH_IDENTITY_SECRET, comma-separated while one is rotated: writes need the gateway's signed identity. */
  identitySecrets: string[];
}

export class ConfigError extends Error {}

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`${name} must be a port number (0-65535); got "${value}"`);
  return n;
}

function bool(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false; got "${value}"`);
}

function contractVersionOf(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const known = CONTRACT_VERSIONS.map((v) => v.version);
  if (!known.includes(value)) throw new ConfigError(`CONTRACT_VERSION must be one of ${known.join(', ')}; got "${value}"`);
  return value;
}

export function readIncubatorConfig(env: NodeJS.ProcessEnv = process.env): IncubatorConfig {
  const partnerId = env.PARTNER_ID;
  if (!partnerId) throw new ConfigError('PARTNER_ID is required (the incubator id this subgraph serves, e.g. "mtes")');
  const url = env.DATABASE_URL;
  return {
    partnerId,
    partnerName: env.PARTNER_NAME || undefined,
    port: port(env.PORT, 4001, 'PORT'),
    host: env.HOST || '127.0.0.1',
    database: url ? { kind: 'postgres', url } : { kind: 'pglite', ...(env.PGLITE_DATA_DIR ? { dataDir: env.PGLITE_DATA_DIR } : {}) },
    seed: bool(env.SEED, true, 'SEED'),
    contractVersion: contractVersionOf(env.CONTRACT_VERSION),
    identitySecrets: (env.GOUVGRAPH_IDENTITY_SECRET ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  };
}
