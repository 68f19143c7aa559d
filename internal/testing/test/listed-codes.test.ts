import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, expectListedCodes, graphql } from '../src/index.js';

// A server that answers whatever body the test puts in its path: the client under test is the
// real one, reading a real HTTP response.
const bodies: Record<string, unknown> = {
  '/unlisted': { data: null, errors: [{ message: 'made up', extensions: { code: 'NOT_A_GOUVGRAPH_CODE' } }] },
  '/not-a-string': { data: null, errors: [{ message: 'numbered', extensions: { code: 42 } }] },
  '/listed': { data: { ok: null }, errors: [{ message: 'no', path: ['ok'], extensions: { code: 'PARTNER_TIMEOUT', partner: 'anct' } }] },
  '/uncoded': { data: null, errors: [{ message: 'Syntax Error' }] },
};

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(bodies[req.url ?? ''] ?? { data: {} }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the test client checks every error code it reads', () => {
  it('fails loudly on a code outside ERROR_CODES, naming it', async () => {
    await expect(graphql(`${base}/unlisted`, '{ ok }')).rejects.toThrow(/outside ERROR_CODES.*"NOT_A_GOUVGRAPH_CODE"/);
  });

  it('fails on a code that is not a string', async () => {
    await expect(graphql(`${base}/not-a-string`, '{ ok }')).rejects.toThrow(/outside ERROR_CODES.*42/);
  });

  it('passes answers whose codes are listed, and errors without a code, unchanged', async () => {
    const listed = await graphql(`${base}/listed`, '{ ok }');
    expect(codes(listed)).toEqual(['PARTNER_TIMEOUT']);
    expect(listed.errors?.[0]?.extensions).toEqual({ code: 'PARTNER_TIMEOUT', partner: 'anct' });
    expect((await graphql(`${base}/uncoded`, '{ ok }')).errors).toEqual([{ message: 'Syntax Error' }]);
  });

  it('checks bodies read by other means too (a refusal over HTTP, a result built in a test)', () => {
    expect(() => expectListedCodes({ errors: [{ message: 'x', extensions: { code: 'TEAPOT' } }] })).toThrow(/"TEAPOT"/);
    expect(() => codes({ errors: [{ message: 'x', extensions: { code: 'TEAPOT' } }] })).toThrow(/"TEAPOT"/);
    expect(expectListedCodes({ errors: [{ message: 'x', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 3 } }] })).toBeTruthy();
  });
});
