/**
 * Exports stay streams at a hundred times today's size: a synthetic partner (the City of Paris,
 * one of the next to join) holds 66,200 startups on the Postgres server — a hundred times the 662
 * of beta.gouv.fr — each with its phases and a committee. The export starts answering after one
 * page of the graph, holds one page at a time, waits for a slow reader, stops for one that left,
 * and delivers every row — or, when the partner stops answering half-way, cuts the transfer.
 */
import { startGateway, type RunningGateway } from '@gouvgraph/gateway';
import {
  openDatabase,
  schemaForPartner,
  startIncubatorSubgraph,
  type DatabaseConnection,
  type RunningIncubatorSubgraph,
} from '@gouvgraph/incubator';
import { createPostgresDatabase, waitFor, type TestDatabase } from '@gouvgraph/testing';
import { readFileSync } from 'node:fs';
import { get, type ClientRequest, type IncomingMessage } from 'node:http';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const STARTUPS = 662 * 100;
let database: TestDatabase;
let connection: DatabaseConnection;
let kit: RunningIncubatorSubgraph;
let gateway: RunningGateway;

beforeAll(async () => {
  database = await createPostgresDatabase();
  if (database.config.kind !== 'postgres') throw new Error('the scale test runs on the Postgres server');
  connection = await openDatabase(database.config);
  kit = await startIncubatorSubgraph({
    partnerId: 'paris',
    connection,
    seed: { incubator: { id: 'paris', title: 'Ville de Paris' }, startups: [], organisations: [] },
  });
  // Straight into the kit's tables: seeding row by row would take longer than the test.
  const sql = postgres(database.config.url, { max: 1, onnotice: () => {} });
  const schema = schemaForPartner('paris');
  try {
    await sql.unsafe(`
      insert into "${schema}".startups (slug, incubator_id, name, name_key, pitch, search_text, phase, phase_start, first_phase_start, active, thematics, thematic_keys)
      select 'service-' || lpad(n::text, 6, '0'), 'paris', 'Service parisien ' || lpad(n::text, 6, '0'), 'service parisien ' || lpad(n::text, 6, '0'),
             'Un service public numérique de la Ville de Paris, numéro ' || n, 'service parisien ' || n, 'CONSTRUCTION',
             date '2025-01-01' + (n % 300), date '2024-06-01' + (n % 200), true, '{Démarches}', '{demarches}'
      from generate_series(1, ${STARTUPS}) as n;
      insert into "${schema}".startup_phases (startup_slug, position, phase, start, "end")
      select slug, 0, 'INVESTIGATION', first_phase_start, phase_start from "${schema}".startups
      union all select slug, 1, 'CONSTRUCTION', phase_start, null from "${schema}".startups;
      insert into "${schema}".startup_events (startup_slug, position, kind, date, comment)
      select slug, 0, 'COMMITTEE', phase_start, 'Passage en construction validé' from "${schema}".startups;
    `);
  } finally {
    await sql.end();
  }
  // Behind a proxy (readers are told apart by X-Forwarded-For), with a deadline for a loaded machine.
  gateway = await startGateway({
    supergraph: { kind: 'compose', subgraphs: [] },
    partners: [{ id: 'paris', url: kit.url }],
    responseCache: false,
    dashboard: false,
    ide: false,
    partnerTimeoutMs: 15_000,
    rateLimit: { perMinute: 100_000, trustProxy: true },
  });
}, 180_000);

afterAll(async () => {
  await gateway?.stop();
  await kit?.stop();
  await connection?.close();
  await database?.drop();
});

/** An export being read: its lines so far, and how it ended. */
interface Reading {
  request: ClientRequest;
  response: IncomingMessage;
  lines(): number;
  /** Resolves with how the transfer ended: whole, or cut. */
  ended: Promise<'end' | 'aborted'>;
}

/** Starts reading an export and resolves at its first bytes, paused there (a reader that stops reading). */
function startReading(path: string, from = '192.0.2.1'): Promise<Reading> {
  return new Promise((resolve, reject) => {
    const request = get(`${gateway.origin}${path}`, { headers: { 'x-forwarded-for': from } }, (response) => {
      let lines = 0;
      let first = true;
      const ended = new Promise<'end' | 'aborted'>((settle) => {
        response.on('end', () => settle('end'));
        response.on('aborted', () => settle('aborted'));
        response.on('error', () => settle('aborted'));
        request.on('error', () => settle('aborted'));
      });
      response.on('data', (chunk: Buffer) => {
        for (const byte of chunk) if (byte === 10) lines++;
        if (!first) return;
        first = false;
        response.pause();
        resolve({ request, response, lines: () => lines, ended });
      });
      if (response.statusCode !== 200) resolve({ request, response, lines: () => lines, ended });
    });
    request.on('error', reject);
  });
}

