/**
 * The registry's small authenticated HTTP API, under `/-/admin/`. Administrators use the admin
 * token; a partner uses its own token to publish or rotate it. Errors have the GraphQL shape
 * every GouvGraph error has: `{ errors: [{ message, extensions: { code, details } }] }`.
 *
 *   GET    /-/admin/partners                     admin      every partner
 *   POST   /-/admin/partners                     admin      register: { id, name, kind, ownerOrganisation?, contact? } → { partner, token }
 *   POST   /-/admin/partners/:id/publish         partner    { url } → the checks, then live
 *   POST   /-/admin/partners/:id/token           partner    a new token; the old ones stop working
 *   POST   /-/admin/partners/:id/suspend         admin      traffic stops, data stays
 *   POST   /-/admin/partners/:id/reinstate       admin
 *   DELETE /-/admin/partners/:id                 admin      removed, tokens revoked
 *   GET    /-/admin/audit                        admin      the latest audit entries
 *   GET    /-/admin/supergraphs                  admin      every supergraph that was live, newest first
 *   POST   /-/admin/supergraphs/:hash/rollback   admin      make it live again on every gateway
 */
import { BodyTooLarge, createRoutes, errorBody, readBody, requestUrl, type RouteEnv, type Routes } from '@gouvgraph/http';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { isDatabaseFailure } from '@gouvgraph/db';
import { type Registry, RegistryError, sameSecret, type Actor } from './registry.js';

export const ADMIN_PREFIX = '/-/admin/';

/** Largest request body the API reads. */
const MAX_BODY_BYTES = 64 * 1024;

const ANSWER_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

/**
 * The path under the prefix as segments, each one validly percent-encoded: Hono would pass a
 * malformed escape (`%E0%A4%A`) on as written, where this API says what is wrong with it.
 */
const Segments = z.array(
  z.string().refine(
    (segment) => {
      try {
        decodeURIComponent(segment);
        return true;
      } catch {
        return false;
      }
    },
    { error: 'is not validly percent-encoded' },
  ),
);

/** The body of `POST /partners`: types here, meaning (a valid id, a known kind…) in Registry.createPartner. */
const NewPartnerBody = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  ownerOrganisation: z.string().nullish(),
  contact: z.string().nullish(),
});

/** The body of `POST /partners/:id/publish`: the URL itself is checked by Registry.publish. */
const PublishBody = z.object({ url: z.string() });

const bearer = (req: IncomingMessage) => /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1]?.trim() ?? null;

/** Reads the JSON object a request came with and checks it against `schema`. */
async function body<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  let text: string;
  try {
    // The GraphQL endpoint's reader: past the limit the rest is dropped, and a flood cut off.
    text = await readBody(req, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLarge) throw new RegistryError('PAYLOAD_TOO_LARGE', 413, 'The request body is over 64 KiB');
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new RegistryError('BAD_REQUEST', 400, 'The request body must be a JSON object');
  const checked = schema.safeParse(parsed);
  if (!checked.success) {
    const details = checked.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    throw new RegistryError('BAD_USER_INPUT', 400, `The request body is not what this operation takes: ${details.join('; ')}`, details);
  }
  return checked.data;
}

export interface AdminApiOptions {
  registry: Registry;
  /** The administrators' token. Without one, only partners' own operations are open. */
  adminToken?: string | undefined;
}

