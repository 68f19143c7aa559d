/**
 * A gateway process told to stop (SIGTERM, as Kubernetes and docker do) with a request in flight:
 * it stops accepting, lets that request finish with its whole answer, and exits 0 — and a partner's
 * kit process does the same, closing its database.
 */
import { graphql, startMisbehavingProxy, waitFor, type MisbehavingProxy } from '@gouvgraph/testing';
import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, startProcess } from './src/index.js';

const processes: ChildProcess[] = [];
const proxies: MisbehavingProxy[] = [];

afterAll(async () => {
  for (const child of processes) if (child.exitCode === null) child.kill('SIGKILL');
  await Promise.all(proxies.map((p) => p.stop()));
});

const start = (entry: string, args: string[], env: Record<string, string>) => startProcess(entry, args, env, processes);

/** Whether a new TCP connection to `url`'s port is refused: the process stopped listening. */
function refusesConnections(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** A POST on a connection of its own (no keep-alive), resolving with status and body. */
function post(url: string, query: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ query }));
  });
}

describe('stopping on SIGTERM', () => {
  it('finishes the request in flight, refuses new ones, and exits 0 — gateway and kit alike', async () => {
    const kit = await start('subgraphs/incubator/src/main.ts', [], {
      PARTNER_ID: 'mtes',
      PORT: '0',
      DATABASE_URL: '',
      GOUVGRAPH_IDENTITY_PUBLIC_KEY: '',
    });
    // The partner answers only when the test says: the gateway's request is in flight when it is told to stop.
    const slow = await startMisbehavingProxy(kit.url);
    proxies.push(slow);
    let answerNow = () => {};
    slow.setMode({ kind: 'hold', until: new Promise<void>((resolve) => (answerNow = resolve)) });
    // The partner's deadline is far beyond the test's steps: the answer is whole, not timed out.
    const gateway = await start('gateway/server/src/main.ts', ['--partner', `mtes=${slow.url}`, '--port', '0'], {
      PARTNER_TIMEOUT_MS: '30000',
      RESPONSE_CACHE_TTL_MS: '0',
    });

    const inFlight = post(gateway.url, '{ startups(first: 3) { totalCount edges { node { id } } } }');
    // In flight: the gateway has asked the partner, which holds its answer.
    expect(await waitFor(() => slow.received > 0, { timeoutMs: 30_000 })).toBe(true);
    gateway.child.kill('SIGTERM');
    // Stopped accepting: a new connection is refused while the first request still runs.
    expect(await waitFor(() => refusesConnections(gateway.url), { timeoutMs: 30_000 })).toBe(true);
    await expect(post(gateway.url, '{ incubators { id } }')).rejects.toThrow(/ECONNREFUSED/);
    expect(gateway.child.exitCode).toBeNull();
    answerNow();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body) as { data?: { startups: { totalCount: number; edges: unknown[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.startups.edges).toHaveLength(3);
    expect(await exited(gateway.child)).toBe(0);

    // The kit, on its own: it still answers until told, then exits 0 with its database closed.
    slow.setMode({ kind: 'pass' });
    expect((await graphql(kit.url, '{ incubators { id } }')).data?.incubators).toEqual([{ id: 'mtes' }]);
    kit.child.kill('SIGTERM');
    expect(await exited(kit.child)).toBe(0);
  });
});
