/**
 * The gateway's configuration, read once from the command line and the environment and
 * validated: a bad value stops the process at start-up with the option's name.
 *
 *   --partner id=url        (repeatable; env GOUVGRAPH_PARTNERS="id=url,id=url"); `id@1.0=url` for a
 *                           partner on an earlier contract version
 *   --subgraph name=url     (repeatable; env GOUVGRAPH_SUBGRAPHS="name=url,…")
 *   --supergraph path       (env GOUVGRAPH_SUPERGRAPH; excludes --subgraph)
 *   --port n --host h       (env PORT, HOST; default 4000 on 127.0.0.1)
 *   env PARTNER_TIMEOUT_MS (default 2000), PARTNER_RETRIES (default 1), SUBGRAPH_TIMEOUT_MS (default 15000),
 *   RESPONSE_CACHE_TTL_MS (default 5000; 0: off), RESPONSE_CACHE_MAX_MB (default 64),
 *   CIRCUIT_FAILURE_THRESHOLD (default 5), CIRCUIT_COOLDOWN_MS (default 10000),
 *   GOUVGRAPH_EXPOSE_PARTNER_CALLS (never | on-header | always; default on-header)
 *   NODE_ENV=production: introspection and the IDE off (GOUVGRAPH_INTROSPECTION, GOUVGRAPH_IDE: true|false)
 *   GOUVGRAPH_DASHBOARD (default true): serve the dashboard at / when it is built
 *   CORS_ORIGINS (comma-separated origins, or *), RATE_LIMIT_PER_MINUTE (default 1200; 0: off),
 *   REDIS_URL (share rate counts between replicas), TRUST_PROXY (read X-Forwarded-For)
 *   GOUVGRAPH_IDENTITY_KEY: the Ed25519 private key writes are signed with (kits hold the public key)
 *   OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL: accept agents' JWTs (ProConnect), all three or none
 *   TRUSTED_DOCUMENTS (a persisted query manifest), TRUSTED_DOCUMENTS_ONLY (run only those)
 *   MAX_DEPTH, MAX_ALIASES, MAX_ROOT_FIELDS, MAX_DIRECTIVES, MAX_TOKENS, MAX_COST, MAX_BATCH: the
 *   operation limits (limits/limits.ts has their defaults)
 *   --registry postgres://…|pglite (env REGISTRY_DATABASE_URL): run the partner registry in this
 *   database (partners then join while the gateway runs); GOUVGRAPH_ADMIN_TOKEN: its admin token
 */
import type { DatabaseConfig } from '@gouvgraph/db';
import { readIdentityPrivateKey } from '@gouvgraph/http';
import type { KeyObject } from 'node:crypto';
import { CONTRACT_VERSION, CONTRACT_VERSIONS, isPartnerId } from '@gouvgraph/schema';
import { readFileSync } from 'node:fs';
import type { Partner } from './partner-client.js';
import { DEFAULT_LIMITS, type QueryLimits } from './limits/limits.js';
import { readManifest } from './trusted-documents.js';
import type { PartnerCallsExposure } from './plugins/partner-calls-extension.js';
import type { GatewayOptions } from './server.js';
import type { SubgraphSource } from './supergraph.js';

export class ConfigError extends Error {}

export interface GatewayConfig extends GatewayOptions {
  port: number;
  host: string;
  /** Where the partner registry lives, when the gateway runs one. */
  registryDatabase: DatabaseConfig | null;
}

function pairs(values: string[], what: string): { name: string; url: string }[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)
    .map((entry) => {
      const eq = entry.indexOf('=');
      const name = entry.slice(0, eq);
      const url = entry.slice(eq + 1);
      if (eq <= 0 || !/^https?:\/\//.test(url)) throw new ConfigError(`${what} must be name=http(s)://…; got "${entry}"`);
      return { name, url };
    });
}

function integer(value: string | undefined, fallback: number, name: string, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new ConfigError(`${name} must be a whole number from 0 to ${max}; got "${value}"`);
  return n;
}

/** The registered operations, read and checked at start-up. */
function trustedDocumentsFrom(env: NodeJS.ProcessEnv): Pick<GatewayOptions, 'trustedDocuments'> {
  const only = bool(env.TRUSTED_DOCUMENTS_ONLY, false, 'TRUSTED_DOCUMENTS_ONLY');
  if (!env.TRUSTED_DOCUMENTS) {
    if (only) throw new ConfigError('TRUSTED_DOCUMENTS_ONLY needs TRUSTED_DOCUMENTS, the manifest of the operations to run');
    return {};
  }
  try {
    return { trustedDocuments: { operations: readManifest(env.TRUSTED_DOCUMENTS), only } };
  } catch (error) {
    throw new ConfigError(`TRUSTED_DOCUMENTS: ${(error as Error).message}`);
  }
}

