/** The gateway's configuration: a bad value stops start-up with the option's name. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newIdentityKeyPair } from '@gouvgraph/http';
import { readGatewayConfig } from '../src/config.js';

describe('gateway configuration', () => {
  it('reads partners and subgraphs from flags or the environment', () => {
    const config = readGatewayConfig(['--partner', 'mtes=http://a/graphql', '--partner=anct=http://b/graphql', '--port', '0'], {
      GOUVGRAPH_SUBGRAPHS: 'catalog=http://c/graphql',
    });
    expect(config.partners).toEqual([
      { id: 'mtes', url: 'http://a/graphql' },
      { id: 'anct', url: 'http://b/graphql' },
    ]);
    expect(config.supergraph).toEqual({ kind: 'compose', subgraphs: [{ name: 'catalog', url: 'http://c/graphql' }] });
    expect(config.port).toBe(0);
    expect(config.host).toBe('127.0.0.1');
  });

  it('turns introspection and the IDE off in production unless asked, and reads CORS and rate limits', () => {
    const local = readGatewayConfig(['--partner', 'mtes=http://a/graphql'], {});
    expect(local).toMatchObject({
      introspection: true,
      ide: true,
      partnerUrlsPublic: true,
      corsOrigins: [],
      rateLimit: { perMinute: 1200, trustProxy: false, whenRedisDown: 'memory' },
    });
    const production = readGatewayConfig(['--partner', 'mtes=http://a/graphql'], {
      NODE_ENV: 'production',
      CORS_ORIGINS: 'https://tableau.beta.gouv.fr, https://api.gouv.fr',
      REDIS_URL: 'redis://127.0.0.1:6379',
      RATE_LIMIT_PER_MINUTE: '600',
    });
    expect(production).toMatchObject({
      introspection: false,
      ide: false,
      partnerUrlsPublic: false,
      corsOrigins: ['https://tableau.beta.gouv.fr', 'https://api.gouv.fr'],
      rateLimit: { perMinute: 600, redisUrl: 'redis://127.0.0.1:6379' },
    });
    expect(
      readGatewayConfig(['--partner', 'mtes=http://a/graphql'], { NODE_ENV: 'production', GOUVGRAPH_INTROSPECTION: 'true' }),
    ).toMatchObject({ introspection: true, ide: true });
    expect(readGatewayConfig(['--partner', 'mtes=http://a/graphql'], { RATE_LIMIT_PER_MINUTE: '0' }).rateLimit).toBeUndefined();
    expect(() => readGatewayConfig(['--partner', 'mtes=http://a/graphql'], { CORS_ORIGINS: 'https://a.fr/path' })).toThrow(/not an origin/);
  });

  it('reads the agents’ identity provider, all or nothing, and the identity signing key', () => {
    const keys = newIdentityKeyPair();
    const config = readGatewayConfig(['--partner', 'mtes=http://a/graphql'], {
      OIDC_ISSUER: 'https://proconnect.gouv.fr/api/v2',
      OIDC_AUDIENCE: 'gouvgraph',
      OIDC_JWKS_URL: 'https://proconnect.gouv.fr/api/v2/jwks',
      GOUVGRAPH_IDENTITY_KEY: keys.privateKey,
    });
    expect(config.agents).toEqual({
      issuer: 'https://proconnect.gouv.fr/api/v2',
      audience: 'gouvgraph',
      jwksUrl: 'https://proconnect.gouv.fr/api/v2/jwks',
    });
    expect(config.identityKey?.asymmetricKeyType).toBe('ed25519');
    expect(() => readGatewayConfig(['--partner', 'mtes=http://a/graphql'], { OIDC_ISSUER: 'https://x' })).toThrow(/go together/);
    // The public half is not a signing key.
    expect(() => readGatewayConfig(['--partner', 'mtes=http://a/graphql'], { GOUVGRAPH_IDENTITY_KEY: keys.publicKey })).toThrow(
      /GOUVGRAPH_IDENTITY_KEY must be an Ed25519 private key/,
    );
  });

  it('reads the response cache and the subgraph deadline, 0 turning the cache off', () => {
    const local = readGatewayConfig(['--partner', 'mtes=http://a/graphql'], {});
    expect(local).toMatchObject({ responseCache: { ttlMs: 5_000, maxBytes: 64 * 1024 * 1024 }, subgraphTimeoutMs: 15_000 });
    const tuned = readGatewayConfig(['--partner', 'mtes=http://a/graphql'], {
      RESPONSE_CACHE_TTL_MS: '0',
      RESPONSE_CACHE_MAX_MB: '8',
      SUBGRAPH_TIMEOUT_MS: '3000',
    });
    expect(tuned).toMatchObject({ responseCache: { ttlMs: 0, maxBytes: 8 * 1024 * 1024 }, subgraphTimeoutMs: 3_000 });
    expect(() => readGatewayConfig(['--partner', 'mtes=http://a/graphql'], { RESPONSE_CACHE_TTL_MS: 'forever' })).toThrow(
      /RESPONSE_CACHE_TTL_MS/,
    );
  });

  it('reads the operation limits, each defaulting on its own', () => {
    const config = readGatewayConfig(['--partner', 'mtes=http://a/graphql'], { MAX_COST: '100000', MAX_BATCH: '0' });
    expect(config.limits).toEqual({ depth: 12, aliases: 50, rootFields: 30, directives: 50, tokens: 5_000, cost: 100_000, batch: 0 });
  });

  it('runs the partner registry in Postgres or embedded PGlite when asked', () => {
    expect(readGatewayConfig(['--registry', 'postgres://u@db/gateway'], { GOUVGRAPH_ADMIN_TOKEN: 's' })).toMatchObject({
      registryDatabase: { kind: 'postgres', url: 'postgres://u@db/gateway' },
      adminToken: 's',
    });
    expect(readGatewayConfig([], { REGISTRY_DATABASE_URL: 'pglite' }).registryDatabase).toEqual({ kind: 'pglite' });
    expect(() => readGatewayConfig(['--registry', 'mysql://x'], {})).toThrow(/--registry must be a postgres/);
  });

  it('loads a supergraph SDL file for stock Federation mode', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gouvgraph-')), 'supergraph.graphql');
    writeFileSync(path, 'schema { query: Query } type Query { a: Int }');
    expect(readGatewayConfig(['--supergraph', path], {}).supergraph).toEqual({
      kind: 'sdl',
      sdl: 'schema { query: Query } type Query { a: Int }',
    });
  });

  it.each([
    [[], {}, /nothing to serve/],
    [['--partner', 'mtes'], {}, /--partner must be name=http/],
    [['--partner', 'mtes=http://a', '--partner', 'mtes=http://b'], {}, /given twice/],
    [['--partner', 'm/x=http://a'], {}, /not a valid partner id/],
    [['--supergraph', '/nonexistent/supergraph.graphql'], {}, /--supergraph: cannot read/],
    [['--supergraph', 'x', '--subgraph', 'a=http://a'], {}, /exclude each other/],
    [['--partner', 'mtes=http://a', '--port', '99999'], {}, /PORT must be/],
    [['--partner', 'mtes=http://a'], { PARTNER_TIMEOUT_MS: 'soon' }, /PARTNER_TIMEOUT_MS/],
    [['--partner', 'mtes=http://a'], { MAX_COST: '-3' }, /MAX_COST must be a whole number/],
    [['--partner', 'mtes=http://a'], { MAX_DEPTH: '0' }, /MAX_DEPTH must be at least 1/],
    [['--verbose'], {}, /unknown argument "--verbose"/],
  ] as const)('refuses %j %j', (argv, env, message) => {
    expect(() => readGatewayConfig([...argv], env)).toThrow(message);
  });
});

describe('gateway command line through a package runner', () => {
  it('ignores the "--" separator pnpm forwards', () => {
    expect(readGatewayConfig(['--', '--partner', 'mtes=http://a/graphql'], {}).partners).toEqual([{ id: 'mtes', url: 'http://a/graphql' }]);
  });

  it('reads the contract version of a partner that has not upgraded', () => {
    expect(
      readGatewayConfig(['--partner', 'calvados@1.0=http://c/graphql', '--partner', 'mtes@1.3=http://a/graphql'], {}).partners,
    ).toEqual([
      { id: 'calvados', url: 'http://c/graphql', contractVersion: '1.0' },
      { id: 'mtes', url: 'http://a/graphql' },
    ]);
    expect(() => readGatewayConfig(['--partner', 'calvados@0.9=http://c/graphql'], {})).toThrow(
      /no version "0.9" \(it has 1.0, 1.1, 1.2, 1.3\)/,
    );
  });
});
