/**
 * Who may do what: the anonymous public, agents with an OpenID Connect JWT (a local key pair
 * stands in for ProConnect), partners with their registry token — and a subgraph that checks
 * again, from the identity the gateway signs, so a call that skips the gateway cannot write.
 * Registry on the Postgres server, partners on PGlite.
 */
import { IDENTITY_HEADER, newIdentityKeyPair, readIdentityPrivateKey, signIdentity, type Identity } from '@gouvgraph/http';
import { openDatabase, type DatabaseConnection } from '@gouvgraph/incubator';
import {
  codes,
  createPostgresDatabase,
  graphql,
  startIdentityProvider,
  type TestDatabase,
  type TestIdentityProvider,
} from '@gouvgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from '@gouvgraph/registry';
import { startGateway, type RunningGateway } from '../src/index.js';
import { data, startPartners, type Partners } from './helpers.js';

/** The gateway's key pair, and a stranger's (a partner trying to sign for itself). */
const KEYS = newIdentityKeyPair();
const GATEWAY_KEY = readIdentityPrivateKey(KEYS.privateKey);
const STRANGER_KEY = readIdentityPrivateKey(newIdentityKeyPair().privateKey);

let database: TestDatabase;
let connection: DatabaseConnection;
let registry: Registry;
let partners: Partners;
let provider: TestIdentityProvider;
let gateway: RunningGateway;
let mtesToken = '';
const agentToken: TestIdentityProvider['token'] = (claims) => provider.token(claims);

const asCaller = (token: string | null) => (token ? { headers: { authorization: `Bearer ${token}` } } : undefined);
const READ = '{ incubators { id } }';
const rename = (id: string) =>
  `mutation { updateStartup(id: "${id}", input: { pitch: "Accessibilité des lieux ouverts au public" }) { id pitch } }`;

beforeAll(async () => {
  provider = await startIdentityProvider();
  database = await createPostgresDatabase();
  connection = await openDatabase(database.config);
  registry = await Registry.open({ connection });
  // The kits hold the gateway's public key: they take writes only with its signed identity.
  partners = await startPartners(['mtes', 'anct'], { kind: 'pglite' }, {}, [KEYS.publicKey]);
  for (const kit of partners.kits)
    await registry.ensureActive({ id: kit.partnerId, name: kit.partnerId, kind: 'central-administration', url: kit.url });
  await registry.refresh();
  mtesToken = await registry.rotateToken('mtes', { kind: 'admin' });
  gateway = await startGateway({
    supergraph: { kind: 'compose', subgraphs: [] },
    registry,
    agents: { issuer: provider.issuer, audience: provider.audience, jwksUrl: provider.jwksUrl },
    identityKey: GATEWAY_KEY,
    ide: false,
  });
});
afterAll(async () => {
  await gateway?.stop();
  await registry?.close();
  await partners?.stop();
  await provider?.close();
  await connection?.close();
  await database?.drop();
});

describe('the authorisation matrix, through the gateway', () => {
  it('lets everyone read, partners write their own data only, and refuses bad tokens with 401', async () => {
    const expired = await agentToken({ expiresIn: '-1m' });
    const cases: [string, string | null, string, string[] | 'data'][] = [
      ['anonymous reads', null, READ, 'data'],
      ['anonymous writes', null, rename('mtes/acceslibre'), ['UNAUTHENTICATED']],
      ['an agent reads', await agentToken(), READ, 'data'],
      ['an agent writes', await agentToken(), rename('mtes/acceslibre'), ['FORBIDDEN']],
      ['a partner reads', mtesToken, READ, 'data'],
      ['a partner writes its own', mtesToken, rename('mtes/acceslibre'), 'data'],
      ["a partner writes another's", mtesToken, rename('anct/aidantsconnect'), ['FORBIDDEN']],
      ['an expired agent token', expired, READ, ['UNAUTHENTICATED']],
      ['an agent token signed by someone else', await agentToken({ forged: true }), READ, ['UNAUTHENTICATED']],
      ['an agent token for another audience', await agentToken({ audience: 'another-service' }), READ, ['UNAUTHENTICATED']],
      ['an agent token from another issuer', await agentToken({ issuer: 'https://elsewhere.test' }), READ, ['UNAUTHENTICATED']],
      ['a revoked partner token', 'ggp_not-a-token-anyone-was-given', READ, ['UNAUTHENTICATED']],
      ['not a bearer token', 'x', READ, ['UNAUTHENTICATED']],
    ];
    const got = [];
    for (const [name, token, operation, expected] of cases) {
      const result = await graphql(gateway.url, operation, undefined, asCaller(token));
      got.push([name, result.errors ? codes(result) : 'data']);
      if (expected === 'data') expect(result.errors, name).toBeUndefined();
    }
    expect(got).toEqual(cases.map(([name, , , expected]) => [name, expected]));
    const refused = await graphql(gateway.url, READ, undefined, asCaller(expired));
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.message).toBe('The agent token is refused: the token has expired');
    // The write that was allowed happened, once; the refused ones changed nothing.
    const aidants = await graphql(gateway.url, '{ startup(id: "anct/aidantsconnect") { pitch } }');
    expect(aidants.data?.startup.pitch).toBe(data.startups.find((s) => s.id === 'aidantsconnect')?.mission);
  });
});

