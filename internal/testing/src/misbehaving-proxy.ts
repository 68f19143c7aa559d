/**
 * A real HTTP server in front of a real partner subgraph, that a test switches into the ways
 * partners fail in production: refusing connections, answering late, answering an HTML error
 * page, invalid JSON, data of the wrong shape, or a GraphQL error with HTTP 500 — or that
 * rewrites requests and answers, as a partner that drifted from the contract would answer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyMode =
  | { kind: 'pass' }
  | { kind: 'refuse' }
  | { kind: 'delay'; ms: number }
  /** Holds each request until `until` settles, then passes it: the test decides when the partner answers. */
  | { kind: 'hold'; until: Promise<unknown> }
  | { kind: 'html-error'; status: number }
  | { kind: 'invalid-json' }
  | { kind: 'wrong-shape' }
  | { kind: 'graphql-error'; status: number }
  /** Passes the request on (the partner reads or writes), then cuts the connection instead of answering: a kit killed as it answers. */
  | { kind: 'drop-answer' }
  /** Refuses the next `failures` requests, then passes. */
  | { kind: 'flaky'; failures: number }
  /** Passes each request as `request` rewrites it, and answers what `answer` makes of the partner's answer. */
  | {
      kind: 'rewrite';
      request?: (body: ProxiedRequest) => ProxiedRequest;
      answer?: (answer: ProxiedAnswer, body: ProxiedRequest) => unknown;
    };

/** A GraphQL request as the proxy passes it on. */
export interface ProxiedRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** A partner's answer, for a test to rewrite. */
export interface ProxiedAnswer {
  // biome-ignore lint/suspicious/noExplicitAny: a test rewrites whatever part of the answer its fault is about.
  data?: Record<string, any> | null;
  errors?: unknown[];
}

export interface MisbehavingProxy {
  url: string;
  /** Requests that reached the proxy (refused ones included). */
  received: number;
  /** Requests passed on to the partner whose answer was sent back (the partner has read or written by then). */
  answered: number;
  setMode(mode: ProxyMode): void;
  stop(): Promise<void>;
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Replaces every `totalCount` by a string: valid JSON, not a valid answer. */
function corrupt(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(corrupt);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'totalCount' ? 'many' : corrupt(v)]));
  }
  return value;
}

export async function startMisbehavingProxy(target: string): Promise<MisbehavingProxy> {
  let mode: ProxyMode = { kind: 'pass' };
  const timers = new Set<NodeJS.Timeout>();
  const state = { received: 0, answered: 0 };

  const forward = async (body: Buffer, req: IncomingMessage) => {
    const response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
      body,
    });
    return { status: response.status, text: await response.text() };
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    state.received++;
    const current = mode;
    if (current.kind === 'refuse' || (current.kind === 'flaky' && current.failures > 0)) {
      if (current.kind === 'flaky') current.failures--;
      req.socket.destroy();
      return;
    }
    void (async () => {
      const body = await readAll(req);
      switch (current.kind) {
        case 'html-error':
          res.writeHead(current.status, { 'content-type': 'text/html' });
          res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
          return;
        case 'invalid-json':
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"data": {"startups": ');
          return;
        case 'graphql-error':
          res.writeHead(current.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: 'the database is unreachable', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
          return;
        case 'delay':
          await new Promise<void>((resolve) => {
            const timer = setTimeout(() => (timers.delete(timer), resolve()), current.ms);
            timers.add(timer);
          });
          break;
        case 'hold':
          await current.until;
          break;
        default:
          break;
      }
      if (res.destroyed || req.socket.destroyed) return;
      if (current.kind === 'rewrite') {
        const asked = JSON.parse(body.toString('utf8')) as ProxiedRequest;
        const sent = current.request ? current.request(structuredClone(asked)) : asked;
        const answer = await forward(Buffer.from(JSON.stringify(sent)), req);
        const parsed = JSON.parse(answer.text) as ProxiedAnswer;
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(current.answer ? current.answer(parsed, sent) : parsed), () => state.answered++);
        return;
      }
      const answer = await forward(body, req);
      if (current.kind === 'drop-answer') {
        req.socket.destroy();
        return;
      }
      const text = current.kind === 'wrong-shape' ? JSON.stringify(corrupt(JSON.parse(answer.text))) : answer.text;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(text, () => state.answered++);
    })().catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    get received() {
      return state.received;
    },
    get answered() {
      return state.answered;
    },
    setMode(next) {
      mode = next;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
