import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerClientError } from './client-error.js';
import type { RequestHandler } from './graphql-handler.js';

/** A listening HTTP server and how to reach and stop it. */
export interface Listening {
  /** `http://host:port` (no path). */
  origin: string;
  port: number;
  server: Server;
  /**
   * Stops accepting, closes idle kept-alive connections, lets in-flight requests finish — their
   * answers closing their connections — for at most `graceMs` (default 10 s), after which their
   * connections are cut, then resolves.
   */
  close(graceMs?: number): Promise<void>;
}

/** Listens on `port` (0 = any free port) and resolves once bound. */
export async function listen(handler: RequestHandler, port = 0, host = '127.0.0.1'): Promise<Listening> {
  // Once closing, every answer says `Connection: close` — those in flight too, when their headers
  // are still to be written — and a connection left idle after its answer is closed: a client on
  // a kept-alive connection is not served on and on while the process drains.
  let closing = false;
  const inFlight = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    if (closing) res.setHeader('connection', 'close');
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (closing) server.closeIdleConnections();
    });
    handler(req, res);
  });
  // What the HTTP parser refuses is answered coded too, not with Node's bare 400 or 431.
  server.on('clientError', answerClientError);
  // Keep-alive sockets left idle by clients would otherwise hold close() open.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    origin: `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${address.port}`,
    port: address.port,
    server,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        // Stopping twice (a test that took a partner down, then the whole stack) is not an error.
        if (!server.listening) return resolve();
        closing = true;
        for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close((error) => {
          clearTimeout(cut);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
