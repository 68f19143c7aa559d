/**
 * Each request leaves one JSON line in the gateway's log and in the log of every partner it
 * reached, under the same request id — and nothing of what the caller sent about a person.
 */
import { processLogger } from '@gouvgraph/http';
import { openDatabase, startIncubatorSubgraph, type RunningIncubatorSubgraph } from '@gouvgraph/incubator';
import type { DatabaseConnection } from '@gouvgraph/db';
import { partnerSeed } from '@gouvgraph/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/index.js';
import { data } from './helpers.js';

const gatewayLines: string[] = [];
const kitLines: string[] = [];
let connection: DatabaseConnection;
let kit: RunningIncubatorSubgraph;
let gateway: RunningGateway;

beforeAll(async () => {
  connection = await openDatabase({ kind: 'pglite' });
  kit = await startIncubatorSubgraph({
    partnerId: 'mtes',
    connection,
    seed: partnerSeed(data, 'mtes'),
    logger: processLogger('incubator-mtes', 'info', { write: (line) => kitLines.push(line) }),
  });
  gateway = await startGateway({
    supergraph: { kind: 'compose', subgraphs: [] },
    partners: [{ id: 'mtes', url: kit.url }],
    ide: false,
    logger: processLogger('gateway', 'info', { write: (line) => gatewayLines.push(line) }),
  });
});
afterAll(async () => {
  await gateway?.stop();
  await kit?.stop();
  await connection?.close();
});

const send = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const parsed = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('request logs', () => {
  it('follow a request into the partner under its id, with its operation and outcome, and nothing personal', async () => {
    const mutation = {
      query: 'mutation Rename($input: UpdateStartupInput!) { updateStartup(id: "mtes/aigle", input: $input) { pitch } }',
      variables: { input: { pitch: 'Contact : jeanne.dupont@example.org, Jeanne Dupont, 06 12 34 56 78' } },
    };
    const response = await send(mutation, { 'x-request-id': 'tableau-de-bord-42' });
    expect(response.headers.get('x-request-id')).toBe('tableau-de-bord-42');
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();

    const ours = parsed(gatewayLines).find((l) => l.requestId === 'tableau-de-bord-42');
    expect(ours).toMatchObject({ service: 'gateway', operation: 'Rename', type: 'mutation', errors: [], msg: 'graphql request' });
    expect(typeof ours?.ms).toBe('number');
    expect(parsed(kitLines).filter((l) => l.requestId === 'tableau-de-bord-42')).toEqual([
      expect.objectContaining({ service: 'incubator-mtes', type: 'mutation', errors: [] }),
    ]);
    for (const line of [...gatewayLines, ...kitLines]) {
      expect(line).not.toMatch(/jeanne|dupont|06 12 34|updateStartup\(/i);
    }
  });

  it('gives a request without a usable id one of its own, and logs its errors by code', async () => {
    const response = await send({ query: '{ startup(id: "mtes/aigle") { nme } }' }, { 'x-request-id': '<script>alert(1)</script>' });
    const id = response.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(parsed(gatewayLines).find((l) => l.requestId === id)).toMatchObject({ errors: ['GRAPHQL_VALIDATION_FAILED'] });
    expect(gatewayLines.join('\n')).not.toContain('<script>');
  });

  it('log the requests refused at the door too, by code, without the token or the body', async () => {
    const token = 'jeton-volé-0123456789';
    const refused = await send({ query: '{ incubators { id } }' }, { authorization: `Bearer ${token}`, 'x-request-id': 'mauvais-jeton' });
    expect(refused.status).toBe(401);
    const tooLarge = await send({ query: `{ incubators { id } } # ${'x'.repeat(1024 * 1024)}` }, { 'x-request-id': 'trop-gros' });
    expect(tooLarge.status).toBe(413);

    expect(parsed(gatewayLines).find((l) => l.requestId === 'mauvais-jeton')).toMatchObject({
      msg: 'request refused',
      status: 401,
      errors: ['UNAUTHENTICATED'],
    });
    expect(parsed(gatewayLines).find((l) => l.requestId === 'trop-gros')).toMatchObject({
      msg: 'request refused',
      status: 413,
      errors: ['PAYLOAD_TOO_LARGE'],
    });
    expect(gatewayLines.join('\n')).not.toContain('jeton-vol');
    expect(gatewayLines.join('\n')).not.toContain('xxxxxxxx');
  });
});
