/**
 * What a server answers the requests its HTTP parser refuses, before any route: the same coded
 * JSON error as any other refusal, never Node's bare 400 or 431 with an empty body.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listening } from '../src/index.js';

let server: Listening;
let handled = 0;

beforeAll(async () => {
  server = await listen((_req, res) => {
    handled++;
    res.end('{}');
  });
});
afterAll(() => server.close());

/** Sends raw bytes and reads the whole answer (the server closes the connection). */
function raw(bytes: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.end(bytes));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body });
    });
  });
}

describe('requests the HTTP parser refuses', () => {
  it('answer a header with a control character with a coded 400', async () => {
    const answer = await raw('GET /graphql HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(answer.headers).toContain('content-type: application/json');
    expect(JSON.parse(answer.body)).toEqual({
      errors: [{ message: expect.stringContaining('cannot be read'), extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('answer a 300 KB query string with a coded 431', async () => {
    const answer = await raw(`GET /graphql?query=${'a'.repeat(300_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body).errors[0].extensions).toEqual({ code: 'REQUEST_HEADERS_TOO_LARGE' });
  });

  it('never reach a route, and leave the server answering', async () => {
    expect(handled).toBe(0);
    const ok = await raw('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(ok.status).toBe(200);
    expect(handled).toBe(1);
  });
});
