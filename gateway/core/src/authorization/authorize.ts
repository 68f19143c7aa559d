/**
 * Enforcing the supergraph's `@authenticated` / `@requiresScopes` around @apollo/gateway, which
 * plans and runs operations without looking at them. Before planning, the fields the caller
 * may not read are taken out of the operation (so no subgraph is asked for them, and a refused
 * mutation field does not run); after, each comes back `null` with an UNAUTHENTICATED (no
 * identity) or FORBIDDEN (not enough scope) error at its path, and the rest of the answer as
 * usual.
 */
import type { ApolloGateway } from '@apollo/gateway';
import type { ErrorCode } from '@gouvgraph/schema';
import { getNamedType, GraphQLError, Kind, print, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { createHash } from 'node:crypto';
import type { GatewayContext } from '../context.js';
import { ANONYMOUS } from '../identity/caller.js';
import { isIncluded, withVariableDefaults, type Variables } from '../partitioned/document.js';
import { pruneOperation, type Removal } from '../pruning.js';
import { describe, isEmpty, satisfies, type Policies, type Requirement } from './policies.js';

type Loaded = Awaited<ReturnType<ApolloGateway['load']>>;
type Executor = Loaded['executor'];
type RequestContext = Parameters<Executor>[0];
type SchemaCallback = Parameters<ApolloGateway['onSchemaLoadOrUpdate']>[0];

/** Both requirements, when a field and the type it returns each have one. */
function merged(a: Requirement | undefined, b: Requirement | undefined): Requirement | undefined {
  if (!a || !b) return a ?? b;
  return {
    authenticated: a.authenticated || b.authenticated,
    scopes: a.scopes && b.scopes ? a.scopes.flatMap((x) => b.scopes?.map((y) => [...x, ...y]) ?? []) : (a.scopes ?? b.scopes),
  };
}

/** A gateway that enforces the supergraph's authorisation directives; otherwise the same gateway. */
export class AuthorizingGateway {
  private schema: GraphQLSchema | null = null;

  /** `policies`: read from the supergraph before its security features were taken out for @apollo/gateway. */
  constructor(
    private readonly inner: Pick<ApolloGateway, 'load' | 'onSchemaLoadOrUpdate' | 'stop'>,
    private readonly policiesNow: () => Policies,
  ) {
    inner.onSchemaLoadOrUpdate(({ apiSchema }) => {
      this.schema = apiSchema;
    });
  }

  private get policies(): Policies {
    return this.policiesNow();
  }

  async load(options: Parameters<ApolloGateway['load']>[0]): Promise<Loaded> {
    const loaded = await this.inner.load(options);
    return { ...loaded, executor: (requestContext) => this.execute(requestContext, loaded.executor) };
  }

  onSchemaLoadOrUpdate(callback: SchemaCallback): ReturnType<ApolloGateway['onSchemaLoadOrUpdate']> {
    return this.inner.onSchemaLoadOrUpdate(callback);
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }

  private requirement(parent: string, field: string, returns: string): Requirement | undefined {
    return merged(this.policies.fields.get(`${parent}.${field}`), this.policies.types.get(returns));
  }

  private async execute(requestContext: RequestContext, executor: Executor): ReturnType<Executor> {
    const schema = this.schema;
    if (isEmpty(this.policies)) return executor(requestContext);
    // Fail closed: policies without the schema to apply them to must not mean no policy.
    if (!schema) throw new Error('authorisation policies are loaded but not the schema');
    const context = requestContext.context as Partial<GatewayContext>;
    const caller = context.caller ?? ANONYMOUS;
    // What the executor will see: a variable left out takes the default the operation declares.
    const variables = withVariableDefaults(requestContext.operation, (requestContext.request.variables ?? {}) as Variables);
    const refused = new Map<Removal, Requirement>();
    const pruned = pruneOperation(requestContext.document, schema, requestContext.operation.name?.value ?? null, {
      remove: (node, parent, definition) => {
        if (!isIncluded(node, variables)) return false; // skipped anyway: nothing to refuse
        const requirement = this.requirement(parent.name, definition.name, getNamedType(definition.type).name);
        return requirement !== undefined && !satisfies(caller, requirement);
      },
    });
    if (!pruned) return executor(requestContext);
    for (const removal of pruned.removed) {
      refused.set(
        removal,
        this.requirement(removal.parent.name, removal.definition.name, getNamedType(removal.definition.type).name) as Requirement,
      );
    }
    const operation = pruned.document.definitions.find(
      (d): d is OperationDefinitionNode =>
        d.kind === Kind.OPERATION_DEFINITION && (d.name?.value ?? null) === (requestContext.operation.name?.value ?? null),
    ) as OperationDefinitionNode;
    // The planner caches plans by query hash: the pruned operation is another query.
    const queryHash = createHash('sha256').update(print(pruned.document)).digest('hex');
    const result = await executor({ ...requestContext, document: pruned.document, operation, queryHash } as RequestContext);
    const filled = result.data ? pruned.fill(result.data) : { data: result.data ?? null, paths: new Map<Removal, (string | number)[]>() };
    const code: ErrorCode = caller.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
    const errors = [...refused].map(
      ([removal, requirement]) =>
        new GraphQLError(`Not allowed to read ${removal.parent.name}.${removal.definition.name}: ${describe(requirement)}`, {
          ...(filled.paths.get(removal) ? { path: filled.paths.get(removal) } : {}),
          extensions: { code, field: `${removal.parent.name}.${removal.definition.name}` },
        }),
    );
    return { ...result, data: filled.data, errors: [...(result.errors ?? []), ...errors] };
  }
}
