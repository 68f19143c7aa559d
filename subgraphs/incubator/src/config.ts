/**
 * The kit's configuration, read from the environment in one place and validated once:
 * a bad value stops the process at start-up with the variable's name.
 */
import type { DatabaseConfig } from '@gouvgraph/db';
import { readIdentityPublicKey } from '@gouvgraph/http';
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
  /** GOUVGRAPH_IDENTITY_PUBLIC_KEY, comma-separated while the gateway's key is rotated: writes need its signed identity. */
  identityKeys: string[];
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

function identityKeysOf(value: string | undefined): string[] {
  // PEM holds no comma: a list is base64 keys, or one PEM key.
  const keys = (value ?? '').trim().startsWith('-----BEGIN') ? [value as string] : (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const key of keys) {
    try {
      readIdentityPublicKey(key);
    } catch (error) {
      throw new ConfigError(`GOUVGRAPH_IDENTITY_PUBLIC_KEY must be the gateway's Ed25519 public key, PEM or base64 DER: ${(error as Error).message}`);
    }
  }
  return keys;
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
    identityKeys: identityKeysOf(env.GOUVGRAPH_IDENTITY_PUBLIC_KEY),
  };
}