describe('a partner subgraph checks writes again (defence in depth)', () => {
  const kitUrl = () => partners.kits.find((k) => k.partnerId === 'mtes')?.url ?? '';
  const WRITE = JSON.stringify({ query: rename('mtes/aigle') });
  /** A write sent straight to mtes's kit, with this body and identity header. */
  const direct = async (header: string | null, body = WRITE) => {
    const response = await fetch(kitUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(header ? { [IDENTITY_HEADER]: header } : {}) },
      body,
    });
    return (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  };
  const mtes: Identity = { kind: 'partner', partner: 'mtes', scopes: ['write'] };
  const sign = (options: { who?: Identity; key?: typeof GATEWAY_KEY; audience?: string; body?: string; now?: number } = {}) =>
    signIdentity(
      options.who ?? mtes,
      options.key ?? GATEWAY_KEY,
      { audience: options.audience ?? 'mtes', body: options.body ?? WRITE },
      options.now,
    );
  const codesOf = (answer: { errors?: { extensions?: { code?: string } }[] }) => (answer.errors ?? []).map((e) => e.extensions?.code);

  it('refuses a direct write with no identity, one a partner signed itself, an expired, tampered, misdirected or replayed one', async () => {
    expect(codesOf(await direct(null))).toEqual(['UNAUTHENTICATED']);
    // A partner's kit holds only the public key: what it signs itself is a forgery.
    expect(codesOf(await direct(sign({ key: STRANGER_KEY })))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await direct(sign({ now: Date.now() - 120_000 })))).toEqual(['UNAUTHENTICATED']);
    const anct = sign({ who: { kind: 'partner', partner: 'anct', scopes: [] } });
    const tampered = anct.replace(
      /^v2\.[^.]+/,
      `v2.${Buffer.from(JSON.stringify({ kind: 'partner', partner: 'mtes', scopes: [], aud: 'mtes', exp: Date.now() + 60_000 })).toString('base64url')}`,
    );
    expect(codesOf(await direct(tampered))).toEqual(['UNAUTHENTICATED']);
    // Signed for another partner's kit (seen there), or for another request: not for this one.
    expect(codesOf(await direct(sign({ audience: 'anct' })))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await direct(sign({ body: JSON.stringify({ query: '{ __typename }' }) })))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await direct(anct))).toEqual(['FORBIDDEN']);
    expect((await graphql(gateway.url, '{ startup(id: "mtes/aigle") { pitch } }')).data?.startup.pitch).toBe(
      data.startups.find((s) => s.id === 'aigle')?.mission,
    );
    // The gateway's signature for this partner and this body writes; reads never needed one.
    expect((await direct(sign())).errors).toBeUndefined();
    expect((await graphql(kitUrl(), '{ incubators { id } }')).data?.incubators).toEqual([{ id: 'mtes' }]);
  });

  it('sends the identity with writes only, to the partner written to', async () => {
    const seen: { partner: string; header: string | undefined }[] = [];
    const { createServer } = await import('node:http');
    // A pass-through in front of anct's kit that notes what reaches anct.
    const anctUrl = partners.kits.find((k) => k.partnerId === 'anct')?.url ?? '';
    const spy = createServer((req, res) => {
      seen.push({ partner: 'anct', header: req.headers[IDENTITY_HEADER] as string | undefined });
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        void fetch(anctUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(async (r) => {
          res.writeHead(r.status, { 'content-type': 'application/json' });
          res.end(await r.text());
        });
      });
    });
    await new Promise<void>((resolve) => spy.listen(0, '127.0.0.1', resolve));
    const { port } = spy.address() as { port: number };
    await registry.ensureActive({ id: 'anct', name: 'anct', kind: 'central-administration', url: `http://127.0.0.1:${port}/graphql` });
    await registry.refresh();
    try {
      const read = await graphql(gateway.url, '{ startups(first: 4) { totalCount } }', undefined, asCaller(mtesToken));
      expect(read.errors).toBeUndefined();
      const written = await graphql(gateway.url, rename('mtes/acceslibre'), undefined, asCaller(mtesToken));
      expect(written.errors).toBeUndefined();
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((s) => s.header === undefined)).toBe(true);
    } finally {
      await registry.ensureActive({ id: 'anct', name: 'anct', kind: 'central-administration', url: anctUrl });
      await registry.refresh();
      await new Promise<void>((resolve) => spy.close(() => resolve()));
    }
  });
});
