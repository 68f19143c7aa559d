/**
 * A real HTTP server in front of a real partner subgraph, that a test switches into the ways
 * partners fail in production: refusing connections, answering late, answering an HTML error
 * page, invalid JSON, data of the wrong shape, or a GraphQL error with HTTP 500.
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
  /** Refuses the next `failures` requests, then passes. */
  | { kind: 'flaky'; failures: number };

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
      const answer = await forward(body, req);
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
