/**
 * Nothing a hostile client sends hurts the graph: thousands of generated garbage bodies,
 * malformed, deep, wide, aliased and fragment-bomb documents, type-confused variables and odd
 * methods, thrown at the gateway (both variants) and straight at every subgraph, and raw bytes
 * their HTTP parser refuses (control characters, oversized URLs and headers, broken chunking,
 * smuggling). Every answer is a well-formed GraphQL response whose errors all carry a code,
 * never a 5xx, none hangs, memory stays bounded, and everything still answers afterwards.
 */
import { startStack, type Stack } from '@gouvgraph/stack';
import { graphql } from '@gouvgraph/testing';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileRequests, type HostileRequest } from './src/index.js';

const REQUESTS = hostileRequests(2_500);
const MB = 1024 * 1024;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    database: { kind: 'pglite' },
    partners: ['mtes', 'anct', 'francetravail'],
    registry: { adminToken: 'hostile-suite-admin' },
  });
});
afterAll(async () => {
  await stack?.stop();
});

interface Outcome {
  kind: string;
  problem: string | null;
}

/** Sends one request; what is wrong with the answer, or null. */
async function send(url: string, request: HostileRequest): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(`${url}${request.search ?? ''}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    return { kind: request.kind, problem: `no answer (${(error as Error).name})` };
  }
  const text = await response.text();
  if (response.status >= 500) return { kind: request.kind, problem: `HTTP ${response.status}: ${text.slice(0, 200)}` };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: request.kind, problem: `HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 100)}` };
  }
  const answers = Array.isArray(body) ? body : [body];
  for (const answer of answers) {
    if (typeof answer !== 'object' || answer === null || (!('data' in answer) && !('errors' in answer))) {
      return { kind: request.kind, problem: `not a GraphQL response: ${text.slice(0, 100)}` };
    }
    const errors = (answer as { errors?: { message?: unknown; extensions?: { code?: unknown }; stack?: unknown }[] }).errors ?? [];
    for (const error of errors) {
      if (typeof error.extensions?.code !== 'string')
        return { kind: request.kind, problem: `an error without a code: ${JSON.stringify(error).slice(0, 200)}` };
      if ('stacktrace' in (error.extensions ?? {}) || /\n\s+at /.test(String(error.message)))
        return { kind: request.kind, problem: 'a stack trace reached the client' };
    }
  }
  if (response.status >= 400 && !answers.some((a) => (a as { errors?: unknown[] }).errors?.length)) {
    return { kind: request.kind, problem: `HTTP ${response.status} without an error` };
  }
  return { kind: request.kind, problem: null };
}

/** Raw bytes no HTTP client library would send: what each server's HTTP parser refuses itself. */
const UNPARSABLE: { kind: string; bytes: string; status: number; code: string }[] = [
  {
    kind: 'a header with a control character',
    bytes: 'POST /graphql HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n',
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    kind: 'a 300 KB query string',
    bytes: `GET /graphql?query=${'a'.repeat(300_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    status: 431,
    code: 'REQUEST_HEADERS_TOO_LARGE',
  },
  {
    kind: 'a 40 KB header',
    bytes: `GET /graphql HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(40_000)}\r\n\r\n`,
    status: 431,
    code: 'REQUEST_HEADERS_TOO_LARGE',
  },
  { kind: 'a request line that is not HTTP', bytes: 'HELLO THERE\r\n\r\n', status: 400, code: 'BAD_REQUEST' },
  {
    kind: 'a broken chunked body',
    bytes: 'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    kind: 'both Content-Length and chunked (request smuggling)',
    bytes: 'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    status: 400,
    code: 'BAD_REQUEST',
  },
];

/** Sends raw bytes on a connection of its own and reads the whole answer (the server closes it). */
function sendRaw(url: string, bytes: string): Promise<{ status: number; contentType: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let text = '';
    socket.setTimeout(15_000, () => socket.destroy(new Error('no answer within 15 s')));
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const contentType = /\r\ncontent-type: ([^;\r]+)/i.exec(head)?.[1] ?? '';
      resolve({ status: Number(head.split(' ')[1]), contentType, body: rest.join('\r\n\r\n') });
    });
  });
}

/** Sends every request, 16 at a time; the problems, by kind. */
async function throwAll(url: string): Promise<Record<string, string[]>> {
  const problems: Record<string, string[]> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < REQUESTS.length) {
        const request = REQUESTS[next++] as HostileRequest;
        const outcome = await send(url, request);
        if (outcome.problem) (problems[outcome.kind] ??= []).push(outcome.problem);
      }
    }),
  );
  return problems;
}

describe('hostile input', () => {
  it('is answered with coded errors by the gateway, public and agents’ variants, within bounded memory', async () => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    expect(await throwAll(stack.gateway.url)).toEqual({});
    expect(await throwAll(stack.gateway.agentsUrl)).toEqual({});
    expect(process.memoryUsage().rss - before).toBeLessThan(600 * MB);
    const after = await graphql(stack.gateway.url, '{ incubators { id } }');
    expect(after.data?.incubators.map((i: { id: string }) => i.id)).toEqual(['anct', 'francetravail', 'mtes']);
  });

  it('is answered with coded JSON errors even where the HTTP parser refuses it, by every server', async () => {
    const servers = [stack.gateway.url, stack.partners[0]?.url, stack.catalog?.url, stack.impact?.url];
    const problems: string[] = [];
    for (const url of servers) {
      expect(url).toBeDefined();
      for (const { kind, bytes, status, code } of UNPARSABLE) {
        const answer = await sendRaw(url as string, bytes);
        const body = (() => {
          try {
            return JSON.parse(answer.body) as { errors?: { extensions?: { code?: unknown } }[] };
          } catch {
            return null;
          }
        })();
        const got = `${answer.status} ${answer.contentType} ${String(body?.errors?.[0]?.extensions?.code)}`;
        if (got !== `${status} application/json ${code}`) problems.push(`${url} ${kind}: ${got} ${answer.body.slice(0, 80)}`);
      }
      expect((await graphql(url as string, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    }
    expect(problems).toEqual([]);
  });

  it('is answered with coded errors by every subgraph called directly', async () => {
    const kit = stack.partners[0];
    for (const url of [kit?.url, stack.catalog?.url, stack.impact?.url]) {
      expect(url).toBeDefined();
      expect(await throwAll(url as string), url).toEqual({});
      expect((await graphql(url as string, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    }
  });
});
