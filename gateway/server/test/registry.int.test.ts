/**
 * Over 400 lines: each test sets up its own registry, gateways and kits, on purpose.
 *
 * The joining walkthrough, on PGlite and on the Postgres server: an administrator registers
 * Calvados, Calvados runs the kit, checks it, publishes it, and the running gateway routes to it
 * at once — without a restart and without failing a request; its token writes its own data only;
 * bad publications change nothing; suspension and removal take effect at once.
 *
 * Each test starts what it needs on a database of its own (registry, gateways, partner kits):
 * tests can run alone and in any order. Only read-only things are shared: the seed data, and on
 * PGlite an initialised empty cluster that each test's database is a copy of.
 */
import { partnerSeed } from '@gouvgraph/data';
import { openDatabase, startIncubatorSubgraph, type DatabaseConnection, type RunningIncubatorSubgraph } from '@gouvgraph/incubator';
import { Registry } from '@gouvgraph/registry';
import { checkSubgraph, contractSdl } from '@gouvgraph/schema';
import { codes, DATABASES, graphql, waitFor, type GraphQLResult, type TestDatabase } from '@gouvgraph/testing';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startGateway, type RunningGateway } from '../src/index.js';
import { createPgliteTemplate, data, startFeaturedSubgraph, startSdlOnlySubgraph, type PgliteTemplate } from './helpers.js';

const ADMIN = 'admin-secret-for-tests';
const CLI = fileURLToPath(new URL('../../registry/bin/gouvgraph.mjs', import.meta.url));
/** The partners already in the graph when Calvados joins. */
const CENTRAL = ['mtes', 'anct'] as const;

// biome-ignore lint/suspicious/noExplicitAny: JSON read field by field in the tests.
type JsonBody = Record<string, any>;

interface RegistryGraph {
  connection: DatabaseConnection;
  registry: Registry;
  gateway: RunningGateway;
  /** The kits of mtes and anct, active in the registry with their real data (empty unless asked). */
  partners: RunningIncubatorSubgraph[];
  /** Calls the gateway's admin API, as the administrator unless another token is given ('' for none). */
  admin(method: string, path: string, body?: unknown, auth?: string): Promise<{ status: number; body: JsonBody }>;
  /** The incubators a gateway serves (this graph's by default). */
  incubatorIds(url?: string): Promise<string[]>;
  /** Starts a partner's kit on this test's database, without startups. */
  startKit(partnerId: string, title: string, contractVersion?: string): Promise<RunningIncubatorSubgraph>;
  /** A second gateway replica on the same registry database (its own connection on Postgres). */
  startReplica(): Promise<RunningGateway>;
  /** A gateway process started by the test on the same registry, stopped when the test ends. */
  startGateway(options?: Partial<Parameters<typeof startGateway>[0]>): Promise<RunningGateway>;
  /** Closes `close` when the test ends, before what was opened earlier. */
  defer(close: () => Promise<unknown>): void;
}

/** A fresh database, closed and dropped when the current test ends, with the list of things to close before. */
async function openTestDatabase(create: () => Promise<TestDatabase>) {
  const closers: (() => Promise<unknown>)[] = [];
  // Last opened, first closed, even when the test (or its setup) failed half-way.
  onTestFinished(async () => {
    for (const close of closers.reverse()) await close();
  });
  const defer = (close: () => Promise<unknown>) => void closers.push(close);
  const database = await create();
  defer(() => database.drop());
  const connection = await openDatabase(database.config);
  defer(() => connection.close());
  return { database, connection, defer };
}

/**
 * What a registry test starts: its own registry database, a gateway on it with the admin API, and
 * (with `partners`) the kits of mtes and anct, active in the registry as after their joining.
 */
