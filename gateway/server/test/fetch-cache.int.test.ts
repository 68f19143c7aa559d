/**
 * The fetch cache serves every caller and is never wrong (issue #20): two gateway replicas on one
 * Postgres registry, the real kits of mtes and anct behind counting proxies, agents signed by a
 * stand-in identity provider, partners with their registry tokens. A write forgets what its
 * partner answered — on both replicas, before the writer has its answer — and nothing of the
 * other partner's; a random run of reads and writes by the public, agents and partners, through
 * either replica, answers exactly what a gateway without any cache answers.
 */
import { openDatabase, type DatabaseConnection } from '@gouvgraph/incubator';
import { Registry } from '@gouvgraph/registry';
import {
  createPostgresDatabase,
  graphql,
  startIdentityProvider,
  startMisbehavingProxy,
  type MisbehavingProxy,
  type TestDatabase,
  type TestIdentityProvider,
} from '@gouvgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/index.js';
import { data, startPartners, type Partners } from './helpers.js';

const ADMIN = 'fetch-cache-admin';
const IDS = ['mtes', 'anct'] as const;
type Id = (typeof IDS)[number];

let database: TestDatabase;
let partners: Partners;
const proxies = {} as Record<Id, MisbehavingProxy>;
const connections: DatabaseConnection[] = [];
const registries: Registry[] = [];
let provider: TestIdentityProvider;
/** Two replicas on one registry; the second learns of writes by NOTIFY alone (no polling). */
let replicas: [RunningGateway, RunningGateway];
/** The same kits, no cache of any kind: the truth every answer is compared with. */
let uncached: RunningGateway;
const tokens = {} as Record<Id, string>;
let agentToken: string;

