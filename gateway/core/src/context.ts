import type { Caller } from './identity/caller.js';
import { ANONYMOUS } from './identity/caller.js';
import { PartnerCallCounter } from './upstream/calls.js';
import type { CacheTicketCarrier } from './response-cache.js';

/** What the gateway keeps per request. */
export interface GatewayContext {
  /** The partner calls this request made (read by the partner-calls extension). */
  partnerCalls: PartnerCallCounter;
  /** Who is calling (authenticated before the request reached GraphQL). */
  caller: Caller;
  /** The partner whose valid token the request carries, or null. */
  partnerId: string | null;
  /**
   * The caller's identity signed for one write: to the partner it goes to, with its body. Absent
   * when the gateway has no identity key.
   */
  signFor: ((audience: string, body: string) => string) | undefined;
  /** The request's id (`x-request-id`), passed on to partners and subgraphs for their logs. */
  requestId?: string | undefined;
  /** What the response cache needs to know of this request's operations (response-cache.ts). */
  cacheTicket?: CacheTicketCarrier['cacheTicket'];
  /**
   * Where the data sources note the upstreams this request read (caching/freshness.ts), when
   * something keeps its answer: the response cache's ticket, or the kept results (caching/kept-results.ts).
   */
  reads?: Set<string> | undefined;
}

export function createGatewayContext(caller: Caller = ANONYMOUS, signFor?: (audience: string, body: string) => string): GatewayContext {
  return {
    partnerCalls: new PartnerCallCounter(),
    caller,
    partnerId: caller.kind === 'partner' ? (caller.partner ?? null) : null,
    signFor,
  };
}