/** The admin API's routes: everything under `/-/admin/` is answered here, a path on no operation with a coded 404. */
export function adminApi(options: AdminApiOptions): Routes {
  const { registry } = options;

  async function who(c: Context<RouteEnv>): Promise<Actor | null> {
    const req = c.env.incoming;
    const token = bearer(req);
    const remote = req.socket.remoteAddress;
    if (!token) return null;
    if (options.adminToken && sameSecret(token, options.adminToken)) return { kind: 'admin', remote };
    const partner = await registry.authenticate(token);
    return partner ? { kind: 'partner', partnerId: partner.partnerId, remote } : null;
  }
  const requireAdmin = async (c: Context<RouteEnv>): Promise<Actor> => {
    const actor = await who(c);
    if (!actor) throw new RegistryError('UNAUTHENTICATED', 401, 'This operation needs the admin token (Authorization: Bearer …)');
    if (actor.kind !== 'admin') throw new RegistryError('FORBIDDEN', 403, 'Only an administrator may do this');
    return actor;
  };
  const requireSelfOrAdmin = async (c: Context<RouteEnv>, partnerId: string): Promise<Actor> => {
    const actor = await who(c);
    if (!actor) throw new RegistryError('UNAUTHENTICATED', 401, `This operation needs ${partnerId}'s token (Authorization: Bearer …)`);
    if (actor.kind === 'partner' && actor.partnerId !== partnerId)
      throw new RegistryError('FORBIDDEN', 403, `A token of ${actor.partnerId} cannot act for ${partnerId}`);
    return actor;
  };
  const answer = (c: Context<RouteEnv>, value: unknown, status: 200 | 201 = 200) => c.body(JSON.stringify(value), status, ANSWER_HEADERS);
  const fail = (c: Context<RouteEnv>, error: RegistryError) =>
    c.body(
      errorBody(error.code, error.message, error.details.length ? { details: error.details } : {}),
      error.status as ContentfulStatusCode,
      ANSWER_HEADERS,
    );

  // Paths relative to the prefix, empty segments dropped (as the API has always read them).
  const api = createRoutes()
    .get('/supergraphs', async (c) => {
      await requireAdmin(c);
      return answer(c, { supergraphs: await registry.supergraphHistory() });
    })
    .post('/supergraphs/:hash/rollback', async (c) =>
      answer(c, { live: await registry.rollback(c.req.param('hash'), await requireAdmin(c)) }),
    )
    .get('/audit', async (c) => {
      await requireAdmin(c);
      return answer(c, { audit: await registry.auditLog() });
    })
    .get('/partners', async (c) => {
      await requireAdmin(c);
      return answer(c, { partners: await registry.partners() });
    })
    .post('/partners', async (c) => {
      const admin = await requireAdmin(c);
      const input = await body(c.env.incoming, NewPartnerBody);
      const created = await registry.createPartner(
        { ...input, ownerOrganisation: input.ownerOrganisation ?? null, contact: input.contact ?? null },
        admin,
      );
      return answer(c, created, 201);
    })
    .post('/partners/:id/:action', async (c) => {
      const { id, action } = c.req.param();
      switch (action) {
        case 'publish': {
          // The body is read before the token is looked at, as it always was.
          const { url } = await body(c.env.incoming, PublishBody);
          return answer(c, await registry.publish(id, url, await requireSelfOrAdmin(c, id)));
        }
        case 'token':
          return answer(c, { token: await registry.rotateToken(id, await requireSelfOrAdmin(c, id)) });
        case 'suspend':
          await registry.suspend(id, await requireAdmin(c));
          return answer(c, { partner: await registry.partner(id) });
        case 'reinstate':
          await registry.reinstate(id, await requireAdmin(c));
          return answer(c, { partner: await registry.partner(id) });
        default:
          throw new RegistryError('NOT_FOUND', 404, `No operation "${action}" on partners`);
      }
    })
    .delete('/partners/:id', async (c) => {
      const id = c.req.param('id');
      await registry.remove(id, await requireAdmin(c));
      return answer(c, { partner: await registry.partner(id) });
    });
  api.notFound((c) =>
    fail(c, new RegistryError('NOT_FOUND', 404, `Nothing at ${c.req.method} ${requestUrl(c.env.incoming)?.pathname ?? ''}`)),
  );
  // A refusal of the registry is the caller's answer; its database failing is said, coded, with
  // whether anything changed; anything else goes up, to be logged and masked.
  api.onError((error, c) => {
    if (error instanceof RegistryError) return fail(c, error);
    if (isDatabaseFailure(error)) {
      c.header('retry-after', '1');
      return fail(
        c,
        new RegistryError(
          'REGISTRY_UNAVAILABLE',
          503,
          c.req.method === 'GET'
            ? 'The registry’s database did not answer: nothing was changed; try again'
            : 'The registry’s database failed during this change: it was made whole or not at all (one transaction); read it back before retrying',
        ),
      );
    }
    throw error;
  });

  return createRoutes().all(`${ADMIN_PREFIX}*`, (c) => {
    const url = new URL(c.req.url);
    const segments = Segments.safeParse(url.pathname.slice(ADMIN_PREFIX.length).split('/').filter(Boolean));
    if (!segments.success) return fail(c, new RegistryError('BAD_REQUEST', 400, `The path ${url.pathname} is not validly percent-encoded`));
    // The API routes the segments, still encoded (`a%2Fb` is one id); its body is read from Node's request.
    const inner = new URL(`/${segments.data.join('/')}`, url);
    return api.fetch(new Request(inner, { method: c.req.method, headers: c.req.raw.headers }), c.env);
  });
}
