/**
 * Stage 5, authorisation: the live supergraph's `@authenticated` and `@requiresScopes`, enforced
 * around the planner (authorization/authorize.ts): the fields the caller may not read are taken
 * out before planning, and come back null with a coded error at their path.
 */
import { AuthorizingGateway } from '../authorization/authorize.js';
import type { LiveGraph } from '../live-graph.js';
import type { Stage } from './stage.js';

export function authorisationStage(live: LiveGraph): Stage {
  return { name: 'authorisation', around: (planner) => new AuthorizingGateway(planner, () => live.policies) };
}
