/**
 * Every setting the incubator kit reads from its environment, typed, with its default and
 * description: config.ts reads them, and docs/operations.md's configuration reference is
 * generated from here.
 */
import { ConfigError, readIdentityPublicKey, setting } from '@gouvgraph/http';
import { CONTRACT_VERSION, CONTRACT_VERSIONS } from '@gouvgraph/schema';

/** One key, or several while the gateway's key is rotated. */
function identityKeys(value: string): string[] {
  // PEM holds no comma: a list is base64 keys, or one PEM key.
  const keys = value.trim().startsWith('-----BEGIN')
    ? [value]
    : value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
  for (const key of keys) {
    try {
      readIdentityPublicKey(key);
    } catch (error) {
      throw new ConfigError(
        `GOUVGRAPH_IDENTITY_PUBLIC_KEY must be the gateway's Ed25519 public key, PEM or base64 DER: ${(error as Error).message}`,
      );
    }
  }
  return keys;
}

export const INCUBATOR_SETTINGS = {
  partnerId: setting.string({
    env: 'PARTNER_ID',
    type: 'partner id',
    required: 'the incubator id this subgraph serves, e.g. "mtes"',
    description: 'the incubator this subgraph serves (`mtes`, `francetravail`, …)',
  }),
  partnerName: setting.string({
    env: 'PARTNER_NAME',
    description: 'its display name, required for an incubator the seed data does not know',
  }),
  databaseUrl: setting.string({
    env: 'DATABASE_URL',
    type: 'Postgres URL',
    defaultText: 'embedded PGlite',
    description: 'the Postgres database holding its rows (in schema `p_<partner id>`)',
  }),
  pgliteDataDir: setting.string({
    env: 'PGLITE_DATA_DIR',
    type: 'path',
    defaultText: 'in memory',
    description: 'where embedded PGlite keeps its files (unset: nothing is kept)',
  }),
  port: setting.port({ env: 'PORT', default: 4001, description: 'the port it listens on' }),
  host: setting.string({ env: 'HOST', type: 'address', default: '127.0.0.1', description: 'the address it listens on' }),
  seed: setting.boolean({
    env: 'SEED',
    default: true,
    description: "insert the partner's real beta.gouv.fr rows when missing (idempotent)",
  }),
  contractVersion: setting.oneOf({
    env: 'CONTRACT_VERSION',
    values: CONTRACT_VERSIONS.map((v) => v.version),
    defaultText: `the current one (\`${CONTRACT_VERSION}\`)`,
    description: 'serve an earlier version of the contract',
  }),
  openWrites: setting.boolean({
    env: 'GOUVGRAPH_OPEN_WRITES',
    default: false,
    description:
      'without `GOUVGRAPH_IDENTITY_PUBLIC_KEY`, take writes from anyone who can reach this subgraph (development only); otherwise such a kit refuses every write (`FORBIDDEN`)',
  }),
  identityKeys: setting.custom({
    env: 'GOUVGRAPH_IDENTITY_PUBLIC_KEY',
    type: 'Ed25519 public keys, PEM or comma-separated base64 DER',
    parse: identityKeys,
    default: [],
    defaultText: 'none: no writes, unless `GOUVGRAPH_OPEN_WRITES=true`',
    description: "the gateway's public key(s), several while it is rotated: writes then need its signed identity of the owning partner",
  }),
};
