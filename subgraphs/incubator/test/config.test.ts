/** The kit's configuration: embedded PGlite unless a server is named; bad values stop start-up by name. */
import { describe, expect, it } from 'vitest';
import { newIdentityKeyPair } from '@gouvgraph/http';
import { readIncubatorConfig } from '../src/config.js';

describe('incubator kit configuration', () => {
  it('runs on embedded PGlite when no DATABASE_URL is given', () => {
    expect(readIncubatorConfig({ PARTNER_ID: 'mtes' })).toEqual({
      partnerId: 'mtes',
      partnerName: undefined,
      port: 4001,
      host: '127.0.0.1',
      database: { kind: 'pglite' },
      seed: true,
      contractVersion: undefined,
      identityKeys: [],
      // Without the gateway's key, no writes unless a developer opens them.
      openWrites: false,
    });
    expect(readIncubatorConfig({ PARTNER_ID: 'mtes', GOUVGRAPH_OPEN_WRITES: 'true' }).openWrites).toBe(true);
  });

  it('reads the contract version to serve and the gateway’s identity public keys', () => {
    const [next, previous] = [newIdentityKeyPair().publicKey, newIdentityKeyPair().publicKey];
    const config = readIncubatorConfig({
      PARTNER_ID: 'calvados',
      CONTRACT_VERSION: '1.0',
      GOUVGRAPH_IDENTITY_PUBLIC_KEY: `${next}, ${previous}`,
    });
    expect(config.contractVersion).toBe('1.0');
    expect(config.identityKeys).toEqual([next, previous]);
    expect(() => readIncubatorConfig({ PARTNER_ID: 'calvados', GOUVGRAPH_IDENTITY_PUBLIC_KEY: 'not-a-key' })).toThrow(
      /GOUVGRAPH_IDENTITY_PUBLIC_KEY must be/,
    );
    expect(() => readIncubatorConfig({ PARTNER_ID: 'calvados', CONTRACT_VERSION: '2.0' })).toThrow(
      /CONTRACT_VERSION must be one of 1.0, 1.1/,
    );
  });

  it('uses the Postgres server DATABASE_URL names', () => {
    const config = readIncubatorConfig({ PARTNER_ID: 'anct', DATABASE_URL: 'postgres://u@db/anct', PORT: '0', SEED: 'false' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@db/anct' });
    expect(config.port).toBe(0);
    expect(config.seed).toBe(false);
  });

  it.each([
    [{}, /PARTNER_ID is required/],
    [{ PARTNER_ID: 'mtes', PORT: 'http' }, /PORT must be a port number/],
    [{ PARTNER_ID: 'mtes', SEED: 'maybe' }, /SEED must be true or false/],
  ])('refuses %j', (env, message) => {
    expect(() => readIncubatorConfig(env)).toThrow(message);
  });
});
