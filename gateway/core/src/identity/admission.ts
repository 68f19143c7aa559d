/**
 * The door of the GraphQL endpoint, before Apollo Server sees a request: who is calling (a bad
 * token is refused with 401; a partner token the registry's database cannot check now, 503), and
 * whether the caller is over its rate (429). The caller is
 * worked out once; the GraphQL context reads the same answer.
 */
import { requestUrl, sendError } from '@gouvgraph/http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientAddress, refusedByRate, refuseOverRate, type RateLimiter } from '../rate-limit.js';
import { AuthenticationError, TokenCheckUnavailable, type Caller, type CallerResolver } from './caller.js';

export interface AdmissionOptions {
  path: string;
  resolver: CallerResolver;
  limiter: RateLimiter | null;
  trustProxy?: boolean | undefined;
}

/** The rate-limit key of a caller: a partner or an agent by identity, anyone else by address. */
function rateKey(caller: Caller | AuthenticationError, address: string): string {
  if (caller instanceof AuthenticationError || caller.kind === 'anonymous') return `ip:${address}`;
  return caller.kind === 'partner' ? `partner:${caller.partner ?? ''}` : `agent:${caller.subject ?? ''}`;
}

export function admissionHandler(options: AdmissionOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (requestUrl(req)?.pathname !== options.path || req.method === 'OPTIONS') return false;
    const address = clientAddress(req, options.trustProxy);
    const limited = (wait: number) => {
      refuseOverRate(res, wait);
      req.resume();
      return true;
    };
    // An address out of requests is stopped before its token is checked: checking costs a
    // database lookup or a signature, and made-up tokens must not buy any. (Without a token the
    // address is the caller, counted below: no second look at the counter.)
    const waitFirst = options.limiter && req.headers.authorization && (await options.limiter.waitFor(`ip:${address}`));
    if (waitFirst) return limited(waitFirst);
    let caller: Caller | AuthenticationError;
    try {
      caller = await options.resolver.resolve(req);
    } catch (error) {
      if (error instanceof TokenCheckUnavailable) {
        // Not the caller's fault, nor a bug: the registry is away; say when to come back (the
        // handler logs and counts the refusal like any other at the door).
        res.setHeader('retry-after', '5');
        sendError(res, 503, 'REGISTRY_UNAVAILABLE', `${error.message}: try again in a few seconds`);
        req.resume();
        return true;
      }
      if (!(error instanceof AuthenticationError)) throw error;
      caller = error;
    }
    if (options.limiter && (await refusedByRate(options.limiter, rateKey(caller, address), res))) {
      req.resume();
      return true;
    }
    if (caller instanceof AuthenticationError) {
      res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
      sendError(res, 401, 'UNAUTHENTICATED', caller.message);
      req.resume();
      return true;
    }
    return false;
  };
}