async function startRegistryGraph(create: () => Promise<TestDatabase>, { partners: withPartners = false } = {}): Promise<RegistryGraph> {
  const { database, connection, defer } = await openTestDatabase(create);
  const registry = await Registry.open({ connection });
  defer(() => registry.close());
  const startKit = async (partnerId: string, title: string, contractVersion?: string) => {
    const kit = await startIncubatorSubgraph({
      partnerId,
      connection,
      seed: { incubator: { id: partnerId, title }, startups: [], organisations: [] },
      ...(contractVersion ? { contractVersion } : {}),
    });
    defer(() => kit.stop());
    return kit;
  };
  const partners: RunningIncubatorSubgraph[] = [];
  for (const partnerId of withPartners ? CENTRAL : []) {
    const kit = await startIncubatorSubgraph({ partnerId, connection, seed: partnerSeed(data, partnerId) });
    defer(() => kit.stop());
    partners.push(kit);
    await registry.ensureActive({
      id: partnerId,
      name: data.incubators.find((i) => i.id === partnerId)?.title ?? partnerId,
      kind: 'central-administration',
      url: kit.url,
    });
  }
  await registry.refresh();
  const startOn = async (on: Registry, options: Partial<Parameters<typeof startGateway>[0]> = {}) => {
    const started = await startGateway({
      supergraph: { kind: 'compose', subgraphs: [] },
      registry: on,
      adminToken: ADMIN,
      ide: false,
      ...options,
    });
    defer(() => started.stop());
    return started;
  };
  const gateway = await startOn(registry);
  return {
    connection,
    registry,
    gateway,
    partners,
    admin: (method, path, body, auth = ADMIN) =>
      fetch(`${gateway.origin}/-/admin/${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as JsonBody })),
    incubatorIds: async (url = gateway.url) =>
      ((await graphql(url, '{ incubators { id } }')).data?.incubators ?? []).map((i: { id: string }) => i.id),
    startKit,
    startReplica: async () => {
      // PGlite lives in one process: its replica shares the instance; Postgres gets a pool of its own.
      const replicaConnection = database.name === 'postgres' ? await openDatabase(database.config) : connection;
      if (replicaConnection !== connection) defer(() => replicaConnection.close());
      // No polling: what the replica learns, it learns from NOTIFY.
      const replicaRegistry = await Registry.open({ connection: replicaConnection, pollMs: 0 });
      defer(() => replicaRegistry.close());
      return startOn(replicaRegistry);
    },
    startGateway: (options) => startOn(registry, options),
    defer,
  };
}

/** Registers Calvados through the admin API, as its administrator does: its token, given once. */
async function registerCalvados(graph: RegistryGraph): Promise<string> {
  const created = await graph.admin('POST', 'partners', { id: 'calvados', name: 'Incubateur du Calvados', kind: 'local-authority' });
  expect(created.status).toBe(201);
  return created.body.token as string;
}

/** Calvados registered, its kit running and published: a partner in the graph. */
async function joinCalvados(graph: RegistryGraph): Promise<{ token: string; kit: RunningIncubatorSubgraph }> {
  const token = await registerCalvados(graph);
  const kit = await graph.startKit('calvados', 'Incubateur du Calvados');
  const published = await graph.admin('POST', 'partners/calvados/publish', { url: kit.url }, token);
  expect(published.status).toBe(200);
  return { token, kit };
}

const BOCAGE = `mutation { createStartup(input: { incubatorId: "calvados", slug: "bocage-numerique", name: "Bocage numérique",
  pitch: "Cartographier les haies du Calvados avec les agriculteurs", phaseStart: "2026-11-02" }) { id } }`;

/** Calvados in the graph with its first startup, written with its token. */
async function joinCalvadosWithStartup(graph: RegistryGraph): Promise<{ token: string; kit: RunningIncubatorSubgraph }> {
  const joined = await joinCalvados(graph);
  const created = await graphql(graph.gateway.url, BOCAGE, undefined, { headers: { authorization: `Bearer ${joined.token}` } });
  expect(created.data?.createStartup).toEqual({ id: 'calvados/bocage-numerique' });
  return joined;
}

/** The registry's audit of operations on partners, oldest first, as `actor action target`. */
async function partnerAudit(graph: RegistryGraph): Promise<{ lines: string[]; remotes: string[] }> {
  const audit = ((await graph.admin('GET', 'audit')).body.audit as { actor: string; action: string; target: string; remote: string }[])
    .filter((a) => a.action.startsWith('partner.'))
    .reverse();
  return { lines: audit.map((a) => `${a.actor} ${a.action} ${a.target}`), remotes: audit.map((a) => a.remote) };
}

/** Runs the `gouvgraph` command line against the gateway, as an operator does (asynchronously: the gateway runs in this very process). */
function cli(gateway: RunningGateway, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args, '--gateway', gateway.origin],
      { encoding: 'utf8', timeout: 60_000, env: { ...process.env, GOUVGRAPH_ADMIN_TOKEN: ADMIN } },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

describe.each(DATABASES)('partner registry on $name', (database) => {
  let create: () => Promise<TestDatabase> = database.create;
  let template: PgliteTemplate | undefined;
  beforeAll(async () => {
    if (database.name !== 'PGlite') return;
    template = await createPgliteTemplate();
    create = template.create;
  });
  afterAll(() => template?.remove());

  it('registers a partner and gives its token once, stored only as a hash', async () => {
    const { admin } = await startRegistryGraph(create);
    const refused = await admin('POST', 'partners', { id: 'calvados', name: 'Incubateur du Calvados', kind: 'local-authority' }, '');
    expect(refused.status).toBe(401);
    expect(codes(refused.body)).toEqual(['UNAUTHENTICATED']);
    const created = await admin('POST', 'partners', {
      id: 'calvados',
      name: 'Incubateur du Calvados',
      kind: 'local-authority',
      ownerOrganisation: 'departement-calvados',
      contact: 'incubateur@calvados.fr',
    });
    expect(created.status).toBe(201);
    expect(created.body.partner).toMatchObject({ id: 'calvados', status: 'registered', kind: 'local-authority' });
    const token = created.body.token as string;
    expect(token).toMatch(/^ggp_/);
    const listed = JSON.stringify((await admin('GET', 'partners')).body);
    expect(listed).not.toContain(token);
    expect(codes((await admin('POST', 'partners', { id: 'calvados', name: 'x', kind: 'local-authority' })).body)).toEqual(['CONFLICT']);
    expect(codes((await admin('POST', 'partners', { id: 'bad id', name: 'x', kind: 'local-authority' })).body)).toEqual(['BAD_USER_INPUT']);
  });

  it('passes the kit a new partner runs through the conformance check', async () => {
    const { connection, defer } = await openTestDatabase(create);
    const calvados = await startIncubatorSubgraph({
      partnerId: 'calvados',
      connection,
      seed: { incubator: { id: 'calvados', title: 'Incubateur du Calvados' }, startups: [], organisations: [] },
    });
    defer(() => calvados.stop());
    const report = await checkSubgraph(calvados.url);
    expect(report.ok).toBe(true);
  });

  it('refuses a bad publication precisely, and the graph does not change', async () => {
    const graph = await startRegistryGraph(create, { partners: true });
    const { admin } = graph;
    const token = await registerCalvados(graph);
    const calvados = await graph.startKit('calvados', 'Incubateur du Calvados');
    const before = await graph.incubatorIds();
    const unreachable = await admin('POST', 'partners/calvados/publish', { url: 'http://127.0.0.2:4001/graphql' }, token);
    expect(unreachable.status).toBe(422);
    expect(codes(unreachable.body)).toEqual(['PUBLISH_UNREACHABLE']);
    const wrongPartner = await admin('POST', 'partners/calvados/publish', { url: graph.partners[0]?.url }, token);
    expect(codes(wrongPartner.body)).toEqual(['PUBLISH_REFUSED']);
    expect(wrongPartner.body.errors[0].extensions.details.join('\n')).toContain('start the kit with PARTNER_ID=calvados');
    const notUrl = await admin('POST', 'partners/calvados/publish', { url: 'calvados' }, token);
    expect(codes(notUrl.body)).toEqual(['BAD_USER_INPUT']);
    const otherToken = await admin('POST', 'partners/mtes/publish', { url: calvados.url }, token);
    expect(codes(otherToken.body)).toEqual(['FORBIDDEN']);
    expect(await graph.incubatorIds()).toEqual(before);
  });

  it('publishes, and the running gateway routes to the new partner at once, failing no request meanwhile', async () => {
    const graph = await startRegistryGraph(create, { partners: true });
    const token = await registerCalvados(graph);
    const calvados = await graph.startKit('calvados', 'Incubateur du Calvados');
    let stop = false;
    let sent = 0;
    const failures: unknown[] = [];
    const stream = (async () => {
      while (!stop) {
        const result = await graphql(graph.gateway.url, '{ incubators { id } startups(first: 5) { totalCount } }');
        sent++;
        if (result.errors || result.status !== 200) failures.push(result.errors ?? result.status);
      }
    })();
    try {
      // Requests are flowing before the publication, and still flow after the graph changed.
      await waitFor(() => sent >= 3, { timeoutMs: 30_000 });
      const published = await graph.admin('POST', 'partners/calvados/publish', { url: calvados.url }, token);
      expect(published.status).toBe(200);
      expect(published.body.accepted).toBe(true);
      expect(await waitFor(() => graph.incubatorIds(), { until: (ids) => ids.includes('calvados'), timeoutMs: 1_000 })).toEqual([
        'anct',
        'calvados',
        'mtes',
      ]);
      const routed = sent;
      await waitFor(() => sent >= routed + 3, { timeoutMs: 30_000 });
    } finally {
      stop = true;
      await stream;
    }
    expect(sent).toBeGreaterThan(5);
    expect(failures).toEqual([]);
  });

  it('routes every gateway replica on the registry database to a new partner within a second (NOTIFY, no polling)', async () => {
    const graph = await startRegistryGraph(create, { partners: true });
    const replica = await graph.startReplica();
    await joinCalvados(graph);
    const ids = await waitFor(() => graph.incubatorIds(replica.url), { until: (found) => found.includes('calvados'), timeoutMs: 1_000 });
    expect(ids).toEqual(['anct', 'calvados', 'mtes']);
  });

  it('lets the partner write its own data with its token, and only its own; a rotated token stops at once on every replica', async () => {
    const graph = await startRegistryGraph(create, { partners: true });
    const replica = await graph.startReplica();
    const { gateway, admin } = graph;
    const { token } = await joinCalvados(graph);
    expect(codes(await graphql(gateway.url, BOCAGE))).toEqual(['UNAUTHENTICATED']);
    const created = await graphql(gateway.url, BOCAGE, undefined, { headers: { authorization: `Bearer ${token}` } });
    expect(created.data?.createStartup).toEqual({ id: 'calvados/bocage-numerique' });
    const found = await graphql(gateway.url, '{ startups(filter: { search: "bocage" }) { edges { node { id incubator { name } } } } }');
    expect(found.data?.startups.edges).toEqual([
      { node: { id: 'calvados/bocage-numerique', incubator: { name: 'Incubateur du Calvados' } } },
    ]);
    const intrusion = await graphql(
      gateway.url,
      'mutation { updateStartup(id: "mtes/acceslibre", input: { name: "Piraté" }) { id } }',
      undefined,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(codes(intrusion)).toEqual(['FORBIDDEN']);
    expect((await graphql(gateway.url, '{ startup(id: "mtes/acceslibre") { name } }')).data?.startup.name).toBe('Acceslibre');

    // Rotating the token stops the old one at once, on this gateway and on the replica.
    const rotated = await admin('POST', 'partners/calvados/token', {}, token);
    const fresh = rotated.body.token as string;
    expect(fresh).toMatch(/^ggp_/);
    const review = 'mutation { recordCommitteeReview(startupId: "calvados/bocage-numerique", date: "2026-11-10") { id } }';
    for (const url of [gateway.url, replica.url]) {
      const stale = await waitFor(() => graphql(url, review, undefined, { headers: { authorization: `Bearer ${token}` } }), {
        until: (answer: GraphQLResult) => answer.errors !== undefined,
        timeoutMs: 1_000,
      });
      expect(codes(stale), url).toEqual(['UNAUTHENTICATED']);
    }
    expect((await graphql(gateway.url, review, undefined, { headers: { authorization: `Bearer ${fresh}` } })).errors).toBeUndefined();
  });

  it("empties the replica's response cache within a second of a write through another gateway (NOTIFY)", async () => {
    const graph = await startRegistryGraph(create);
    const replica = await graph.startReplica();
    const { token } = await joinCalvadosWithStartup(graph);
    const body = JSON.stringify({ query: '{ startup(id: "calvados/bocage-numerique") { pitch } }' });
    const read = async () => {
      const response = await fetch(replica.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const answer = (await response.json()) as { data?: { startup: { pitch: string } } };
      return { pitch: answer.data?.startup.pitch, cache: response.headers.get('gouvgraph-cache') };
    };
    // Kept in the replica's cache (once the notifications of the writes above have all arrived).
    expect((await waitFor(read, { until: (r) => r.cache === 'hit', timeoutMs: 1_000 })).cache).toBe('hit');
    const pitch = 'Cartographier et replanter les haies du bocage normand';
    const written = await graphql(
      graph.gateway.url,
      `mutation { updateStartup(id: "calvados/bocage-numerique", input: { pitch: "${pitch}" }) { pitch } }`,
      undefined,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(written.errors).toBeUndefined();
    // The replica's cache would otherwise keep the old pitch for its 5 s.
    expect((await waitFor(read, { until: (r) => r.pitch === pitch, timeoutMs: 1_000 })).pitch).toBe(pitch);
  });

  it('suspends a partner (traffic stops at once, data stays), reinstates it, removes it', async () => {
    const graph = await startRegistryGraph(create, { partners: true });
    const replica = await graph.startReplica();
    const { gateway, admin, incubatorIds } = graph;
    const { token, kit: calvados } = await joinCalvadosWithStartup(graph);
    expect(await waitFor(() => incubatorIds(replica.url), { until: (ids) => ids.includes('calvados'), timeoutMs: 1_000 })).toContain(
      'calvados',
    );

    expect(codes((await admin('POST', 'partners/calvados/suspend', {}, token)).body)).toEqual(['FORBIDDEN']);
    expect((await admin('POST', 'partners/calvados/suspend')).status).toBe(200);
    expect(await incubatorIds()).toEqual(['anct', 'mtes']);
    // The replica stops routing too, within a second.
    expect(await waitFor(() => incubatorIds(replica.url), { until: (ids) => !ids.includes('calvados'), timeoutMs: 1_000 })).toEqual([
      'anct',
      'mtes',
    ]);
    const calls = gateway.partnerCalls.get('calvados');
    await graphql(gateway.url, '{ startups { totalCount } }');
    expect(gateway.partnerCalls.get('calvados')).toBe(calls);
    expect((await admin('POST', 'partners/calvados/reinstate')).status).toBe(200);
    expect((await graphql(gateway.url, '{ startup(id: "calvados/bocage-numerique") { name } }')).data?.startup).toEqual({
      name: 'Bocage numérique',
    });
    expect((await admin('DELETE', 'partners/calvados')).status).toBe(200);
    expect(await incubatorIds()).toEqual(['anct', 'mtes']);
    const revoked = await admin('POST', 'partners/calvados/publish', { url: calvados.url }, token);
    expect(codes(revoked.body)).toEqual(['UNAUTHENTICATED']);
  });

  // Five runs of the command line, each a Node process compiling TypeScript through tsx: slow on a loaded machine.
  it('does the same from the command line: register, publish, refuse with the reasons', { timeout: 180_000 }, async () => {
    const graph = await startRegistryGraph(create);
    const { gateway, incubatorIds } = graph;
    const kit = await graph.startKit('pas-de-calais', 'Innolab 62');
    const created = await cli(gateway, ['partner', 'create', '--id', 'pas-de-calais', '--name', 'Innolab 62', '--kind', 'local-authority']);
    expect(created.status).toBe(0);
    const partnerToken = /token \(shown once, keep it secret\): (\S+)/.exec(created.stdout)?.[1] ?? '';
    expect(partnerToken).toMatch(/^ggp_/);
    const refused = await cli(gateway, [
      'publish',
      '--partner',
      'pas-de-calais',
      '--url',
      'http://127.0.0.2:4001/graphql',
      '--token',
      partnerToken,
    ]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('refused (PUBLISH_UNREACHABLE)');
    const published = await cli(gateway, ['publish', '--partner', 'pas-de-calais', '--url', kit.url, '--token', partnerToken]);
    expect(published.stdout).toContain('published: pas-de-calais is live in the graph');
    expect(published.status).toBe(0);
    expect(await incubatorIds()).toContain('pas-de-calais');
    expect((await cli(gateway, ['partner', 'remove', '--id', 'pas-de-calais'])).status).toBe(0);
    expect(await incubatorIds()).not.toContain('pas-de-calais');
    expect((await cli(gateway, ['publish'])).status).toBe(2);
    expect((await partnerAudit(graph)).lines).toEqual([
      'admin partner.create pas-de-calais',
      'partner:pas-de-calais partner.publish.refused pas-de-calais',
      'partner:pas-de-calais partner.publish pas-de-calais',
      'admin partner.remove pas-de-calais',
    ]);
  });

  it('serves a partner still on contract 1.0, and refuses one whose schema breaks the contract, naming each difference', async () => {
    const graph = await startRegistryGraph(create, { partners: true });
    const { gateway, admin, connection, registry } = graph;
    const created = await admin('POST', 'partners', {
      id: 'paris',
      name: 'Incubateur de la Ville de Paris',
      kind: 'local-authority',
      ownerOrganisation: 'ville-de-paris',
    });
    const paris = created.body.token as string;
    const before = await graph.incubatorIds();
    const drifted = await startSdlOnlySubgraph(
      contractSdl
        .replace('  "The mission, in one or two sentences (at most 2,000 characters)."\n  pitch: String!\n', '')
        .replace('  website: URL\n  repository: URL\n  accessibility', '  website: String\n  repository: URL\n  accessibility'),
    );
    graph.defer(() => drifted.stop());
    const kit = await graph.startKit('paris', 'Incubateur de la Ville de Paris', '1.0');

    const refused = await admin('POST', 'partners/paris/publish', { url: drifted.url }, paris);
    expect(codes(refused.body)).toEqual(['PUBLISH_REFUSED']);
    const details = refused.body.errors[0].extensions.details as string[];
    expect(details).toEqual(
      expect.arrayContaining([
        'implements a version of the contract: compared with contract 1.3, the closest:',
        "implements a version of the contract: Field 'pitch' was removed from object type 'Startup'",
        "implements a version of the contract: Field 'Startup.website' changed type from 'URL' to 'String'",
      ]),
    );
    expect(await graph.incubatorIds()).toEqual(before);

    const published = await admin('POST', 'partners/paris/publish', { url: kit.url }, paris);
    expect(published.status).toBe(200);
    expect(published.body.report.contractVersion).toBe('1.0');
    expect((await admin('GET', 'partners')).body.partners.find((p: { id: string }) => p.id === 'paris').contractVersion).toBe('1.0');
    const statuses = (await (await fetch(`${gateway.origin}/-/partners`)).json()) as {
      partners: { id: string; contractVersion: string }[];
    };
    expect(statuses.partners.map((p) => `${p.id} ${p.contractVersion}`)).toEqual(['anct 1.3', 'mtes 1.3', 'paris 1.0']);

    // Its startups read null where 1.0 has nothing, with no error; a 1.1 write it could not honour is refused.
    const auth = { headers: { authorization: `Bearer ${paris}` } };
    const createStartup = `mutation($input: CreateStartupInput!) { createStartup(input: $input) { id name statsUrl } }`;
    const input = {
      incubatorId: 'paris',
      slug: 'paris-ilots-fraicheur',
      name: 'Îlots de fraîcheur',
      pitch: 'Trouver un lieu frais près de chez soi pendant les canicules',
      phaseStart: '2026-11-16',
    };
    const refusedWrite = await graphql(gateway.url, createStartup, { input: { ...input, statsUrl: 'https://paris.fr/stats' } }, auth);
    expect(codes(refusedWrite)).toEqual(['PARTNER_CONTRACT_OUTDATED']);
    // A key it would not honour is refused too: its retry would write twice.
    const keyed = `mutation($input: CreateStartupInput!) { createStartup(input: $input, idempotencyKey: "paris-1") { id } }`;
    expect(codes(await graphql(gateway.url, keyed, { input }, auth))).toEqual(['PARTNER_CONTRACT_OUTDATED']);
    const written = await graphql(gateway.url, createStartup, { input }, auth);
    expect(written.errors).toBeUndefined();
    expect(written.data?.createStartup).toEqual({ id: 'paris/paris-ilots-fraicheur', name: 'Îlots de fraîcheur', statsUrl: null });
    const everyone = await graphql(gateway.url, '{ startups(first: 100) { totalCount missingPartners edges { node { id statsUrl } } } }');
    expect(everyone.errors).toBeUndefined();
    expect(everyone.data?.startups.missingPartners).toEqual([]);
    expect(everyone.data?.startups.edges.some((e: { node: { id: string } }) => e.node.id === 'paris/paris-ilots-fraicheur')).toBe(true);

    // A replica already on a newer contract recorded mtes as 1.4: versions only add, so this
    // gateway, which does not know 1.4, treats it as its own current version.
    await connection.drizzle().execute(`update registry.partners set contract_version = '1.4' where id = 'mtes'`);
    await registry.refresh();
    const mtes = await graphql(gateway.url, '{ startup(id: "mtes/acceslibre") { statsUrl } }');
    expect(mtes.errors).toBeUndefined();
    expect(mtes.data?.startup.statsUrl).toBe(data.startups.find((s) => s.id === 'acceslibre')?.stats_url);

    expect((await admin('DELETE', 'partners/paris')).status).toBe(200);
    expect((await partnerAudit(graph)).lines).toEqual([
      'admin partner.create paris',
      'partner:paris partner.publish.refused paris',
      'partner:paris partner.publish paris',
      'admin partner.remove paris',
    ]);
  });

  it('keeps every live supergraph by hash, and rolls every gateway back with one command', async () => {
    const graph = await startRegistryGraph(create);
    const { gateway, admin } = graph;
    const replica = await graph.startReplica();
    const featured = await startFeaturedSubgraph(['mtes/acceslibre']);
    graph.defer(() => featured.stop());
    const withFeatured = await graph.startGateway({
      supergraph: { kind: 'compose', subgraphs: [{ name: 'featured', url: featured.url }] },
    });

    const history = (await admin('GET', 'supergraphs')).body.supergraphs as { hash: string; live: boolean }[];
    expect(history).toHaveLength(2);
    const [deployed, previous] = history as [{ hash: string; live: boolean }, { hash: string; live: boolean }];
    expect(deployed.live).toBe(true);
    expect(previous.live).toBe(false);
    // The new deployment is live on the other replica too, without a restart.
    const answersFeatured = async (url: string) => !(await graphql(url, '{ featured { id } }')).errors;
    expect(await waitFor(() => answersFeatured(replica.url), { timeoutMs: 1_500 })).toBe(true);

    const rolledBack = await cli(gateway, ['supergraph', 'rollback', '--hash', previous.hash.slice(0, 12)]);
    expect(rolledBack.stdout).toContain(`live: ${previous.hash}`);
    for (const url of [gateway.url, replica.url, withFeatured.url]) {
      expect(await waitFor(async () => !(await answersFeatured(url)), { timeoutMs: 1_500 })).toBe(true);
      expect((await graphql(url, '{ incubators { id } }')).errors).toBeUndefined();
    }
    expect(codes((await admin('POST', 'supergraphs/abc/rollback')).body)).toEqual(['NOT_FOUND']);
  });

  it('answers a malformed path or body with a coded 4xx, never a 500', async () => {
    const { admin, gateway } = await startRegistryGraph(create);
    // `%E0%A4%A` is a cut-off escape: decoding it throws, which used to escape as an HTTP 500.
    for (const path of ['partners/%E0%A4%A', 'partners/%E0%A4%A/suspend', 'supergraphs/%/rollback']) {
      const method = path.startsWith('supergraphs') || path.endsWith('suspend') ? 'POST' : 'DELETE';
      const malformed = await admin(method, path);
      expect(malformed.status, path).toBe(400);
      expect(codes(malformed.body), path).toEqual(['BAD_REQUEST']);
    }
    const notObject = await fetch(`${gateway.origin}/-/admin/partners`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: '[1, 2]',
    });
    expect(notObject.status).toBe(400);
    expect(codes((await notObject.json()) as Parameters<typeof codes>[0])).toEqual(['BAD_REQUEST']);
    const wrongTypes = await admin('POST', 'partners', { id: 42, name: 'Incubateur', kind: 'local-authority' });
    expect(wrongTypes.status).toBe(400);
    expect(codes(wrongTypes.body)).toEqual(['BAD_USER_INPUT']);
    expect(wrongTypes.body.errors[0].extensions.details).toEqual([expect.stringMatching(/^id: /)]);
    const nowhere = await admin('GET', 'partners/calvados/nowhere');
    expect(nowhere.status).toBe(404);
    expect(codes(nowhere.body)).toEqual(['NOT_FOUND']);
    expect(nowhere.body.errors[0].message).toBe('Nothing at GET /-/admin/partners/calvados/nowhere');
  });

  it('audits every operation: who, what, when, from where', async () => {
    const graph = await startRegistryGraph(create);
    const { admin } = graph;
    const token = await registerCalvados(graph);
    const kit = await graph.startKit('calvados', 'Incubateur du Calvados');
    // Another partner's kit, that Calvados may not publish as its own.
    const manche = await graph.startKit('manche', 'Incubateur de la Manche');
    expect((await admin('POST', 'partners/calvados/publish', { url: 'http://127.0.0.2:4001/graphql' }, token)).status).toBe(422);
    expect(codes((await admin('POST', 'partners/calvados/publish', { url: manche.url }, token)).body)).toEqual(['PUBLISH_REFUSED']);
    expect((await admin('POST', 'partners/calvados/publish', { url: kit.url }, token)).status).toBe(200);
    expect((await admin('POST', 'partners/calvados/suspend')).status).toBe(200);
    expect((await admin('POST', 'partners/calvados/reinstate')).status).toBe(200);
    expect((await admin('DELETE', 'partners/calvados')).status).toBe(200);

    const audit = await partnerAudit(graph);
    expect(audit.lines).toEqual([
      'admin partner.create calvados',
      'partner:calvados partner.publish.refused calvados',
      'partner:calvados partner.publish.refused calvados',
      'partner:calvados partner.publish calvados',
      'admin partner.suspend calvados',
      'admin partner.reinstate calvados',
      'admin partner.remove calvados',
    ]);
    expect(audit.remotes.every((remote) => remote?.includes('127.0.0.1'))).toBe(true);
  });
});
