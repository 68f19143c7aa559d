/**
 * What a server answers a request its HTTP parser cannot read (a header with a control character,
 * a request line or headers over Node's 16 KiB): Node's default is a bare `400` or `431` with an
 * empty body — the only refusals that would carry no code. Every server listening through
 * listen.ts answers them as it answers any refusal: a JSON GraphQL error with its code, then closes
 * the connection (the parser cannot tell where the next request would start).
 */
import type { Duplex } from 'node:stream';
import { ERROR_CODES, type ErrorCode } from '@gouvgraph/schema';

const REASONS: Readonly<Record<number, string>> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/** The status and code of a parser error. */
function refusalOf(error: NodeJS.ErrnoException): { status: number; code: ErrorCode; message: string } {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, code: 'REQUEST_HEADERS_TOO_LARGE', message: ERROR_CODES.REQUEST_HEADERS_TOO_LARGE };
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, code: 'BAD_REQUEST', message: 'The whole request did not arrive in time.' };
  }
  return { status: 400, code: 'BAD_REQUEST', message: 'The HTTP request cannot be read: its request line or a header is malformed.' };
}

/** The `clientError` listener: a coded JSON answer when the socket can still take one, else nothing. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // The client is gone, or a response on this connection already started (Node's own rule, which
  // reads the response attached to the socket): nothing more can be said to it.
  const started = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (error.code === 'ECONNRESET' || !socket.writable || started) {
    socket.destroy();
    return;
  }
  const { status, code, message } = refusalOf(error);
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
