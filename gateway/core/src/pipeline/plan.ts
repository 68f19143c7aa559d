/**
 * Stage 6, planning: @apollo/gateway's query planner over one variant of the live supergraph
 * (the full one, or the public one without agent-only fields: authorization/variant.ts). A new
 * live supergraph (a deployment or a rollback on any replica) is swapped in without a restart.
 */
import { ApolloGateway } from '@apollo/gateway';
import type { LiveGraph } from '../live-graph.js';
import type { Stage } from './stage.js';

/** `variantOf`: the supergraph this planner plans over, from the live one. */
export function planStage(live: LiveGraph, variantOf: (sdl: string) => string): Stage {
  return {
    name: 'plan',
    planner: (services) =>
      new ApolloGateway({
        supergraphSdl: async ({ update }) => {
          const unsubscribe = live.onSupergraph((sdl) => update(variantOf(sdl)));
          return { supergraphSdl: variantOf(live.supergraphSdl), cleanup: async () => unsubscribe() };
        },
        buildService: services,
      }),
  };
}