/** Who may call: agents' identity provider, and the key the gateway signs identities with. */
function identitySettings(env: NodeJS.ProcessEnv): Pick<GatewayOptions, 'agents' | 'identityKey'> {
  const oidc = [env.OIDC_ISSUER, env.OIDC_AUDIENCE, env.OIDC_JWKS_URL];
  const given = oidc.filter(Boolean).length;
  if (given !== 0 && given !== 3) throw new ConfigError('OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL go together: give all three or none');
  if (env.OIDC_JWKS_URL && !/^https?:\/\//.test(env.OIDC_JWKS_URL)) throw new ConfigError(`OIDC_JWKS_URL must be an http(s) URL; got "${env.OIDC_JWKS_URL}"`);
  let identityKey: KeyObject | undefined;
  if (env.GOUVGRAPH_IDENTITY_KEY) {
    try {
      identityKey = readIdentityPrivateKey(env.GOUVGRAPH_IDENTITY_KEY);
    } catch (error) {
      throw new ConfigError(`GOUVGRAPH_IDENTITY_KEY must be an Ed25519 private key, PEM or base64 DER (\`pnpm gouvgraph identity-keys\` makes a pair): ${(error as Error).message}`);
    }
  }
  return {
    ...(given === 3 ? { agents: { issuer: env.OIDC_ISSUER as string, audience: env.OIDC_AUDIENCE as string, jwksUrl: env.OIDC_JWKS_URL as string } } : {}),
    ...(identityKey ? { identityKey } : {}),
  };
}

/** What production changes: introspection and the IDE off unless asked; rate limits, CORS. */
function productionSettings(env: NodeJS.ProcessEnv): Pick<GatewayOptions, 'introspection' | 'ide' | 'corsOrigins' | 'rateLimit'> {
  const production = env.NODE_ENV === 'production';
  const introspection = bool(env.GOUVGRAPH_INTROSPECTION, !production, 'GOUVGRAPH_INTROSPECTION');
  const perMinute = integer(env.RATE_LIMIT_PER_MINUTE, 1_200, 'RATE_LIMIT_PER_MINUTE');
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError(`REDIS_URL must be redis://host:port; got "${redisUrl}"`);
  const origins = (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/]+$/.test(origin)) throw new ConfigError(`CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port], no path)`);
  }
  return {
    introspection,
    ide: bool(env.GOUVGRAPH_IDE, introspection, 'GOUVGRAPH_IDE'),
    corsOrigins: origins,
    ...(perMinute > 0 ? { rateLimit: { perMinute, redisUrl, trustProxy: bool(env.TRUST_PROXY, false, 'TRUST_PROXY') } } : {}),
  };
}

/** Each limit of limits.ts from its variable (`MAX_DEPTH`, `MAX_COST`…), its default otherwise. */
const LIMIT_VARIABLES: Record<keyof QueryLimits, string> = {
  depth: 'MAX_DEPTH',
  aliases: 'MAX_ALIASES',
  rootFields: 'MAX_ROOT_FIELDS',
  directives: 'MAX_DIRECTIVES',
  tokens: 'MAX_TOKENS',
  cost: 'MAX_COST',
  batch: 'MAX_BATCH',
};

function limitsFrom(env: NodeJS.ProcessEnv): QueryLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [limit, variable] of Object.entries(LIMIT_VARIABLES) as [keyof QueryLimits, string][]) {
    limits[limit] = integer(env[variable], DEFAULT_LIMITS[limit], variable);
    if (limits[limit] === 0 && limit !== 'batch') throw new ConfigError(`${variable} must be at least 1`);
  }
  return limits;
}

