/**
 * What every call upstream sends, how its answer is read, and how undici says it failed: the
 * request headers (the request's id and, on a write, the caller's signed identity), the answer
 * read within its size and deadline, the deadline errors, and the request id a data source reads
 * from the gateway's context.
 */
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { IDENTITY_HEADER, REQUEST_ID_HEADER } from '@gouvgraph/http';
import { withTraceHeaders } from '@gouvgraph/telemetry';
import type { Dispatcher } from 'undici';
import { isRecord } from './answer.js';

const UPSTREAM_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json',
  accept: 'application/graphql-response+json, application/json',
};

/** The headers of the last request id's reads: a fan-out sends the same to every partner. */
let lastRead: { requestId: string; headers: Record<string, string> } | undefined;

/**
 * The headers of one call, with `traceparent` when tracing. Reads carry no identity: those without
 * a request id send one object built once, and a request's reads to every partner share one.
 */
export function upstreamHeaders(requestId: string | undefined, identity: string | undefined): Record<string, string> {
  if (identity === undefined) {
    if (requestId === undefined) return withTraceHeaders(UPSTREAM_HEADERS);
    if (lastRead?.requestId !== requestId) lastRead = { requestId, headers: { ...UPSTREAM_HEADERS, [REQUEST_ID_HEADER]: requestId } };
    return withTraceHeaders(lastRead.headers);
  }
  const headers: Record<string, string> = { ...UPSTREAM_HEADERS };
  if (identity !== undefined) headers[IDENTITY_HEADER] = identity;
  if (requestId !== undefined) headers[REQUEST_ID_HEADER] = requestId;
  return withTraceHeaders(headers);
}

/**
 * A request's body, as its text (keys, signatures) and as the bytes sent, encoded once however
 * many upstreams it goes to: undici would otherwise encode a string body anew for each.
 */
export class RequestBody {
  private encoded: Buffer | undefined;

  constructor(readonly text: string) {}

  get bytes(): Buffer {
    this.encoded ??= Buffer.from(this.text);
    return this.encoded;
  }
}

/** An answer cut off for being larger than the upstream may send. */
export class AnswerTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the answer is larger than ${maxBytes} bytes`);
  }
}

/** The whole answer did not arrive before the deadline (a body sent slowly, a little at a time). */
class BodyDeadline extends Error {
  readonly code = 'GOUVGRAPH_BODY_DEADLINE';
}

/** Whether an error is a deadline that passed (connecting, waiting for headers, or for the whole body). */
export function timedOut(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'GOUVGRAPH_BODY_DEADLINE'
  );
}

/** What an upstream answered over HTTP: its status and body. */
export interface Exchange {
  status: number;
  text: string;
}

/** `content-length` among undici's raw headers (name, value, name, value…), or NaN. */
function contentLength(rawHeaders: Buffer[]): number {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.length === 14 && rawHeaders[i]?.toString('latin1').toLowerCase() === 'content-length')
      return Number(rawHeaders[i + 1]?.toString('latin1'));
  }
  return Number.NaN;
}

/**
 * Reads one answer for undici's dispatcher as it streams in: cut off (AnswerTooLarge) as soon as
 * it passes `maxBytes` — before it is ever held whole in memory — and (BodyDeadline) when all of
 * it has not arrived by `deadline`. undici's own body timeout only bounds the wait between two
 * chunks, which a body dripping in a byte at a time never exceeds.
 *
 * A handler of undici's dispatcher rather than its `request()`: on the classic benchmark, sixteen
 * calls a query, the response stream, its async iteration and the parsed headers object that
 * `request()` makes for each answer cost more than the rest of the call.
 */
class AnswerReader implements Dispatcher.DispatchHandler {
  private abort: ((reason?: Error) => void) | null = null;
  private status = 0;
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly maxBytes: number,
    private readonly deadline: number,
    private readonly resolve: (exchange: Exchange) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  onConnect(abort: (reason?: Error) => void): void {
    this.abort = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    if (statusCode < 200) return true; // informational: the answer is still to come
    this.status = statusCode;
    if (contentLength(rawHeaders) > this.maxBytes) {
      this.abort?.(new AnswerTooLarge(this.maxBytes));
      return false;
    }
    const remaining = Math.max(1, this.deadline - Date.now());
    this.timer = setTimeout(() => this.abort?.(new BodyDeadline('no whole answer before the deadline')), remaining);
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      this.abort?.(new AnswerTooLarge(this.maxBytes));
      return false;
    }
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    clearTimeout(this.timer);
    const { chunks } = this;
    const text = (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, this.size)).toString('utf8');
    this.resolve({ status: this.status, text });
  }

  onError(error: Error): void {
    clearTimeout(this.timer);
    this.reject(error);
  }
}

/** Where undici sends a request to an upstream's URL, parsed once per URL (a gateway has few upstreams). */
const targets = new Map<string, { origin: string; path: string }>();

function targetOf(url: string): { origin: string; path: string } {
  let target = targets.get(url);
  if (!target) {
    const parsed = new URL(url);
    target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    targets.set(url, target);
  }
  return target;
}

/**
 * POSTs `body` to `url` and reads the answer (AnswerReader), within `remaining` ms: undici's own
 * timers bound the wait for headers, cheaper per call than an AbortSignal.
 */
export function postAnswer(
  dispatcher: Dispatcher,
  url: string,
  body: Buffer,
  headers: Record<string, string>,
  remaining: number,
  maxBytes: number,
): Promise<Exchange> {
  const deadline = Date.now() + remaining;
  const { origin, path } = targetOf(url);
  return new Promise<Exchange>((resolve, reject) => {
    const reader = new AnswerReader(maxBytes, deadline, resolve, reject);
    dispatcher.dispatch({ origin, path, method: 'POST', headers, body, headersTimeout: remaining, bodyTimeout: remaining }, reader);
  });
}

/** The request's id from the gateway's context (GatewayContext.requestId), passed on for upstreams' logs. */
export function requestIdOf(options: GraphQLDataSourceProcessOptions): string | undefined {
  const context: unknown = options.context;
  return isRecord(context) && typeof context.requestId === 'string' ? context.requestId : undefined;
}
