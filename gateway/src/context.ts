import { PartnerCallCounter } from './partner-client.js';

/** What the gateway keeps per request. */
export interface GatewayContext {
  /** The partner calls this request made (read by the partner-calls extension). */
  partnerCalls: PartnerCallCounter;
}

export function createGatewayContext(): GatewayContext {
  return { partnerCalls: new PartnerCallCounter() };
}
