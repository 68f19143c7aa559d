/**
 * Holding operations to their limits (limits.ts) before any subgraph is called: depth, aliases
 * and directives with graphql-armor's validation rules, root fields with a rule of ours, tokens
 * while parsing (graphql's own `maxTokens`), and the cost (cost.ts) once the variables are
 * known, just before execution.
 */
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ErrorCode } from '@gouvgraph/schema';
import {
  GraphQLError,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { flattenFields, type Variables } from '../partitioned/document.js';
import { operationCost, type CostModel } from './cost.js';
import type { LimitName, QueryLimits } from './limits.js';

const CODE: ErrorCode = 'QUERY_TOO_COMPLEX';

/** The error for an operation over a limit. */
export function limitError(limit: LimitName, max: number, found: number | null, detail = ''): GraphQLError {
  const what = found === null ? '' : ` (found ${found})`;
  return new GraphQLError(`The operation is over the ${limit} limit of ${max}${what}${detail}: ask for less, or split it`, {
    extensions: { code: CODE, limit, max, ...(found === null ? {} : { found }), http: { status: 400 } },
  });
}

/** graphql-armor reports with a message; ours carries the code and the numbers. */
function armorReporter(limit: LimitName, max: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const found = /found (\d+)/.exec(error.message)?.[1];
    context?.reportError(limitError(limit, max, found === undefined ? null : Number(found)));
  };
}

/** At most `max` fields at the root of each operation, fragments flattened. */
function maxRootFieldsRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
      const count = flattenFields(operation.selectionSet, fragments).length;
      if (count > max) context.reportError(limitError('rootFields', max, count));
    },
  });
}

/** The validation rules for depth, aliases, directives and root fields. */
export function limitRules(limits: QueryLimits): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false };
  return [
    maxDepthRule({ ...common, n: limits.depth, onReject: [armorReporter('depth', limits.depth)] }),
    maxAliasesRule({ ...common, n: limits.aliases, onReject: [armorReporter('aliases', limits.aliases)] }),
    maxDirectivesRule({ ...common, n: limits.directives, onReject: [armorReporter('directives', limits.directives)] }),
    maxRootFieldsRule(limits.rootFields),
  ];
}

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
          const cost = operationCost(schema, operation, fragments, (request.variables ?? {}) as Variables, costModel, max);
          if (cost > max) throw limitError('cost', max, Number.isFinite(cost) ? Math.ceil(cost) : null);
        },
      };
    },
  };
}

const TOKENS = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

/**
 * Gives limit errors their code: Apollo Server codes every validation error
 * GRAPHQL_VALIDATION_FAILED, and the token limit is a parse error.
 */
export function codeLimitErrors(formatted: GraphQLFormattedError, tokens: number): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  if (typeof extensions.limit === 'string' && extensions.code === 'GRAPHQL_VALIDATION_FAILED') {
    return { ...formatted, extensions: { ...extensions, code: CODE } };
  }
  if (extensions.code === 'GRAPHQL_PARSE_FAILED' && TOKENS.test(formatted.message)) {
    const error = limitError('tokens', tokens, null);
    return { message: error.message, extensions: { code: CODE, limit: 'tokens', max: tokens } };
  }
  return formatted;
}
