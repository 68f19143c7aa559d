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
import { BodyTooLarge, readBody } from '@gouvgraph/http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Registry, RegistryError, sameSecret, type Actor } from './registry.js';

export const ADMIN_PREFIX = '/-/admin/';

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendFailure(res: ServerResponse, error: RegistryError): void {
  send(res, error.status, { errors: [{ message: error.message, extensions: { code: error.code, ...(error.details.length ? { details: error.details } : {}) } }] });
}

const bearer = (req: IncomingMessage) => /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1]?.trim() ?? null;

export interface AdminApiOptions {
  registry: Registry;
  /** The administrators' token. Without one, only partners' own operations are open. */
  adminToken?: string | undefined;
}

/** A request handler for the admin API: answers (true) requests under `/-/admin/`. */
export function adminApi(options: AdminApiOptions): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const { registry } = options;

  async function who(req: IncomingMessage): Promise<Actor | null> {
    const token = bearer(req);
    const remote = req.socket.remoteAddress;
    if (!token) return null;
    if (options.adminToken && sameSecret(token, options.adminToken)) return { kind: 'admin', remote };
    const partner = await registry.authenticate(token);
    return partner ? { kind: 'partner', partnerId: partner.partnerId, remote } : null;
  }

  const requireAdmin = (actor: Actor | null): Actor => {
    if (!actor) throw new RegistryError('UNAUTHENTICATED', 401, 'This operation needs the admin token (Authorization: Bearer …)');
    if (actor.kind !== 'admin') throw new RegistryError('FORBIDDEN', 403, 'Only an administrator may do this');
    return actor;
  };
  const requireSelfOrAdmin = (actor: Actor | null, partnerId: string): Actor => {
    if (!actor) throw new RegistryError('UNAUTHENTICATED', 401, `This operation needs ${partnerId}'s token (Authorization: Bearer …)`);
    if (actor.kind === 'partner' && actor.partnerId !== partnerId) throw new RegistryError('FORBIDDEN', 403, `A token of ${actor.partnerId} cannot act for ${partnerId}`);
    return actor;
  };

  async function json(req: IncomingMessage): Promise<Record<string, unknown>> {
    let text: string;
    try {
      text = await readBody(req, 64 * 1024);
    } catch (error) {
      if (error instanceof BodyTooLarge) throw new RegistryError('PAYLOAD_TOO_LARGE', 413, 'The request body is over 64 KiB');
      throw error;
    }
    try {
      const body: unknown = text ? JSON.parse(text) : {};
      if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
    } catch {
      // fall through
    }
    throw new RegistryError('BAD_REQUEST', 400, 'The request body must be a JSON object');
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(ADMIN_PREFIX)) return false;
    const parts = url.pathname.slice(ADMIN_PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    try {
      const actor = await who(req);
      if (parts[0] === 'supergraphs' && parts.length === 1 && method === 'GET') {
        requireAdmin(actor);
        send(res, 200, { supergraphs: await registry.supergraphHistory() });
      } else if (parts[0] === 'supergraphs' && parts.length === 3 && parts[2] === 'rollback' && method === 'POST') {
        send(res, 200, { live: await registry.rollback(parts[1] ?? '', requireAdmin(actor)) });
      } else if (parts[0] === 'audit' && parts.length === 1 && method === 'GET') {
        requireAdmin(actor);
        send(res, 200, { audit: await registry.auditLog() });
      } else if (parts[0] === 'partners' && parts.length === 1 && method === 'GET') {
        requireAdmin(actor);
        send(res, 200, { partners: await registry.partners() });
      } else if (parts[0] === 'partners' && parts.length === 1 && method === 'POST') {
        const admin = requireAdmin(actor);
        const body = await json(req);
        const created = await registry.createPartner(
          { id: str(body.id) ?? '', name: str(body.name) ?? '', kind: str(body.kind) ?? '', ownerOrganisation: str(body.ownerOrganisation) ?? null, contact: str(body.contact) ?? null },
          admin,
        );
        send(res, 201, created);
      } else if (parts[0] === 'partners' && parts.length === 3 && method === 'POST') {
        const [, id = '', action] = parts;
        switch (action) {
          case 'publish': {
            const body = await json(req);
            send(res, 200, await registry.publish(id, str(body.url) ?? '', requireSelfOrAdmin(actor, id)));
            break;
          }
          case 'token':
            send(res, 200, { token: await registry.rotateToken(id, requireSelfOrAdmin(actor, id)) });
            break;
          case 'suspend':
            await registry.suspend(id, requireAdmin(actor));
            send(res, 200, { partner: await registry.partner(id) });
            break;
          case 'reinstate':
            await registry.reinstate(id, requireAdmin(actor));
            send(res, 200, { partner: await registry.partner(id) });
            break;
          default:
            throw new RegistryError('NOT_FOUND', 404, `No operation "${action}" on partners`);
        }
      } else if (parts[0] === 'partners' && parts.length === 2 && method === 'DELETE') {
        await registry.remove(parts[1] ?? '', requireAdmin(actor));
        send(res, 200, { partner: await registry.partner(parts[1] ?? '') });
      } else {
        throw new RegistryError('NOT_FOUND', 404, `Nothing at ${method} ${url.pathname}`);
      }
    } catch (error) {
      if (error instanceof RegistryError) sendFailure(res, error);
      else {
        console.error('admin API failure', error);
        send(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      }
    }
    return true;
  };
}
