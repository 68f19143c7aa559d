/**
 * Who may do what: the anonymous public, agents with an OpenID Connect JWT (a local key pair
 * stands in for ProConnect), partners with their registry token — and a subgraph that checks
 * again, from the identity the gateway signs, so a call that skips the gateway cannot write.
 * Registry on the Postgres server, partners on PGlite.
 */
import { signIdentity, IDENTITY_HEADER } from '@gouvgraph/http';
import { openDatabase, type DatabaseConnection } from '@gouvgraph/incubator';
import { codes, createPostgresDatabase, graphql, startIdentityProvider, type TestDatabase, type TestIdentityProvider } from '@gouvgraph/testing';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry, startGateway, type RunningGateway } from '../src/index.js';
import { data, startPartners, type Partners } from './helpers.js';

const SECRET = randomBytes(32).toString('base64url');

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
const rename = (id: string) => `mutation { updateStartup(id: "${id}", input: { pitch: "Accessibilité des lieux ouverts au public" }) { id pitch } }`;

beforeAll(async () => {
  provider = await startIdentityProvider();
  database = await createPostgresDatabase();
  connection = await openDatabase(database.config);
  registry = await Registry.open({ connection });
  // The kits hold the secret: they take writes only with the gateway's signed identity.
  partners = await startPartners(['mtes', 'anct'], { kind: 'pglite' }, {}, [SECRET]);
  for (const kit of partners.kits) await registry.ensureActive({ id: kit.partnerId, name: kit.partnerId, kind: 'central-administration', url: kit.url });
  await registry.refresh();
  mtesToken = await registry.rotateToken('mtes', { kind: 'admin' });
  gateway = await startGateway({
    supergraph: { kind: 'compose', subgraphs: [] },
    registry,
    agents: { issuer: provider.issuer, audience: provider.audience, jwksUrl: provider.jwksUrl },
    identitySecret: SECRET,
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
  const direct = (headers: Record<string, string>) => graphql(kitUrl(), rename('mtes/aigle'), undefined, { headers });
  const signed = (partner: string, secret = SECRET, now = Date.now()) => signIdentity({ kind: 'partner', partner, scopes: ['write'] }, secret, now);

  it('refuses a direct write with no identity, a forged one, an expired one, or another partner’s', async () => {
    expect(codes(await direct({}))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await direct({ [IDENTITY_HEADER]: signed('mtes', 'not-the-gateway-secret-at-all-0123456789') }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await direct({ [IDENTITY_HEADER]: signed('mtes', SECRET, Date.now() - 120_000) }))).toEqual(['UNAUTHENTICATED']);
    const tampered = signed('anct').replace(/^v1\.[^.]+/, `v1.${Buffer.from(JSON.stringify({ kind: 'partner', partner: 'mtes', scopes: [], exp: Date.now() + 60_000 })).toString('base64url')}`);
    expect(codes(await direct({ [IDENTITY_HEADER]: tampered }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await direct({ [IDENTITY_HEADER]: signed('anct') }))).toEqual(['FORBIDDEN']);
    expect((await graphql(gateway.url, '{ startup(id: "mtes/aigle") { pitch } }')).data?.startup.pitch).toBe(data.startups.find((s) => s.id === 'aigle')?.mission);
    // With the gateway's signature for its own partner, it writes; reads never needed one.
    expect((await direct({ [IDENTITY_HEADER]: signed('mtes') })).errors).toBeUndefined();
    expect((await graphql(kitUrl(), '{ incubators { id } }')).data?.incubators).toEqual([{ id: 'mtes' }]);
  });
});
