/**
 * Holding operations to limits before they run: depth, aliases and directives with
 * graphql-armor's validation rules, root fields with a rule of ours, tokens while parsing
 * (graphql's own `maxTokens`). The gateway adds a cost limit (it knows the fan-out); every
 * subgraph has these too, so a client that skips the gateway meets them as well.
 * Over a limit: one error coded QUERY_TOO_COMPLEX naming the limit, its maximum and what was found.
 */
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import { codedError, type ErrorCode, type LimitName } from '@gouvgraph/schema';
import {
  type GraphQLError,
  Kind,
  visit,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** The limits checked while parsing and validating. */
export interface OperationLimits {
  depth: number;
  aliases: number;
  rootFields: number;
  directives: number;
  tokens: number;
}

// A limit's name is part of the error QUERY_TOO_COMPLEX documents: it is defined with the codes.
export type { LimitName };

/** What a subgraph allows: roomy for what the gateway plans, tight for a client that skips it. */
export const SUBGRAPH_LIMITS: OperationLimits = { depth: 24, aliases: 200, rootFields: 100, directives: 200, tokens: 20_000 };

const CODE = 'QUERY_TOO_COMPLEX' satisfies ErrorCode;

/** The error for an operation over a limit. */
export function limitError(limit: LimitName, max: number, found: number | null, detail = ''): GraphQLError {
  const what = found === null ? '' : ` (found ${found})`;
  return codedError(CODE, `The operation is over the ${limit} limit of ${max}${what}${detail}: ask for less, or split it`, {
    limit,
    max,
    ...(found === null ? {} : { found }),
    http: { status: 400 },
  });
}

/** graphql-armor reports with a message; ours carries the code and the numbers. */
function armorReporter(limit: LimitName, max: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const found = /found (\d+)/.exec(error.message)?.[1];
    context?.reportError(limitError(limit, max, found === undefined ? null : Number(found)));
  };
}

/**
 * Fields at the root, fragments spread where they are: each fragment counted once and its count
 * reused, so a fragment spread many times over many levels costs linear time (a cycle, which
 * validation reports, counts 0).
 */
function rootFieldCount(
  set: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  counted: Map<string, number>,
): number {
  let count = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) count++;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += rootFieldCount(selection.selectionSet, fragments, counted);
    else {
      const name = selection.name.value;
      let inner = counted.get(name);
      if (inner === undefined) {
        counted.set(name, 0); // while counting: a cycle back to it adds nothing
        const fragment = fragments.get(name);
        inner = fragment ? rootFieldCount(fragment.selectionSet, fragments, counted) : 0;
        counted.set(name, inner);
      }
      count += inner;
    }
  }
  return count;
}

/** At most `max` fields at the root of each operation, fragments flattened. */
function maxRootFieldsRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
      const count = rootFieldCount(operation.selectionSet, fragments, new Map());
      if (count > max) context.reportError(limitError('rootFields', max, count));
    },
  });
}

/** The validation rules for depth, aliases, directives and root fields. */
export function limitRules(limits: OperationLimits): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false };
  return [
    maxDepthRule({ ...common, n: limits.depth, onReject: [armorReporter('depth', limits.depth)] }),
    maxAliasesRule({ ...common, n: limits.aliases, onReject: [armorReporter('aliases', limits.aliases)] }),
    maxDirectivesRule({ ...common, n: limits.directives, onReject: [armorReporter('directives', limits.directives)] }),
    maxRootFieldsRule(limits.rootFields),
  ];
}

/**
 * Refuses, with a coded 400 before execution, an operation that cannot run: one the document
 * does not hold (an unknown operationName), or of a root type the schema lacks (a subscription,
 * a mutation where there is none). @apollo/gateway answers those with a 500.
 */
export function runnableOperationPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart(): Promise<GraphQLRequestListener<TContext>> {
      return {
        async didResolveOperation({ operation, request, schema, document }) {
          if (!operation) {
            throw codedError(
              'OPERATION_RESOLUTION_FAILURE',
              request.operationName
                ? `The document has no operation named "${request.operationName}"`
                : 'The document holds several operations: say which (operationName)',
              { http: { status: 400 } },
            );
          }
          const kind = operation.operation;
          const root =
            kind === 'mutation' ? schema.getMutationType() : kind === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
          if (!root || kind === 'subscription') {
            throw codedError('GRAPHQL_VALIDATION_FAILED', `This graph serves no ${kind}s`, { http: { status: 400 } });
          }
          // A variable with a default, sent as null, where @skip/@include needs true or false: the
          // query planner would stop on it with an internal error.
          const nulls = new Set(
            Object.entries(request.variables ?? {})
              .filter(([, v]) => v === null)
              .map(([k]) => k),
          );
          if (nulls.size) {
            visit(document, {
              Directive(node) {
                if (node.name.value !== 'skip' && node.name.value !== 'include') return;
                const value = node.arguments?.find((a) => a.name.value === 'if')?.value;
                if (value?.kind === Kind.VARIABLE && nulls.has(value.name.value)) {
                  throw codedError(
                    'BAD_USER_INPUT',
                    `Variable "$${value.name.value}" is null, but @${node.name.value}(if:) must be true or false`,
                    {
                      http: { status: 400 },
                    },
                  );
                }
              },
            });
          }
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