function bool(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false; got "${value}"`);
}

function exposure(value: string | undefined): PartnerCallsExposure {
  if (value === undefined || value === '') return 'on-header';
  if (value === 'never' || value === 'on-header' || value === 'always') return value;
  throw new ConfigError(`GOUVGRAPH_EXPOSE_PARTNER_CALLS must be never, on-header or always; got "${value}"`);
}

/** Parses `argv` (without node and script) and `env`. */
export function readGatewayConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') continue; // package runners forward their own separator
    const match = /^--(partner|subgraph|supergraph|port|host|registry)(?:=(.*))?$/.exec(arg);
    if (!match) throw new ConfigError(`unknown argument "${arg}" (see gateway/src/config.ts for the options)`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new ConfigError(`--${match[1]} needs a value`);
    flags.set(match[1] as string, [...(flags.get(match[1] as string) ?? []), value]);
  }
  const list = (flag: string, envName: string) => flags.get(flag) ?? (env[envName] ? [env[envName] as string] : []);
  const one = (flag: string, envName: string) => flags.get(flag)?.at(-1) ?? env[envName];

  const partners: Partner[] = pairs(list('partner', 'GOUVGRAPH_PARTNERS'), '--partner').map(({ name, url }) => {
    const [id = '', version] = name.split('@');
    if (!isPartnerId(id)) throw new ConfigError(`--partner: "${id}" is not a valid partner id`);
    if (version === undefined || version === CONTRACT_VERSION) return { id, url };
    if (!CONTRACT_VERSIONS.some((v) => v.version === version)) {
      throw new ConfigError(`--partner ${name}: the contract has no version "${version}" (it has ${CONTRACT_VERSIONS.map((v) => v.version).join(', ')})`);
    }
    return { id, url, contractVersion: version };
  });
  if (new Set(partners.map((p) => p.id)).size !== partners.length) throw new ConfigError('--partner: a partner id is given twice');
  const subgraphs: SubgraphSource[] = pairs(list('subgraph', 'GOUVGRAPH_SUBGRAPHS'), '--subgraph');
  const supergraphPath = one('supergraph', 'GOUVGRAPH_SUPERGRAPH');
  if (supergraphPath && subgraphs.length) throw new ConfigError('--supergraph and --subgraph exclude each other');
  const registry = one('registry', 'REGISTRY_DATABASE_URL');
  let registryDatabase: DatabaseConfig | null = null;
  if (registry === 'pglite') registryDatabase = { kind: 'pglite' };
  else if (registry) {
    if (!/^postgres(ql)?:\/\//.test(registry)) throw new ConfigError(`--registry must be a postgres:// URL or "pglite"; got "${registry}"`);
    registryDatabase = { kind: 'postgres', url: registry };
  }
  if (!supergraphPath && !subgraphs.length && !partners.length && !registryDatabase) {
    throw new ConfigError('nothing to serve: give --partner id=url (repeatable), --subgraph name=url, --supergraph path, or --registry');
  }
  let supergraph: GatewayOptions['supergraph'] = { kind: 'compose', subgraphs };
  if (supergraphPath) {
    try {
      supergraph = { kind: 'sdl', sdl: readFileSync(supergraphPath, 'utf8') };
    } catch (error) {
      throw new ConfigError(`--supergraph: cannot read ${supergraphPath} (${(error as Error).message})`);
    }
  }
  return {
    supergraph,
    partners,
    port: integer(one('port', 'PORT'), 4000, 'PORT', 65535),
    host: one('host', 'HOST') || '127.0.0.1',
    partnerTimeoutMs: integer(env.PARTNER_TIMEOUT_MS, 2_000, 'PARTNER_TIMEOUT_MS'),
    partnerRetries: integer(env.PARTNER_RETRIES, 1, 'PARTNER_RETRIES', 5),
    subgraphTimeoutMs: integer(env.SUBGRAPH_TIMEOUT_MS, 15_000, 'SUBGRAPH_TIMEOUT_MS'),
    dashboard: bool(env.GOUVGRAPH_DASHBOARD, true, 'GOUVGRAPH_DASHBOARD'),
    responseCache: {
      ttlMs: integer(env.RESPONSE_CACHE_TTL_MS, 5_000, 'RESPONSE_CACHE_TTL_MS'),
      maxBytes: integer(env.RESPONSE_CACHE_MAX_MB, 64, 'RESPONSE_CACHE_MAX_MB') * 1024 * 1024,
    },
    circuit: {
      failureThreshold: integer(env.CIRCUIT_FAILURE_THRESHOLD, 5, 'CIRCUIT_FAILURE_THRESHOLD'),
      cooldownMs: integer(env.CIRCUIT_COOLDOWN_MS, 10_000, 'CIRCUIT_COOLDOWN_MS'),
    },
    exposePartnerCalls: exposure(env.GOUVGRAPH_EXPOSE_PARTNER_CALLS),
    limits: limitsFrom(env),
    ...productionSettings(env),
    ...identitySettings(env),
    ...trustedDocumentsFrom(env),
    registryDatabase,
    ...(env.GOUVGRAPH_ADMIN_TOKEN ? { adminToken: env.GOUVGRAPH_ADMIN_TOKEN } : {}),
  };
}
