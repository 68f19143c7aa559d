import type { ApolloServer, BaseContext, HTTPGraphQLRequest, HTTPGraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { codedFormattedError, type ErrorCode, type ErrorExtrasArg } from '@gouvgraph/schema';
import { inServerSpan, failSpan, tracingEnabled } from '@gouvgraph/telemetry';
import { answerCors, type CorsPolicy } from './cors.js';
import { noteRefusal, refusalOf } from './refusals.js';
import { assignRequestId, requestIdOf, type Logger } from './request-log.js';
import { routesHandler, type Routes } from './routes.js';

/** A request handler for `node:http`. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Something that may answer a request without running it (the gateway's response cache). */
export interface AnsweringCache {
  respond(req: IncomingMessage, search: string, body: string, run: () => Promise<HTTPGraphQLResponse>): Promise<HTTPGraphQLResponse>;
}

export interface GraphQLHandlerOptions<TContext extends BaseContext> {
  /** A started ApolloServer. */
  server: ApolloServer<TContext>;
  /** Builds the per-request context. */
  context: (req: IncomingMessage) => Promise<TContext>;
  /** Path of the GraphQL endpoint. Default `/graphql`. */
  path?: string;
  /** Largest accepted request body, in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** The routes served beside GraphQL (routes.ts): the IDE, health checks… A path on none of them is a coded 404. */
  routes?: Routes;
  /** Handlers tried first, in order: one that answers the request returns true. */
  handlers?: ((req: IncomingMessage, res: ServerResponse) => Promise<boolean>)[];
  /**
   * Operations accepted in one batched request (a JSON array); the server must allow batching.
   * Default 0: batches are left to Apollo Server, which refuses them unless told otherwise.
   */
  maxBatch?: number;
  /**
   * Origins whose pages may call the endpoint from a browser (CORS), e.g.
   * `https://tableau-de-bord.beta.gouv.fr`; `*` for any. Default none: same origin only.
   */
  corsOrigins?: readonly string[];
  /** Answers identical requests from memory when it may. Default none. */
  cache?: AnsweringCache;
  /**
   * Logs the requests refused before GraphQL runs (401, 413, 429…), one line each; the ones
   * that run are logged by the request-log plugin.
   */
  logger?: Logger;
  /** Told the code of every request refused before GraphQL runs (401, 413, 429…), for the error metric. */
  refused?: ((code: string) => void) | undefined;
}

/** What a browser's GraphQL client sends beside the CORS-safelisted headers. */
const CORS_HEADERS = 'content-type, authorization, apollo-require-preflight, x-apollo-operation-name, gouvgraph-debug';

const JSON_TYPE = 'application/json; charset=utf-8';

const bodies = new WeakMap<IncomingMessage, string>();

/** The body a request came with, as read (a signed identity is checked against it). */
export function requestBody(req: IncomingMessage): string {
  return bodies.get(req) ?? '';
}

/** The request's URL, or null when its target is not one (`//`, `http://[`…). */
export function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

/**
 * Sends a GraphQL-shaped error response, `{ errors: [{ message, extensions: { code, ...extras } }] }`,
 * with a code of the list and the extensions that code carries.
 */
export function sendError<C extends ErrorCode>(
  res: ServerResponse,
  status: number,
  code: C,
  message: string,
  ...[extras]: ErrorExtrasArg<C>
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  noteRefusal(res, code);
  res.writeHead(status, { 'content-type': JSON_TYPE });
  res.end(JSON.stringify({ errors: [codedFormattedError<ErrorCode>(code, message, extras ?? {})] }));
}

export class BodyTooLarge extends Error {}

/** Past the limit, the rest of a body is read and dropped up to this many times the limit, then the socket is closed. */
const DISCARD_FACTOR = 16;

/** Reads a request body up to `limit` bytes; rejects with BodyTooLarge past it. */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (over) {
        // Keep reading (and dropping) so the client can read the 413; a flood is cut off.
        if (size > limit * DISCARD_FACTOR) req.destroy();
        return;
      }
      if (size > limit) {
        over = true;
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Serves an ApolloServer over plain `node:http`: no framework in the hot path, a body limit,
 * and a coded GraphQL error for everything that goes wrong before execution.
 *
 * Kept by hand: the benchmark measures it. Every other route is a Hono app (routes.ts), reached
 * from here only when the path is not GraphQL's; the CORS both use is the one of cors.ts.
 */
export function createGraphQLHandler<TContext extends BaseContext>(options: GraphQLHandlerOptions<TContext>): RequestHandler {
  const path = options.path ?? '/graphql';
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const routes = options.routes ? routesHandler(options.routes) : null;
  const corsPolicy: CorsPolicy = { origins: options.corsOrigins ?? [], methods: 'GET, POST', allowHeaders: CORS_HEADERS };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req);
    if (!url) {
      sendError(res, 400, 'BAD_REQUEST', 'The request target is not a path');
      req.resume();
      return;
    }
    // GraphQL requests get their id first: a refusal at the door is logged with it.
    if (url.pathname === path) assignRequestId(req, res);
    for (const handler of options.handlers ?? []) if (await handler(req, res)) return;
    if (url.pathname !== path) {
      if (!(await routes?.(req, res))) sendError(res, 404, 'NOT_FOUND', `Nothing is served at ${url.pathname}; GraphQL is at ${path}`);
      return;
    }
    res.setHeader('x-content-type-options', 'nosniff');
    if (answerCors(req, res, corsPolicy)) return;
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      sendError(res, 405, 'BAD_REQUEST', `Method ${req.method ?? ''} is not allowed: use GET or POST`);
      return;
    }

    let body: unknown;
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, limit);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          res.setHeader('connection', 'close');
          sendError(res, 413, 'PAYLOAD_TOO_LARGE', `The request body is over the limit of ${limit} bytes`);
          return;
        }
        throw error;
      }
      bodies.set(req, text);
      const type = req.headers['content-type'] ?? '';
      if (type.includes('json')) {
        try {
          body = text.length === 0 ? {} : JSON.parse(text);
        } catch {
          sendError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON');
          return;
        }
      } else {
        body = text;
      }
      const maxBatch = options.maxBatch ?? 0;
      if (Array.isArray(body) && maxBatch > 0 && body.length > maxBatch) {
        sendError(res, 400, 'QUERY_TOO_COMPLEX', `A batch holds at most ${maxBatch} operations; this one has ${body.length}`, {
          limit: 'batch',
          max: maxBatch,
          found: body.length,
        });
        return;
      }
    }

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: req.method,
      headers,
      search: url.search,
      body,
    };
    const run = () => options.server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: () => options.context(req) });
    const response = options.cache ? await options.cache.respond(req, url.search, requestBody(req), run) : await run();
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  /** A request refused before GraphQL ran gets its line here (GraphQL's own come from the plugin). */
  const logRefusal = (req: IncomingMessage, res: ServerResponse, started: number) => {
    const code = refusalOf(res);
    // Not found is a miss, not a refusal; an internal error has its own line, logged above.
    if (code === undefined || !options.logger || code === 'NOT_FOUND' || code === 'INTERNAL_SERVER_ERROR') return;
    options.logger.info(
      {
        requestId: requestIdOf(req) ?? null,
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        errors: [code],
      },
      'request refused',
    );
  };

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    try {
      await handle(req, res);
    } catch (error) {
      if (req.destroyed && (error as { code?: unknown }).code === 'ECONNRESET') {
        // The client's own doing (it went away, or its body broke the HTTP parser, which answers
        // it): nothing to answer here, and no bug to report.
        (options.logger ?? console).info({ requestId: requestIdOf(req) ?? null }, 'request aborted by the client');
      } else {
        // A bug below us: log it, never send its details or stack to the client.
        (options.logger ?? console).error({ err: error, requestId: requestIdOf(req) ?? null }, 'unhandled error serving a request');
        sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      }
    }
    logRefusal(req, res, started);
    const code = options.refused && refusalOf(res);
    if (code && code !== 'NOT_FOUND') options.refused?.(code);
  };

  /** GraphQL requests in a server span (its parent is the caller's traceparent) when tracing is on. */
  const traced = (req: IncomingMessage, res: ServerResponse) =>
    inServerSpan(
      req.headers,
      `${req.method ?? 'GET'} ${path}`,
      { 'http.request.method': req.method ?? 'GET', 'url.path': path },
      async (span) => {
        await serve(req, res);
        span?.setAttributes({ 'http.response.status_code': res.statusCode, 'gouvgraph.request_id': requestIdOf(req) ?? '' });
        const code = refusalOf(res);
        if (code) failSpan(span, code);
      },
    );

  return (req, res) => {
    void (tracingEnabled() && requestUrl(req)?.pathname === path ? traced(req, res) : serve(req, res));
  };
}
