/**
 * The gateway's configuration: its settings (settings.ts, listed in docs/operations.md) read once
 * from the command line and the environment, then the rules that tie them together — partners'
 * ids and contract versions, `--supergraph` or `--subgraph`, something to serve, the OIDC trio,
 * the trusted documents' manifest. A bad value stops the process at start-up with its name.
 */
import type { DatabaseConfig } from '@gouvgraph/db';
import { ConfigError, readSettings, type SettingsOf } from '@gouvgraph/http';
import { CONTRACT_VERSION, CONTRACT_VERSIONS, isPartnerId } from '@gouvgraph/schema';
import { readFileSync } from 'node:fs';
import type { Partner } from '@gouvgraph/gateway-core';
import type { QueryLimits } from '@gouvgraph/gateway-core';
import { readManifest } from '@gouvgraph/gateway-core';
import type { GatewayOptions } from './server.js';
import { GATEWAY_SETTINGS } from './settings.js';

export { ConfigError } from '@gouvgraph/http';

type Settings = SettingsOf<typeof GATEWAY_SETTINGS>;

export interface GatewayConfig extends GatewayOptions {
  port: number;
  host: string;
  /** Where the partner registry lives, when the gateway runs one. */
  registryDatabase: DatabaseConfig | null;
}

/** The partners, each id checked and its contract version, when not the current one, known. */
function partnersOf(entries: Settings['partners']): Partner[] {
  const partners = entries.map(({ name, url }): Partner => {
    const [id = '', version] = name.split('@');
    if (!isPartnerId(id)) throw new ConfigError(`--partner: "${id}" is not a valid partner id`);
    if (version === undefined || version === CONTRACT_VERSION) return { id, url };
    if (!CONTRACT_VERSIONS.some((v) => v.version === version)) {
      throw new ConfigError(
        `--partner ${name}: the contract has no version "${version}" (it has ${CONTRACT_VERSIONS.map((v) => v.version).join(', ')})`,
      );
    }
    return { id, url, contractVersion: version };
  });
  if (new Set(partners.map((p) => p.id)).size !== partners.length) throw new ConfigError('--partner: a partner id is given twice');
  return partners;
}

/** The registered operations, read and checked at start-up. */
function trustedDocumentsFrom(s: Settings): Pick<GatewayOptions, 'trustedDocuments'> {
  if (!s.trustedDocuments) {
    if (s.trustedDocumentsOnly)
      throw new ConfigError('TRUSTED_DOCUMENTS_ONLY needs TRUSTED_DOCUMENTS, the manifest of the operations to run');
    return {};
  }
  try {
    return { trustedDocuments: { operations: readManifest(s.trustedDocuments), only: s.trustedDocumentsOnly } };
  } catch (error) {
    throw new ConfigError(`TRUSTED_DOCUMENTS: ${(error as Error).message}`);
  }
}

/** Who may call: agents' identity provider (all three settings or none), and the identity signing key. */
function identitySettings(s: Settings): Pick<GatewayOptions, 'agents' | 'identityKey'> {
  const given = [s.oidcIssuer, s.oidcAudience, s.oidcJwksUrl].filter(Boolean).length;
  if (given !== 0 && given !== 3) throw new ConfigError('OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL go together: give all three or none');
  return {
    ...(s.oidcIssuer && s.oidcAudience && s.oidcJwksUrl
      ? { agents: { issuer: s.oidcIssuer, audience: s.oidcAudience, jwksUrl: s.oidcJwksUrl } }
      : {}),
    ...(s.identityKey ? { identityKey: s.identityKey } : {}),
  };
}

/** What production changes: introspection and the IDE off unless asked, partners' addresses private; rate limits, CORS. */
function productionSettings(
  s: Settings,
): Pick<GatewayOptions, 'introspection' | 'ide' | 'corsOrigins' | 'rateLimit' | 'partnerUrlsPublic'> {
  const introspection = s.introspection ?? s.nodeEnv !== 'production';
  return {
    introspection,
    partnerUrlsPublic: s.nodeEnv !== 'production',
    ide: s.ide ?? introspection,
    corsOrigins: s.corsOrigins,
    ...(s.rateLimitPerMinute > 0
      ? {
          rateLimit: {
            perMinute: s.rateLimitPerMinute,
            redisUrl: s.redisUrl,
            trustProxy: s.trustProxy,
            whenRedisDown: s.rateLimitWhenRedisDown,
          },
        }
      : {}),
  };
}

function limitsOf(s: Settings): QueryLimits {
  return {
    depth: s.maxDepth,
    aliases: s.maxAliases,
    rootFields: s.maxRootFields,
    directives: s.maxDirectives,
    tokens: s.maxTokens,
    cost: s.maxCost,
    batch: s.maxBatch,
  };
}

/** Parses `argv` (without node and script) and `env`. */
export function readGatewayConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const s = readSettings(GATEWAY_SETTINGS, { env, argv });
  const partners = partnersOf(s.partners);
  if (s.supergraph && s.subgraphs.length) throw new ConfigError('--supergraph and --subgraph exclude each other');
  if (!s.supergraph && !s.subgraphs.length && !partners.length && !s.registry) {
    throw new ConfigError('nothing to serve: give --partner id=url (repeatable), --subgraph name=url, --supergraph path, or --registry');
  }
  let supergraph: GatewayOptions['supergraph'] = { kind: 'compose', subgraphs: s.subgraphs };
  if (s.supergraph) {
    try {
      supergraph = { kind: 'sdl', sdl: readFileSync(s.supergraph, 'utf8') };
    } catch (error) {
      throw new ConfigError(`--supergraph: cannot read ${s.supergraph} (${(error as Error).message})`);
    }
  }
  return {
    supergraph,
    partners,
    port: s.port,
    host: s.host,
    partnerTimeoutMs: s.partnerTimeoutMs,
    partnerMaxResponseBytes: s.partnerMaxResponseBytes,
    partnerRetries: s.partnerRetries,
    subgraphTimeoutMs: s.subgraphTimeoutMs,
    dashboard: s.dashboard,
    ...(s.publicUrl ? { publicUrl: s.publicUrl.replace(/\/$/, '') } : {}),
    responseCache: { ttlMs: s.responseCacheTtlMs, maxBytes: s.responseCacheMaxMb * 1024 * 1024 },
    fetchCache: { ttlMs: s.fetchCacheTtlMs, maxBytes: s.fetchCacheMaxMb * 1024 * 1024 },
    selfContainedSubgraphs: s.selfContainedSubgraphs,
    circuit: { failureThreshold: s.circuitFailureThreshold, cooldownMs: s.circuitCooldownMs },
    partnerRecheck: { intervalMs: s.partnerRecheckIntervalMs },
    nonConformingPartners: s.nonConformingPartners,
    exposePartnerCalls: s.exposePartnerCalls,
    limits: limitsOf(s),
    ...productionSettings(s),
    ...identitySettings(s),
    ...trustedDocumentsFrom(s),
    registryDatabase: s.registry ?? null,
    ...(s.adminToken ? { adminToken: s.adminToken } : {}),
  };
}
