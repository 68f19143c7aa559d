/**
 * Tells a client how many partner calls its request made, in `extensions.gouvgraph`:
 *
 *   { "partnerCalls": { "mtes": 1, "anct": 1 }, "totalPartnerCalls": 2 }
 *
 * `on-header` (the default) answers requests that send `gouvgraph-debug: partner-calls`;
 * `always` answers every request; `never` turns it off. Partner ids and counts are public
 * information; the extension says nothing about the data itself.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.js';

export type PartnerCallsExposure = 'never' | 'on-header' | 'always';

const DEBUG_HEADER = 'gouvgraph-debug';

export function usePartnerCallsExtension(exposure: PartnerCallsExposure = 'on-header'): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request }) {
      if (exposure === 'never') return;
      if (exposure === 'on-header' && !request.http?.headers.get(DEBUG_HEADER)?.includes('partner-calls')) return;
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = {
            ...result.extensions,
            gouvgraph: { partnerCalls: contextValue.partnerCalls.snapshot(), totalPartnerCalls: contextValue.partnerCalls.total() },
          };
        },
      };
    },
  };
}