beforeAll(async () => {
  database = await createPostgresDatabase();
  partners = await startPartners(IDS, database.config);
  for (const kit of partners.kits) proxies[kit.partnerId as Id] = await startMisbehavingProxy(kit.url);
  provider = await startIdentityProvider();
  const agents = { issuer: provider.issuer, audience: provider.audience, jwksUrl: provider.jwksUrl };
  for (const pollMs of [5_000, 0]) {
    const connection = await openDatabase(database.config);
    connections.push(connection);
    registries.push(await Registry.open({ connection, pollMs }));
  }
  const [first, second] = registries as [Registry, Registry];
  for (const id of IDS) {
    const name = data.incubators.find((i) => i.id === id)?.title ?? id;
    await first.ensureActive({ id, name, kind: 'central-administration', url: proxies[id].url });
  }
  await Promise.all(registries.map((r) => r.refresh()));
  const common = { supergraph: { kind: 'compose' as const, subgraphs: [] }, ide: false, partnerRetries: 0, agents };
  replicas = [
    await startGateway({ ...common, registry: first, adminToken: ADMIN }),
    await startGateway({ ...common, registry: second, adminToken: ADMIN }),
  ];
  uncached = await startGateway({
    ...common,
    partners: partners.kits.map((k) => ({ id: k.partnerId, url: k.url })),
    responseCache: false,
    fetchCache: false,
  });
  for (const id of IDS) {
    const answer = await fetch(`${replicas[0].origin}/-/admin/partners/${id}/token`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    tokens[id] = ((await answer.json()) as { token: string }).token;
  }
  agentToken = await provider.token();
}, 120_000);

afterAll(async () => {
  await Promise.all([...(replicas ?? []), uncached].map((g) => g?.stop()));
  for (const registry of registries) await registry.close();
  for (const connection of connections) await connection.close();
  await Promise.all(Object.values(proxies).map((p) => p.stop()));
  await partners?.stop();
  await provider?.close();
  await database?.drop();
});

type Caller = 'public' | 'agent' | Id;

/** A read as `caller` sends it: agents on /agents/graphql, the public and partners on /graphql. */
async function read(gateway: RunningGateway, caller: Caller, query: string): Promise<string> {
  const url = caller === 'agent' ? gateway.agentsUrl : gateway.url;
  const authorization = caller === 'public' ? undefined : `Bearer ${caller === 'agent' ? agentToken : tokens[caller]}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query }),
  });
  return response.text();
}

/** The truth: the uncached gateway's answer (its agents' endpoint for an agent's read). */
const truth = (caller: Caller, query: string) => read(uncached, caller === 'agent' ? 'agent' : 'public', query);

async function rename(gateway: RunningGateway, id: Id, startup: string, pitch: string) {
  const answer = await graphql(
    gateway.url,
    'mutation($id: ID!, $pitch: String!) { updateStartup(id: $id, input: { pitch: $pitch }) { pitch } }',
    { id: startup, pitch },
    { headers: { authorization: `Bearer ${tokens[id]}` } },
  );
  expect(answer.errors).toBeUndefined();
}

const STARTUP: Record<Id, string> = { mtes: 'mtes/aigle', anct: 'anct/aidantsconnect' };
const pitchOf = (id: Id, tag: string) => `{ ${tag}: startup(id: "${STARTUP[id]}") { name pitch } }`;
const received = () => ({ mtes: proxies.mtes.received, anct: proxies.anct.received });

/** The fetch cache's hits on a replica, from its metrics. */
async function hits(gateway: RunningGateway): Promise<number> {
  const text = await (await fetch(`${gateway.origin}/metrics`)).text();
  let sum = 0;
  for (const m of text.matchAll(/^gouvgraph_fetch_cache_reads_total\{[^}]*result="hit"[^}]*\} (\d+)/gm)) sum += Number(m[1]);
  return sum;
}

describe('the fetch cache', () => {
  it('answers every caller’s repeated read without calling the partner: agents, partners and the public alike', async () => {
    const query = '{ startups(first: 6, filter: { incubator: "mtes" }) { totalCount edges { node { id name phase } } } }';
    const [a] = replicas;
    const first = await read(a, 'agent', query);
    const before = received();
    const again = [await read(a, 'agent', query), await read(a, 'anct', query), await read(a, 'public', query)];
    expect(received()).toEqual(before);
    for (const answer of again) expect(answer).toBe(first);
    expect(first).toBe(await truth('agent', query));
  });

  it('never answers partners’ health from memory: it changes without any write', async () => {
    const [a] = replicas;
    const query = '{ partnerHealth { partner state calls } }';
    const first = JSON.parse(await read(a, 'agent', query));
    expect(first.data.partnerHealth.map((p: { partner: string }) => p.partner).sort()).toEqual([...IDS].sort());
    const before = await hits(a);
    await read(a, 'agent', '{ startups(first: 1) { totalCount } }'); // a partner call the next health read must show
    const again = JSON.parse(await read(a, 'agent', query));
    const calls = (answer: typeof first) => answer.data.partnerHealth.reduce((n: number, p: { calls: number }) => n + p.calls, 0);
    expect(calls(again)).toBeGreaterThan(calls(first));
    expect(await hits(a)).toBe(before);
  });

  it('forgets, after a write to one partner, what that partner answered and not what the other answered', async () => {
    const [a] = replicas;
    const mtes = pitchOf('mtes', 'own');
    const anct = pitchOf('anct', 'other');
    await read(a, 'agent', mtes);
    await read(a, 'agent', anct);
    await rename(a, 'mtes', STARTUP.mtes, 'Repérer les constructions sans permis (forget test)');
    const before = received();
    expect(await read(a, 'agent', mtes)).toBe(await truth('agent', mtes));
    expect(await read(a, 'agent', anct)).toBe(await truth('agent', anct));
    const after = received();
    // mtes was asked again (and the truth asked it once more); anct was not asked by the replica.
    expect(after.mtes - before.mtes).toBe(1);
    expect(after.anct - before.anct).toBe(0);
    expect(JSON.parse(await read(a, 'agent', mtes)).data.own.pitch).toBe('Repérer les constructions sans permis (forget test)');
  });

  it('shows a write through one replica in the very next read of the other', async () => {
    const [a, b] = replicas;
    const query = pitchOf('anct', 'seen');
    for (let round = 0; round < 10; round++) {
      await read(b, 'agent', query);
      const pitch = `Accompagner les aidants numériques (réplique ${round})`;
      await rename(a, 'anct', STARTUP.anct, pitch);
      expect(JSON.parse(await read(b, 'agent', query)).data.seen.pitch).toBe(pitch);
      expect(JSON.parse(await read(b, 'public', query)).data.seen.pitch).toBe(pitch);
    }
  });

  it('answers exactly as a gateway without cache through a random run of reads and writes by every kind of caller', async () => {
    const queries = [
      pitchOf('mtes', 'aigle'),
      pitchOf('anct', 'aidants'),
      '{ startups(first: 8, filter: { incubator: "mtes" }) { edges { node { name pitch phase } } } }',
      '{ startups(first: 5, filter: { active: true }) { totalCount edges { node { id pitch incubator { name } } } } }',
      '{ incubators { id name startups(first: 2) { totalCount edges { node { pitch } } } } }',
      '{ a: startup(id: "mtes/aigle") { pitch } b: startup(id: "anct/aidantsconnect") { pitch } }',
    ];
    const callers: Caller[] = ['public', 'agent', 'mtes', 'anct'];
    const hitsBefore = (await hits(replicas[0])) + (await hits(replicas[1]));
    // A fixed sequence from a small linear congruential generator: the same run every time.
    let seed = 20;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let writes = 0;
    let reads = 0;
    for (let step = 0; step < 120; step++) {
      const gateway = replicas[next() < 0.5 ? 0 : 1];
      if (next() < 0.15) {
        const id = IDS[Math.floor(next() * IDS.length)] as Id;
        await rename(gateway, id, STARTUP[id], `Pitch ${id} n° ${step}`);
        writes++;
        continue;
      }
      const caller = callers[Math.floor(next() * callers.length)] as Caller;
      const query = queries[Math.floor(next() * queries.length)] as string;
      const answer = await read(gateway, caller, query);
      reads++;
      expect({ step, caller, query, answer }).toEqual({ step, caller, query, answer: await truth(caller, query) });
    }
    expect(writes).toBeGreaterThan(5);
    // The run did exercise the cache: at least one read in three answered from it, in part or whole.
    expect((await hits(replicas[0])) + (await hits(replicas[1])) - hitsBefore).toBeGreaterThan(reads / 3);
  });
});