const calls = () => gateway.partnerCalls.get('paris');

/** The most a loopback connection buffers in the kernel: the send buffer's maximum and the receive buffer's default (Linux). */
function socketBuffers(): number {
  try {
    const field = (file: string, i: number) => Number(readFileSync(`/proc/sys/net/ipv4/${file}`, 'utf8').trim().split(/\s+/)[i]);
    return field('tcp_wmem', 2) + field('tcp_rmem', 1);
  } catch {
    return 8 * 1024 * 1024;
  }
}

/** Waits until the partner has not been called for `quietMs`: the walks have stopped. */
async function settled(quietMs = 500, capMs = 120_000): Promise<number> {
  const until = Date.now() + capMs;
  let last = calls();
  let since = Date.now();
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (calls() !== last) {
      last = calls();
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return last;
  }
  throw new Error(`the partner was still being called after ${capMs} ms`);
}

const PAGES = STARTUPS / 100;

describe.sequential('exports a hundred times today’s size', () => {
  it('start after the first page, wait for a slow reader, and deliver every row', { timeout: 300_000 }, async () => {
    const before = calls();
    const reading = await startReading('/donnees/startups.csv');
    // The first bytes left after a page or two of the graph was read, not after all of them.
    expect(calls() - before).toBeLessThanOrEqual(2);
    // The reader does not read: the walk stops once the connection's buffers are full.
    const stalled = (await settled()) - before;
    let bytes = 0;
    reading.response.on('data', (chunk: Buffer) => (bytes += chunk.length));
    reading.response.resume();
    expect(await reading.ended).toBe('end');
    expect(reading.lines()).toBe(STARTUPS + 1);
    const pages = calls() - before;
    expect(pages).toBeGreaterThanOrEqual(PAGES);
    expect(bytes).toBeGreaterThan(10_000_000);
    // What was walked ahead of the reader fits in the kernel's buffers of the connection (its send
    // buffer at most, the receive buffer of a reader that reads nothing) and a page of the
    // gateway's own: the gateway holds no more, whatever the size of the export.
    const bytesPerPage = bytes / pages;
    expect(stalled).toBeLessThan(pages);
    expect(stalled * bytesPerPage).toBeLessThan(socketBuffers() + 1024 * 1024);
  });

  it('gives one address two exports at once and everyone four, and frees a slot when a reader goes away', async () => {
    const refusal = async (from: string) => {
      const response = await fetch(`${gateway.origin}/donnees/evenements.csv`, { headers: { 'x-forwarded-for': from } });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      return ((await response.json()) as { errors: { message: string; extensions: { code: string } }[] }).errors[0];
    };
    const readings = [await startReading('/donnees/phases.csv', '192.0.2.10'), await startReading('/donnees/phases.csv', '192.0.2.10')];
    expect(await refusal('192.0.2.10')).toMatchObject({
      extensions: { code: 'EXPORT_BUSY' },
      message: expect.stringContaining('this address already has 2'),
    });
    readings.push(await startReading('/donnees/phases.csv', '192.0.2.20'), await startReading('/donnees/phases.csv', '192.0.2.20'));
    expect(await refusal('192.0.2.30')).toMatchObject({
      extensions: { code: 'EXPORT_BUSY' },
      message: expect.stringContaining('4 exports or feeds'),
    });

    const before = calls();
    for (const reading of readings) reading.request.destroy();
    // Their walks stop (a page or so each after the readers left), and their slots are free.
    expect((await settled()) - before).toBeLessThanOrEqual(readings.length * 2);
    // A walk that was fetching its last page when its reader left lets go when that page is in.
    const again = await waitFor(
      () => fetch(`${gateway.origin}/donnees/incubateurs.csv`, { headers: { 'x-forwarded-for': '192.0.2.30' } }),
      {
        until: (response) => response.status !== 503,
        timeoutMs: 10_000,
        intervalMs: 250,
      },
    );
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('paris,Ville de Paris');
  }, 180_000);

  it('cuts the transfer when the partner stops answering in the middle, rather than end a partial file', { timeout: 180_000 }, async () => {
    const reading = await startReading('/donnees/startups.csv');
    expect(reading.response.statusCode).toBe(200);
    await settled();
    await kit.stop();
    reading.response.resume();
    expect(await reading.ended).toBe('aborted');
    expect(reading.lines()).toBeLessThan(STARTUPS + 1);
  });
});
