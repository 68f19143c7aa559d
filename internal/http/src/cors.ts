/**
 * CORS, written once for every route of a GouvGraph server: the GraphQL endpoint calls it from its
 * hand-written handler, the other routes through `useCors` (routes.ts). It sets the headers on
 * Node's response itself, so they reach answers written directly to the socket (the open data's
 * streamed exports) as well as the ones Hono writes (which merges them, as `writeHead` does).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Who may read a set of routes from a browser, and how. */
export interface CorsPolicy {
  /** Origins whose pages may read the answers, e.g. `https://tableau-de-bord.beta.gouv.fr`; `*` for any. Empty: same origin only. */
  readonly origins: readonly string[];
  /** What a preflight allows, e.g. `GET, POST`. */
  readonly methods: string;
  /** Request headers a preflight allows. Default: none beyond the CORS-safelisted ones. */
  readonly allowHeaders?: string;
  /** Response headers the page's scripts may read. Default: the safelisted ones. */
  readonly exposeHeaders?: string;
}

/** How long a browser may keep a preflight's answer, in seconds. */
const PREFLIGHT_MAX_AGE = '600';

/**
 * Puts the CORS headers of `policy` on the answer; answers a preflight itself (true: answered).
 * Open to any origin, every answer says `*` (no need to look at the Origin); otherwise an allowed
 * Origin is echoed, with `vary: origin` for shared caches. A preflight from an origin not allowed
 * gets a 204 without the headers, which the browser reads as a refusal.
 */
export function answerCors(req: IncomingMessage, res: ServerResponse, policy: CorsPolicy): boolean {
  const origin = req.headers.origin;
  const anyOrigin = policy.origins.includes('*');
  const allowed = anyOrigin || (origin !== undefined && policy.origins.includes(origin));
  if (allowed) {
    res.setHeader('access-control-allow-origin', anyOrigin ? '*' : (origin as string));
    if (!anyOrigin) res.setHeader('vary', 'origin');
    if (policy.exposeHeaders) res.setHeader('access-control-expose-headers', policy.exposeHeaders);
  }
  if (req.method !== 'OPTIONS') return false;
  if (allowed) {
    res.setHeader('access-control-allow-methods', policy.methods);
    if (policy.allowHeaders) res.setHeader('access-control-allow-headers', policy.allowHeaders);
    res.setHeader('access-control-max-age', PREFLIGHT_MAX_AGE);
  }
  res.writeHead(204);
  res.end();
  return true;
}
