/**
 * The cost limit, the gateway's own (cost.ts: it knows how far each field fans out): checked
 * once the variables are known, just before execution, so no subgraph is called for an
 * operation over it.
 */
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { limitError } from '@gouvgraph/http';
import { Kind, type FragmentDefinitionNode } from 'graphql';
import { withVariableDefaults, type Variables } from '../partitioned/document.js';
import { operationCost, type CostModel } from './cost.js';

/** Refuses an operation whose estimated cost is over the limit, before it runs. */
export function costLimitPlugin<TContext extends object>(max: number, model: () => CostModel | null): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart(): Promise<GraphQLRequestListener<TContext>> {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          const costModel = model();
          if (!costModel || !operation) return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
          // The variables as the executor will see them: declared defaults included.
          const variables = withVariableDefaults(operation, (request.variables ?? {}) as Variables);
          const cost = operationCost(schema, operation, fragments, variables, costModel, max);
          if (cost > max) throw limitError('cost', max, Number.isFinite(cost) ? Math.ceil(cost) : null);
        },
      };
    },
  };
}
