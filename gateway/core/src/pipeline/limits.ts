/**
 * Stage 2, limits: what may run at all. At the door, the body's size and the batch's length;
 * while parsing, the number of tokens; while validating, depth, aliases, root fields and
 * directives (limits/limits.ts); once the variables are known, the operation's cost — which
 * knows how many partners each field fans out to — and that the operation can run here at all.
 * Nothing is sent to a partner for an operation over a limit.
 */
import { codeLimitErrors, limitRules, runnableOperationPlugin } from '@gouvgraph/http';
import { DEFAULT_PAGE_SIZE } from '@gouvgraph/schema';
import type { GraphQLSchema } from 'graphql';
import { costLimitPlugin } from '../limits/cost-limit.js';
import type { CostModel } from '../limits/cost.js';
import type { QueryLimits } from '../limits/limits.js';
import type { LiveGraph } from '../live-graph.js';
import { quota } from '../partitioned/paging.js';
import { isSharedEntity, queryFieldFanOut } from '../partitioned/route.js';
import type { Stage } from './stage.js';

export interface LimitsParts {
  limits: QueryLimits;
  /** Largest request body in bytes. Default (the HTTP layer's) 1 MiB. */
  maxBodyBytes: number | undefined;
  /** The contract, to know which root fields fan out to partners; null: no partners behind this gateway. */
  contract: GraphQLSchema | null;
  live: LiveGraph;
}

/** The cost estimate's view of the graph: which root fields fan out to partners, and to how many. */
function costModelOf(contract: GraphQLSchema | null, live: LiveGraph): CostModel {
  const queries = new Set(Object.keys(contract?.getQueryType()?.getFields() ?? {}));
  const mutations = new Set(Object.keys(contract?.getMutationType()?.getFields() ?? {}));
  return {
    fanOut: (field, variables) => {
      if (!contract) return { partners: 0 };
      if (mutations.has(field.name.value)) return { partners: 1 };
      return queries.has(field.name.value) ? queryFieldFanOut(field, variables, live.partners.length) : { partners: 0 };
    },
    share: quota,
    sharedTypes: new Set(contract ? ['Organisation'].filter(isSharedEntity) : []),
    partners: () => live.partners.length,
    defaultPageSize: DEFAULT_PAGE_SIZE,
  };
}

export function limitsStage(parts: LimitsParts): Stage {
  const { limits } = parts;
  const costModel = costModelOf(parts.contract, parts.live);
  return {
    name: 'limits',
    ...(parts.maxBodyBytes ? { maxBodyBytes: parts.maxBodyBytes } : {}),
    maxBatch: limits.batch,
    maxTokens: limits.tokens,
    validationRules: limitRules(limits),
    plugins: [runnableOperationPlugin(), costLimitPlugin(limits.cost, () => costModel)],
    // graphql-js says "too many tokens" as a syntax error: coded as the limit it is.
    formatError: (formatted) => codeLimitErrors(formatted, limits.tokens),
  };
}
