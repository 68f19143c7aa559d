import { PartnerCallCounter } from './partner-client.js';

/** What the gateway keeps per request. */
export interface GatewayContext {
  /** The partner calls this request made (read by the partner-calls extension). */
  partnerCalls: PartnerCallCounter;
  /** The partner whose valid token the request carries, or null. */
  partnerId: string | null;
}

export function createGatewayContext(partnerId: string | null = null): GatewayContext {
  return { partnerCalls: new PartnerCallCounter(), partnerId };
}
