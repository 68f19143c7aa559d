/**
 * The routes a GouvGraph server answers beside GraphQL (the IDE, the dashboard, the open data, the
 * admin API, health and metrics) are Hono apps, plugged into the hand-written GraphQL handler
 * through @hono/node-server: a request on no route falls through to that handler's coded 404.
 *
 * A route answers with a fetch `Response`, or writes to Node's response itself (`c.env.outgoing`)
 * and returns `ANSWERED` when a `Response` would not do (a stream that must keep back-pressure).
 * An exception is not answered here: it goes up to the GraphQL handler, which logs it and answers
 * a coded 500 without details, as for every other route.
 */
import { getRequestListener, RequestError, type HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerCors, type CorsPolicy } from './cors.js';
import { noteRefusal } from './refusals.js';

/** What a route sees of the request beside Hono's: Node's request and response. */
export interface RouteEnv {
  Bindings: HttpBindings;
}

/** A set of routes (a Hono app over Node's request and response). */
export type Routes = Hono<RouteEnv>;

/** What a route that wrote Node's response itself returns: nothing more is sent. */
export const ANSWERED: Response = RESPONSE_ALREADY_SENT;

const JSON_TYPE = 'application/json; charset=utf-8';

/** A new, empty set of routes; `app.route('/', other)` joins sets. */
export function createRoutes(): Routes {
  const app = new Hono<RouteEnv>();
  // Hono would answer a plain-text 500; the GraphQL handler answers a coded one and logs it.
  app.onError((error) => {
    throw error;
  });
  return app;
}

/** The body of every GouvGraph error answer: `{ errors: [{ message, extensions: { code, … } }] }`. */
export function errorBody(code: string, message: string, extensions: Record<string, unknown> = {}): string {
  return JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] });
}

/**
 * Refuses a request with a coded error, as `sendError` does on the GraphQL path: the same body, and
 * the same `request refused` log line (headers set before with `c.header` are kept).
 */
export function refuse(
  c: Context<RouteEnv>,
  status: 400 | 401 | 403 | 404 | 405 | 413 | 429 | 503,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): Response {
  noteRefusal(c.env.outgoing, code);
  return c.body(errorBody(code, message, extensions), status, { 'content-type': JSON_TYPE });
}

/** Middleware: the CORS of `policy` (cors.ts, the one the GraphQL endpoint uses); a preflight is answered here. */
export function useCors(policy: CorsPolicy): MiddlewareHandler<RouteEnv> {
  return async (c, next) => {
    if (answerCors(c.env.incoming, c.env.outgoing, policy)) return ANSWERED;
    await next();
    return undefined;
  };
}

/**
 * `routes` as a step of the GraphQL handler's chain: answers (true) a request on one of its routes,
 * leaves (false) any other untouched.
 */
export function routesHandler(routes: Routes): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const unmatched = new WeakSet<IncomingMessage>();
  const failures = new WeakMap<IncomingMessage, unknown>();
  routes.notFound((c) => {
    unmatched.add(c.env.incoming);
    return ANSWERED;
  });
  const listener = getRequestListener(
    async (request, env) => {
      // The listener is only ever given node:http's request and response (listen.ts), never HTTP/2's.
      const bindings = env as HttpBindings;
      try {
        return await routes.fetch(request, bindings);
      } catch (error) {
        // Carried to the caller below: the adapter's own error answer is a plain-text 500 with the message.
        failures.set(bindings.incoming, error);
        return ANSWERED;
      }
    },
    {
      // The gateway's upstream calls use the platform's Request and Response: leave them alone.
      overrideGlobalObjects: false,
      // A request Hono cannot make a URL of (a Host header that is not one): coded, like every refusal.
      errorHandler: (error) => {
        if (error instanceof RequestError)
          return new Response(errorBody('BAD_REQUEST', 'The request has no valid Host'), {
            status: 400,
            headers: { 'content-type': JSON_TYPE },
          });
        throw error;
      },
    },
  );
  return async (req, res) => {
    await listener(req, res);
    if (failures.has(req)) throw failures.get(req);
    return !unmatched.has(req);
  };
}
