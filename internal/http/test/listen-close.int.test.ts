/**
 * Stopping a server (`listen()`'s close, what SIGTERM runs): kept-alive connections are not served
 * on and on while it drains — an idle one is closed at once, a busy one gets its answer with
 * `Connection: close` and ends — and close() resolves when the last request is answered.
 */
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listen } from '../src/index.js';

/** A raw keep-alive connection: what it has received, and whether the server closed it. */
function keptAlive(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  const state = { received: '', closed: false, socket };
  socket.on('data', (chunk) => (state.received += chunk.toString('utf8')));
  socket.on('close', () => (state.closed = true));
  socket.on('error', () => {});
  const send = (path: string) => socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n`);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { state, send, closed, ready: new Promise<void>((resolve) => socket.once('connect', () => resolve())) };
}

describe('stopping a server', () => {
  it('closes idle kept-alive connections at once, and answers a busy one with Connection: close', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived = () => {};
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    const server = await listen(async (req, res) => {
      if (req.url === '/slow') {
        arrived();
        await held;
      }
      res.end('ok');
    });

    const idle = keptAlive(server.port);
    await idle.ready;
    idle.send('/fast');
    await new Promise<void>((resolve) => idle.state.socket.once('data', () => resolve()));
    expect(idle.state.received).toContain('keep-alive');

    const busy = keptAlive(server.port);
    await busy.ready;
    busy.send('/slow');
    await arrival;

    const stopped = server.close();
    await idle.closed; // closed by the server, without waiting for its keep-alive timeout
    expect(busy.state.closed).toBe(false);
    release();
    await busy.closed;
    expect(busy.state.received.toLowerCase()).toContain('connection: close');
    expect(busy.state.received).toMatch(/\r\n\r\nok$/);
    await stopped;
  });
});
