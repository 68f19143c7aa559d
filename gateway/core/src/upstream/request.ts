/**
 * What every call upstream sends and how undici says it failed: the request headers (the
 * request's id and, on a write, the caller's signed identity), the deadline errors, and the
 * request id a data source reads from the gateway's context.
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

/**
 * The headers of one call, with `traceparent` when tracing. Most reads carry neither a request id
 * nor an identity: they send the one shared object, built once.
 */
export function upstreamHeaders(requestId: string | undefined, identity: string | undefined): Record<string, string> {
  if (requestId === undefined && identity === undefined) return withTraceHeaders(UPSTREAM_HEADERS);
  const headers: Record<string, string> = { ...UPSTREAM_HEADERS };
  if (identity !== undefined) headers[IDENTITY_HEADER] = identity;
  if (requestId !== undefined) headers[REQUEST_ID_HEADER] = requestId;
  return withTraceHeaders(headers);
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

/**
 * An answer's body as text, read while it streams in: cut off (AnswerTooLarge) as soon as it
 * passes `maxBytes` — before it is ever held whole in memory — and (BodyDeadline) when all of it
 * has not arrived by `deadline`. undici's own body timeout only bounds the wait between two
 * chunks, which a body dripping in a byte at a time never exceeds.
 */
export async function readAnswer(answer: Dispatcher.ResponseData, maxBytes: number, deadline: number): Promise<string> {
  const { body } = answer;
  if (Number(answer.headers['content-length']) > maxBytes) {
    body.destroy();
    throw new AnswerTooLarge(maxBytes);
  }
  const timer = setTimeout(() => body.destroy(new BodyDeadline('no whole answer before the deadline')), Math.max(1, deadline - Date.now()));
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        body.destroy();
        throw new AnswerTooLarge(maxBytes);
      }
      chunks.push(chunk);
    }
  } finally {
    clearTimeout(timer);
  }
  return (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)).toString('utf8');
}

/** The request's id from the gateway's context (GatewayContext.requestId), passed on for upstreams' logs. */
export function requestIdOf(options: GraphQLDataSourceProcessOptions): string | undefined {
  const context: unknown = options.context;
  return isRecord(context) && typeof context.requestId === 'string' ? context.requestId : undefined;
}
