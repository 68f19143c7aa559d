/**
 * The joining walkthrough, end to end, on PGlite and on the Postgres server: an administrator
 * registers Calvados, Calvados runs the kit, checks it, publishes it, and the running gateway
 * routes to it at once — without a restart and without failing a request; its token writes its
 * own data only; bad publications change nothing; suspension and removal take effect at once.
 */
import { openDatabase, startIncubatorSubgraph, type DatabaseConnection, type RunningIncubatorSubgraph } from '@gouvgraph/incubator';
import { checkSubgraph, contractSdl } from '@gouvgraph/schema';
import { codes, DATABASES, graphql, type TestDatabase } from '@gouvgraph/testing';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from '@gouvgraph/registry';
import { startGateway, type RunningGateway } from '../src/index.js';
import { data, startFeaturedSubgraph, startPartners, startSdlOnlySubgraph, type Partners } from './helpers.js';

const ADMIN = 'admin-secret-for-tests';
const CLI = fileURLToPath(new URL('../../registry/bin/gouvgraph.mjs', import.meta.url));

describe.each(DATABASES)('partner registry on $name', ({ create }) => {
  let database: TestDatabase;
  let connection: DatabaseConnection;
  let partners: Partners;
  let registry: Registry;
  let gateway: RunningGateway;
  let calvados: RunningIncubatorSubgraph;
  let token = '';
  // A second gateway replica on the same registry database (its own connection on Postgres).
  let replicaConnection: DatabaseConnection;
  let replicaRegistry: Registry;
  let replica: RunningGateway;

  const admin = (method: string, path: string, body?: unknown, auth = ADMIN) =>
    fetch(`${gateway.origin}/-/admin/${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      // biome-ignore lint/suspicious/noExplicitAny: JSON read field by field below.
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }));
  const incubatorIds = async () => ((await graphql(gateway.url, '{ incubators { id } }')).data?.incubators ?? []).map((i: { id: string }) => i.id);

  beforeAll(async () => {
    database = await create();
    connection = await openDatabase(database.config);
    partners = await startPartners(['mtes', 'anct']);
    registry = await Registry.open({ connection });
    for (const kit of partners.kits) {
      await registry.ensureActive({ id: kit.partnerId, name: data.incubators.find((i) => i.id === kit.partnerId)?.title ?? kit.partnerId, kind: 'central-administration', url: kit.url });
    }
    await registry.refresh();
    gateway = await startGateway({ supergraph: { kind: 'compose', subgraphs: [] }, registry, adminToken: ADMIN, ide: false });
    // PGlite lives in one process: its replica shares the instance; Postgres gets a pool of its own.
    replicaConnection = database.name === 'postgres' ? await openDatabase(database.config) : connection;
    replicaRegistry = await Registry.open({ connection: replicaConnection, pollMs: 0 });
    replica = await startGateway({ supergraph: { kind: 'compose', subgraphs: [] }, registry: replicaRegistry, adminToken: ADMIN, ide: false });
    // The Calvados team runs the kit on its own database.
    calvados = await startIncubatorSubgraph({
      partnerId: 'calvados',
      connection,
      seed: { incubator: { id: 'calvados', title: 'Incubateur du Calvados' }, startups: [], organisations: [] },
    });
  });
  afterAll(async () => {
    await calvados?.stop();
    await replica?.stop();
    await replicaRegistry?.close();
    if (replicaConnection && replicaConnection !== connection) await replicaConnection.close();
    await registry?.close();
    await gateway?.stop();
    await partners?.stop();
    await connection?.close();
    await database?.drop();
  });

  it('1. registers a partner and gives its token once, stored only as a hash', async () => {
    const refused = await admin('POST', 'partners', { id: 'calvados', name: 'Incubateur du Calvados', kind: 'local-authority' }, '');
    expect(refused.status).toBe(401);
    expect(codes(refused.body)).toEqual(['UNAUTHENTICATED']);
    const created = await admin('POST', 'partners', { id: 'calvados', name: 'Incubateur du Calvados', kind: 'local-authority', ownerOrganisation: 'departement-calvados', contact: 'incubateur@calvados.fr' });
    expect(created.status).toBe(201);
    expect(created.body.partner).toMatchObject({ id: 'calvados', status: 'registered', kind: 'local-authority' });
    token = created.body.token as string;
    expect(token).toMatch(/^ggp_/);
    const listed = JSON.stringify((await admin('GET', 'partners')).body);
    expect(listed).not.toContain(token);
    expect(codes((await admin('POST', 'partners', { id: 'calvados', name: 'x', kind: 'local-authority' })).body)).toEqual(['CONFLICT']);
    expect(codes((await admin('POST', 'partners', { id: 'bad id', name: 'x', kind: 'local-authority' })).body)).toEqual(['BAD_USER_INPUT']);
  });

  it('2. the kit passes the conformance check', async () => {
    const report = await checkSubgraph(calvados.url);
    expect(report.ok).toBe(true);
  });

  it('6. refuses a bad publication precisely, and the graph does not change', async () => {
    const before = await incubatorIds();
    const unreachable = await admin('POST', 'partners/calvados/publish', { url: 'http://127.0.0.2:4001/graphql' }, token);
    expect(unreachable.status).toBe(422);
    expect(codes(unreachable.body)).toEqual(['PUBLISH_UNREACHABLE']);
    const wrongPartner = await admin('POST', 'partners/calvados/publish', { url: partners.kits[0]?.url }, token);
    expect(codes(wrongPartner.body)).toEqual(['PUBLISH_REFUSED']);
    expect(wrongPartner.body.errors[0].extensions.details.join('\n')).toContain('start the kit with PARTNER_ID=calvados');
    const notUrl = await admin('POST', 'partners/calvados/publish', { url: 'calvados' }, token);
    expect(codes(notUrl.body)).toEqual(['BAD_USER_INPUT']);
    const otherToken = await admin('POST', 'partners/mtes/publish', { url: calvados.url }, token);
    expect(codes(otherToken.body)).toEqual(['FORBIDDEN']);
    expect(await incubatorIds()).toEqual(before);
  });

  it('4. publishes, and the running gateway routes to the new partner at once, failing no request meanwhile', async () => {
    let stop = false;
    let sent = 0;
    const failures: unknown[] = [];
    const stream = (async () => {
      while (!stop) {
        const result = await graphql(gateway.url, '{ incubators { id } startups(first: 5) { totalCount } }');
        sent++;
        if (result.errors || result.status !== 200) failures.push(result.errors ?? result.status);
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const published = await admin('POST', 'partners/calvados/publish', { url: calvados.url }, token);
    expect(published.status).toBe(200);
    expect(published.body.accepted).toBe(true);
    const at = performance.now();
    while (!(await incubatorIds()).includes('calvados') && performance.now() - at < 1_000) await new Promise((r) => setTimeout(r, 20));
    expect(await incubatorIds()).toEqual(['anct', 'calvados', 'mtes']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    stop = true;
    await stream;
    expect(sent).toBeGreaterThan(5);
    expect(failures).toEqual([]);
  });

  it('4b. every gateway replica on the registry database routes to it within a second (NOTIFY, no polling)', async () => {
    const at = performance.now();
    const ids = async () => ((await graphql(replica.url, '{ incubators { id } }')).data?.incubators ?? []).map((i: { id: string }) => i.id);
    while (!(await ids()).includes('calvados') && performance.now() - at < 1_000) await new Promise((r) => setTimeout(r, 20));
    expect(await ids()).toEqual(['anct', 'calvados', 'mtes']);
  });

  it('5. the partner writes its own data with its token, and only its own', async () => {
    const create = `mutation { createStartup(input: { incubatorId: "calvados", slug: "bocage-numerique", name: "Bocage numérique",
      pitch: "Cartographier les haies du Calvados avec les agriculteurs", phaseStart: "2026-11-02" }) { id } }`;
    expect(codes(await graphql(gateway.url, create))).toEqual(['UNAUTHENTICATED']);
    const created = await graphql(gateway.url, create, undefined, { headers: { authorization: `Bearer ${token}` } });
    expect(created.data?.createStartup).toEqual({ id: 'calvados/bocage-numerique' });
    const found = await graphql(gateway.url, '{ startups(filter: { search: "bocage" }) { edges { node { id incubator { name } } } } }');
    expect(found.data?.startups.edges).toEqual([{ node: { id: 'calvados/bocage-numerique', incubator: { name: 'Incubateur du Calvados' } } }]);
    const intrusion = await graphql(gateway.url, 'mutation { updateStartup(id: "mtes/acceslibre", input: { name: "Piraté" }) { id } }', undefined, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(codes(intrusion)).toEqual(['FORBIDDEN']);
    expect((await graphql(gateway.url, '{ startup(id: "mtes/acceslibre") { name } }')).data?.startup.name).toBe('Acceslibre');

    // Rotating the token stops the old one at once, on this gateway and on the replica.
    const rotated = await admin('POST', 'partners/calvados/token', {}, token);
    const fresh = rotated.body.token as string;
    expect(fresh).toMatch(/^ggp_/);
    const review = 'mutation { recordCommitteeReview(startupId: "calvados/bocage-numerique", date: "2026-11-10") { id } }';
    for (const url of [gateway.url, replica.url]) {
      const at = performance.now();
      let stale = await graphql(url, review, undefined, { headers: { authorization: `Bearer ${token}` } });
      while (!stale.errors && performance.now() - at < 1_000) stale = await graphql(url, review, undefined, { headers: { authorization: `Bearer ${token}` } });
      expect(codes(stale), url).toEqual(['UNAUTHENTICATED']);
    }
    expect((await graphql(gateway.url, review, undefined, { headers: { authorization: `Bearer ${fresh}` } })).errors).toBeUndefined();
    token = fresh;
  });

  it('5b. a write through one gateway empties the replica\'s response cache within a second (NOTIFY)', async () => {
    const body = JSON.stringify({ query: '{ startup(id: "calvados/bocage-numerique") { pitch } }' });
    const read = async () => {
      const response = await fetch(replica.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const answer = (await response.json()) as { data?: { startup: { pitch: string } } };
      return { pitch: answer.data?.startup.pitch, cache: response.headers.get('gouvgraph-cache') };
    };
    // Kept in the replica's cache (once the notifications of the writes above have all arrived).
    const kept = performance.now();
    while ((await read()).cache !== 'hit' && performance.now() - kept < 1_000) await new Promise((r) => setTimeout(r, 20));
    expect((await read()).cache).toBe('hit');
    const pitch = 'Cartographier et replanter les haies du bocage normand';
    const written = await graphql(gateway.url, `mutation { updateStartup(id: "calvados/bocage-numerique", input: { pitch: "${pitch}" }) { pitch } }`, undefined, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(written.errors).toBeUndefined();
    // The replica's cache would otherwise keep the old pitch for its 5 s.
    const at = performance.now();
    while ((await read()).pitch !== pitch && performance.now() - at < 1_000) await new Promise((r) => setTimeout(r, 20));
    expect((await read()).pitch).toBe(pitch);
  });

  it('7. suspends a partner (traffic stops at once, data stays), reinstates it, removes it', async () => {
    expect(codes((await admin('POST', 'partners/calvados/suspend', {}, token)).body)).toEqual(['FORBIDDEN']);
    expect((await admin('POST', 'partners/calvados/suspend')).status).toBe(200);
    expect(await incubatorIds()).toEqual(['anct', 'mtes']);
    // The replica stops routing too, within a second.
    const at = performance.now();
    const replicaIds = async () => ((await graphql(replica.url, '{ incubators { id } }')).data?.incubators ?? []).map((i: { id: string }) => i.id);
    while ((await replicaIds()).includes('calvados') && performance.now() - at < 1_000) await new Promise((r) => setTimeout(r, 20));
    expect(await replicaIds()).toEqual(['anct', 'mtes']);
    const calls = gateway.partnerCalls.get('calvados');
    await graphql(gateway.url, '{ startups { totalCount } }');
    expect(gateway.partnerCalls.get('calvados')).toBe(calls);
    expect((await admin('POST', 'partners/calvados/reinstate')).status).toBe(200);
    expect((await graphql(gateway.url, '{ startup(id: "calvados/bocage-numerique") { name } }')).data?.startup).toEqual({ name: 'Bocage numérique' });
    expect((await admin('DELETE', 'partners/calvados')).status).toBe(200);
    expect(await incubatorIds()).toEqual(['anct', 'mtes']);
    const revoked = await admin('POST', 'partners/calvados/publish', { url: calvados.url }, token);
    expect(codes(revoked.body)).toEqual(['UNAUTHENTICATED']);
  });

  it('3. does the same from the command line: register, publish, refuse with the reasons', async () => {
    const kit = await startIncubatorSubgraph({
      partnerId: 'pas-de-calais',
      connection,
      seed: { incubator: { id: 'pas-de-calais', title: 'Innolab 62' }, startups: [], organisations: [] },
    });
    try {
      // Asynchronous: the gateway answering the command line runs in this very process.
      const cli = (...args: string[]) =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
          execFile(process.execPath, [CLI, ...args, '--gateway', gateway.origin], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, GOUVGRAPH_ADMIN_TOKEN: ADMIN } }, (error, stdout, stderr) =>
            resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
          );
        });
      const created = await cli('partner', 'create', '--id', 'pas-de-calais', '--name', 'Innolab 62', '--kind', 'local-authority');
      expect(created.status).toBe(0);
      const partnerToken = /token \(shown once, keep it secret\): (\S+)/.exec(created.stdout)?.[1] ?? '';
      expect(partnerToken).toMatch(/^ggp_/);
      const refused = await cli('publish', '--partner', 'pas-de-calais', '--url', 'http://127.0.0.2:4001/graphql', '--token', partnerToken);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('refused (PUBLISH_UNREACHABLE)');
      const published = await cli('publish', '--partner', 'pas-de-calais', '--url', kit.url, '--token', partnerToken);
      expect(published.stdout).toContain('published: pas-de-calais is live in the graph');
      expect(published.status).toBe(0);
      expect(await incubatorIds()).toContain('pas-de-calais');
      expect((await cli('partner', 'remove', '--id', 'pas-de-calais')).status).toBe(0);
      expect(await incubatorIds()).not.toContain('pas-de-calais');
      expect((await cli('publish')).status).toBe(2);
    } finally {
      await kit.stop();
    }
  });

  it('serves a partner still on contract 1.0, and refuses one whose schema breaks the contract, naming each difference', async () => {
    const created = await admin('POST', 'partners', { id: 'paris', name: 'Incubateur de la Ville de Paris', kind: 'local-authority', ownerOrganisation: 'ville-de-paris' });
    const paris = created.body.token as string;
    const before = await incubatorIds();
    const drifted = await startSdlOnlySubgraph(
      contractSdl.replace('  "The mission, in one or two sentences."\n  pitch: String!\n', '').replace('  website: URL\n  repository: URL\n  accessibility', '  website: String\n  repository: URL\n  accessibility'),
    );
    const kit = await startIncubatorSubgraph({
      partnerId: 'paris',
      connection,
      contractVersion: '1.0',
      seed: { incubator: { id: 'paris', title: 'Incubateur de la Ville de Paris' }, startups: [], organisations: [] },
    });
    try {
      const refused = await admin('POST', 'partners/paris/publish', { url: drifted.url }, paris);
      expect(codes(refused.body)).toEqual(['PUBLISH_REFUSED']);
      const details = refused.body.errors[0].extensions.details as string[];
      expect(details).toEqual(
        expect.arrayContaining([
          'implements a version of the contract: compared with contract 1.1, the closest:',
          "implements a version of the contract: Field 'pitch' was removed from object type 'Startup'",
          "implements a version of the contract: Field 'Startup.website' changed type from 'URL' to 'String'",
        ]),
      );
      expect(await incubatorIds()).toEqual(before);

      const published = await admin('POST', 'partners/paris/publish', { url: kit.url }, paris);
      expect(published.status).toBe(200);
      expect(published.body.report.contractVersion).toBe('1.0');
      expect((await admin('GET', 'partners')).body.partners.find((p: { id: string }) => p.id === 'paris').contractVersion).toBe('1.0');
      const statuses = (await (await fetch(`${gateway.origin}/-/partners`)).json()) as { partners: { id: string; contractVersion: string }[] };
      expect(statuses.partners.map((p) => `${p.id} ${p.contractVersion}`)).toEqual(['anct 1.1', 'mtes 1.1', 'paris 1.0']);

      // Its startups read null where 1.0 has nothing, with no error; a 1.1 write it could not honour is refused.
      const auth = { headers: { authorization: `Bearer ${paris}` } };
      const create = `mutation($input: CreateStartupInput!) { createStartup(input: $input) { id name statsUrl } }`;
      const input = { incubatorId: 'paris', slug: 'paris-ilots-fraicheur', name: 'Îlots de fraîcheur', pitch: 'Trouver un lieu frais près de chez soi pendant les canicules', phaseStart: '2026-11-16' };
      const refusedWrite = await graphql(gateway.url, create, { input: { ...input, statsUrl: 'https://paris.fr/stats' } }, auth);
      expect(codes(refusedWrite)).toEqual(['PARTNER_CONTRACT_OUTDATED']);
      const written = await graphql(gateway.url, create, { input }, auth);
      expect(written.errors).toBeUndefined();
      expect(written.data?.createStartup).toEqual({ id: 'paris/paris-ilots-fraicheur', name: 'Îlots de fraîcheur', statsUrl: null });
      const everyone = await graphql(gateway.url, '{ startups(first: 100) { totalCount missingPartners edges { node { id statsUrl } } } }');
      expect(everyone.errors).toBeUndefined();
      expect(everyone.data?.startups.missingPartners).toEqual([]);
      expect(everyone.data?.startups.edges.some((e: { node: { id: string } }) => e.node.id === 'paris/paris-ilots-fraicheur')).toBe(true);

      // A replica already on a newer contract recorded mtes as 1.2: versions only add, so this
      // gateway, which does not know 1.2, treats it as its own current version.
      const { sql } = await import('drizzle-orm');
      await connection.drizzle().execute(sql`update registry.partners set contract_version = '1.2' where id = 'mtes'`);
      await registry.refresh();
      const mtes = await graphql(gateway.url, '{ startup(id: "mtes/acceslibre") { statsUrl } }');
      expect(mtes.errors).toBeUndefined();
      expect(mtes.data?.startup.statsUrl).toBe(data.startups.find((s) => s.id === 'acceslibre')?.stats_url);
      await connection.drizzle().execute(sql`update registry.partners set contract_version = '1.1' where id = 'mtes'`);
      await registry.refresh();
    } finally {
      await admin('DELETE', 'partners/paris');
      await kit.stop();
      await drifted.stop();
    }
  });

  it('keeps every live supergraph by hash, and rolls every gateway back with one command', async () => {
    const featured = await startFeaturedSubgraph(['mtes/acceslibre']);
    const withFeatured = await startGateway({
      supergraph: { kind: 'compose', subgraphs: [{ name: 'featured', url: featured.url }] },
      registry,
      adminToken: ADMIN,
      ide: false,
    });
    try {
      const history = (await admin('GET', 'supergraphs')).body.supergraphs as { hash: string; live: boolean }[];
      expect(history).toHaveLength(2);
      const [deployed, previous] = history as [{ hash: string; live: boolean }, { hash: string; live: boolean }];
      expect(deployed.live).toBe(true);
      expect(previous.live).toBe(false);
      // The new deployment is live on the other replica too, without a restart.
      const answersFeatured = async (url: string) => !(await graphql(url, '{ featured { id } }')).errors;
      const waitFor = async (check: () => Promise<boolean>) => {
        const at = performance.now();
        while (!(await check()) && performance.now() - at < 1_500) await new Promise((r) => setTimeout(r, 25));
        return check();
      };
      expect(await waitFor(() => answersFeatured(replica.url))).toBe(true);

      const cli = await new Promise<{ status: number | null; stdout: string }>((resolve) =>
        execFile(process.execPath, [CLI, 'supergraph', 'rollback', '--hash', previous.hash.slice(0, 12), '--gateway', gateway.origin], { encoding: 'utf8', env: { ...process.env, GOUVGRAPH_ADMIN_TOKEN: ADMIN } }, (error, stdout) =>
          resolve({ status: error ? 1 : 0, stdout }),
        ),
      );
      expect(cli.stdout).toContain(`live: ${previous.hash}`);
      for (const url of [gateway.url, replica.url, withFeatured.url]) {
        expect(await waitFor(async () => !(await answersFeatured(url)))).toBe(true);
        expect((await graphql(url, '{ incubators { id } }')).errors).toBeUndefined();
      }
      expect(codes((await admin('POST', 'supergraphs/abc/rollback')).body)).toEqual(['NOT_FOUND']);
    } finally {
      await withFeatured.stop();
      await featured.stop();
    }
  });

  it('audits every operation: who, what, when, from where', async () => {
    const audit = ((await admin('GET', 'audit')).body.audit as { actor: string; action: string; target: string; remote: string }[]).filter((a) =>
      a.action.startsWith('partner.'),
    );
    const actions = audit.map((a) => `${a.actor} ${a.action} ${a.target}`).reverse();
    expect(actions).toEqual([
      'admin partner.create calvados',
      'partner:calvados partner.publish.refused calvados',
      'partner:calvados partner.publish.refused calvados',
      'partner:calvados partner.publish calvados',
      'admin partner.suspend calvados',
      'admin partner.reinstate calvados',
      'admin partner.remove calvados',
      'admin partner.create pas-de-calais',
      'partner:pas-de-calais partner.publish.refused pas-de-calais',
      'partner:pas-de-calais partner.publish pas-de-calais',
      'admin partner.remove pas-de-calais',
      'admin partner.create paris',
      'partner:paris partner.publish.refused paris',
      'partner:paris partner.publish paris',
      'admin partner.remove paris',
    ]);
    expect(audit.every((a) => a.remote?.includes('127.0.0.1'))).toBe(true);
  });
});
