/**
 * The joining walkthrough with real processes on the real Postgres server: a gateway process
 * running the partner registry, the Calvados kit as a process of its own on its own database,
 * and the `gouvgraph` command line.
 */
import { newIdentityKeyPair } from '@gouvgraph/http';
import { codes, createPostgresDatabase, graphql, type TestDatabase } from '@gouvgraph/testing';
import { type ChildProcess, execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startProcess } from './src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const ADMIN = 'joining-admin-token';
/** The gateway signs each write's identity; the kit, given the public half, takes only writes so signed. */
const KEYS = newIdentityKeyPair();
const processes: ChildProcess[] = [];

const start = async (entry: string, args: string[], env: Record<string, string>) => (await startProcess(entry, args, env, processes)).url;

const cli = (...args: string[]) => runCli(args, { GOUVGRAPH_ADMIN_TOKEN: ADMIN }, 60_000);

let registryDb: TestDatabase;
let calvadosDb: TestDatabase;
let gatewayUrl = '';
let kitUrl = '';

beforeAll(async () => {
  registryDb = await createPostgresDatabase();
  calvadosDb = await createPostgresDatabase();
  const url = (db: TestDatabase) => (db.config.kind === 'postgres' ? db.config.url : '');
  [gatewayUrl, kitUrl] = await Promise.all([
    start('gateway/server/src/main.ts', ['--registry', url(registryDb), '--port', '0'], {
      GOUVGRAPH_ADMIN_TOKEN: ADMIN,
      GOUVGRAPH_IDENTITY_KEY: KEYS.privateKey,
    }),
    start('subgraphs/incubator/src/main.ts', [], {
      PARTNER_ID: 'calvados',
      PARTNER_NAME: 'Incubateur du Calvados',
      PORT: '0',
      DATABASE_URL: url(calvadosDb),
      GOUVGRAPH_IDENTITY_PUBLIC_KEY: KEYS.publicKey,
    }),
  ]);
});
afterAll(async () => {
  await Promise.all(
    processes.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
        }),
    ),
  );
  await registryDb?.drop();
  await calvadosDb?.drop();
});

describe('a partner joins a running gateway, with real processes and Postgres', () => {
  it('registers, checks, publishes, writes with its token, and is suspended', async () => {
    const gateway = new URL(gatewayUrl).origin;
    expect((await graphql(gatewayUrl, '{ incubators { id } }')).data?.incubators).toEqual([]);

    const created = await cli(
      'partner',
      'create',
      '--id',
      'calvados',
      '--name',
      'Incubateur du Calvados',
      '--kind',
      'local-authority',
      '--gateway',
      gateway,
    );
    expect(created.status).toBe(0);
    const token = /secret\): (\S+)/.exec(created.stdout)?.[1] ?? '';

    const checked = await new Promise<number>((resolve) =>
      execFile(process.execPath, [`${root}schema/bin/check-subgraph.mjs`, kitUrl], { timeout: 60_000 }, (error) => resolve(error ? 1 : 0)),
    );
    expect(checked).toBe(0);

    const published = await cli('publish', '--partner', 'calvados', '--url', kitUrl, '--token', token, '--gateway', gateway);
    expect(published.stdout).toContain('published: calvados is live in the graph');
    expect((await graphql(gatewayUrl, '{ incubators { id name } }')).data?.incubators).toEqual([
      { id: 'calvados', name: 'Incubateur du Calvados' },
    ]);

    const create = `mutation { createStartup(input: { incubatorId: "calvados", slug: "cidre-numerique", name: "Cidre numérique",
      pitch: "Suivre les vergers du Calvados", phaseStart: "2026-11-03" }) { id } }`;
    expect(codes(await graphql(gatewayUrl, create))).toEqual(['UNAUTHENTICATED']);
    // Straight to the kit, skipping the gateway: no identity, no write.
    expect(codes(await graphql(kitUrl, create))).toEqual(['UNAUTHENTICATED']);
    expect((await graphql(gatewayUrl, create, undefined, { headers: { authorization: `Bearer ${token}` } })).data?.createStartup).toEqual({
      id: 'calvados/cidre-numerique',
    });
    expect((await graphql(gatewayUrl, '{ startups { totalCount edges { node { name } } } }')).data?.startups).toEqual({
      totalCount: 1,
      edges: [{ node: { name: 'Cidre numérique' } }],
    });

    expect((await cli('partner', 'suspend', '--id', 'calvados', '--gateway', gateway)).status).toBe(0);
    expect((await graphql(gatewayUrl, '{ incubators { id } }')).data?.incubators).toEqual([]);
    const audit = await cli('audit', '--gateway', gateway);
    expect(audit.stdout).toMatch(/partner\.suspend\s+calvados/);
  });
});
