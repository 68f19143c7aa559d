/**
 * Exports stay streams at a hundred times today's size: a synthetic partner (the City of Paris,
 * one of the next to join) holds 66,200 startups on the Postgres server — a hundred times the 662
 * of beta.gouv.fr — each with its phases and a committee. The export starts answering after one
 * page of the graph, holds one page at a time, and delivers every row.
 */
import { startGateway, type RunningGateway } from '@gouvgraph/gateway';
import { openDatabase, schemaForPartner, startIncubatorSubgraph, type DatabaseConnection, type RunningIncubatorSubgraph } from '@gouvgraph/incubator';
import { createPostgresDatabase, type TestDatabase } from '@gouvgraph/testing';
import { get } from 'node:http';
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
  kit = await startIncubatorSubgraph({ partnerId: 'paris', connection, seed: { incubator: { id: 'paris', title: 'Ville de Paris' }, startups: [], organisations: [] } });
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
  gateway = await startGateway({ supergraph: { kind: 'compose', subgraphs: [] }, partners: [{ id: 'paris', url: kit.url }], responseCache: false, dashboard: false, ide: false });
}, 180_000);

afterAll(async () => {
  await gateway?.stop();
  await kit?.stop();
  await connection?.close();
  await database?.drop();
});

describe('exports a hundred times today’s size', () => {
  it('start after the first page, wait for a slow reader, and deliver every row', async () => {
    const calls = () => gateway.partnerCalls.get('paris');
    const before = calls();
    const result = await new Promise<{ lines: number; bytes: number; callsAtFirstByte: number; callsWhilePaused: number }>((resolve, reject) => {
      get(`${gateway.origin}/donnees/startups.csv`, (res) => {
        let lines = 0;
        let bytes = 0;
        let callsAtFirstByte = -1;
        let callsWhilePaused = -1;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          for (const byte of chunk) if (byte === 10) lines++;
          if (callsAtFirstByte >= 0) return;
          callsAtFirstByte = calls() - before;
          // A reader that stops reading: the export must stop walking the graph soon after.
          res.pause();
          setTimeout(() => {
            callsWhilePaused = calls() - before;
            res.resume();
          }, 1_500);
        });
        res.on('end', () => resolve({ lines, bytes, callsAtFirstByte, callsWhilePaused }));
        res.on('error', reject);
      }).on('error', reject);
    });
    const pages = calls() - before;

    expect(result.lines).toBe(STARTUPS + 1);
    expect(pages).toBeGreaterThanOrEqual(STARTUPS / 100);
    // The first bytes left after one page was read, not after all of them.
    expect(result.callsAtFirstByte).toBeLessThanOrEqual(2);
    // While the reader paused, the walk stopped once the socket's buffers were full (about 60
    // pages here): what the gateway holds is bounded by them, not by the size of the export.
    expect(result.callsWhilePaused).toBeLessThan(pages / 4);
    expect(result.bytes).toBeGreaterThan(10_000_000);
  });
});
