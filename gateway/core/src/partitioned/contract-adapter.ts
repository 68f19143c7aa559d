/**
 * Partners on an older contract version. The gateway plans against the current contract; a
 * partner still on an older one would refuse any operation naming what its version lacks.
 * So, for such a partner, each operation is rewritten (once, then cached): the output fields
 * its version lacks are taken out — a new version only adds nullable ones — and put back as
 * null in its answer, so merging sees the same shape from every partner. What cannot be taken
 * out without changing the meaning of the request (an argument, an input field or an enum
 * value its version lacks, in the query or its variables) makes it a request this partner
 * cannot answer, said with PARTNER_CONTRACT_OUTDATED: a filter is not silently dropped, a
 * write not half applied.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { CONTRACT_VERSION, CONTRACT_VERSIONS } from '@gouvgraph/schema';
import {
  getNamedType,
  getVariableValues,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  print,
  typeFromAST,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';
import { pruneOperation } from '../pruning.js';
import { variablesFor, type Variables } from './document.js';

/** An operation rewritten for one version, with what its answers need put back. */
interface AdaptedOperation {
  query: string;
  document: DocumentNode;
  /** Output fields taken out, as coordinates (`Startup.statsUrl`), for messages and tests. */
  removed: readonly string[];
  /** Puts back as null what was taken out, in place. `entityTypes`: the representations' types, for `_entities`. */
  fill(data: Record<string, unknown>, entityTypes?: readonly string[]): void;
}

export type Adaptation =
  | { ok: true; operation: AdaptedOperation | null; variables: Variables | undefined }
  | { ok: false; problems: string[] };

type Rewrite =
  | { ok: true; operation: AdaptedOperation | null; variableDefinitions: readonly VariableDefinitionNode[] }
  | { ok: false; problems: string[] };

export interface ContractAdapterOptions {
  /** Rewritten operations kept, per version (least recently used dropped first). Default 500. */
  cacheSize?: number;
}

export class ContractAdapter {
  private readonly schemas = new Map<string, GraphQLSchema>();
  private readonly current: GraphQLSchema;
  private readonly cache = new Map<string, Rewrite>();
  private readonly cacheSize: number;

  constructor(options: ContractAdapterOptions = {}) {
    // Each version as its partners serve it: the contract plus what federation adds (_entities…).
    for (const version of CONTRACT_VERSIONS) this.schemas.set(version.version, buildSubgraphSchema(version.typeDefs));
    this.current = this.schemas.get(CONTRACT_VERSION) as GraphQLSchema;
    this.cacheSize = options.cacheSize ?? 500;
  }

  /** Whether a partner on `version` needs its operations rewritten. */
  needsAdapting(version: string | undefined): version is string {
    return version !== undefined && version !== CONTRACT_VERSION;
  }

  /**
   * The operation a partner on `version` can answer, with its variables; `operation: null`
   * when it can take the query as it is.
   */
  adapt(query: string, version: string, variables: Variables | undefined): Adaptation {
    const schema = this.schemas.get(version);
    if (!schema) return { ok: false, problems: [`the gateway does not know contract version ${version}`] };
    const rewrite = this.rewrite(query, version, schema);
    if (!rewrite.ok) return rewrite;
    let kept = rewrite.operation ? variablesFor(rewrite.operation.document, variables) : variables;
    // Values are checked per request. An input field the version lacks, sent as null, says
    // nothing it could not honour: it goes. Any other value of it, or an enum value it lacks, cannot.
    if (kept) kept = withoutNullsUnknownTo(kept, rewrite.variableDefinitions, this.current, schema);
    const coerced = getVariableValues(schema, rewrite.variableDefinitions, kept ?? {});
    if (coerced.errors) return { ok: false, problems: coerced.errors.map((e) => e.message) };
    if (kept !== variables && !rewrite.operation) {
      // The query is unchanged but its variables are not: send it as a rewrite of itself.
      const document = parse(query);
      return { ok: true, operation: { query, document, removed: [], fill: () => {} }, variables: kept };
    }
    return { ok: true, operation: rewrite.operation, variables: kept };
  }

  private rewrite(query: string, version: string, schema: GraphQLSchema): Rewrite {
    const key = `${version}\u0000${query}`;
    const cached = this.cache.get(key);
    if (cached) {
      // Least recently used goes first: move this one to the end.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const rewrite = rewriteFor(parse(query), this.current, schema);
    this.cache.set(key, rewrite);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    return rewrite;
  }
}

function rewriteFor(document: DocumentNode, current: GraphQLSchema, version: GraphQLSchema): Rewrite {
  const problems: string[] = [];
  const operationOf = (d: DocumentNode) => d.definitions.find((x): x is OperationDefinitionNode => x.kind === Kind.OPERATION_DEFINITION);
  const roots = new Set([current.getQueryType(), current.getMutationType()]);
  const pruned = pruneOperation(document, current, null, {
    remove: (node, parent, definition) => {
      const versionParent = version.getType(parent.name);
      if (isObjectType(versionParent) && versionParent.getFields()[node.name.value]) return false;
      // Only a nullable field can be put back as null; a root field the version lacks cannot be asked at all.
      if (isNonNullType(definition.type) || roots.has(parent as GraphQLObjectType)) {
        problems.push(`${parent.name}.${node.name.value} is not in its version`);
        return false;
      }
      return true;
    },
    // A fragment on a type the version does not have: no object of it can come from this partner.
    dropType: (name) => !version.getType(name),
  });
  if (problems.length) return { ok: false, problems };
  const withoutNulls = withoutNullLiteralsUnknownTo(pruned?.document ?? document, current, version);
  if (!pruned && withoutNulls.unchanged) {
    // Nothing to take out; the version must still accept the arguments and literals used.
    const errors = validate(version, document);
    return errors.length
      ? { ok: false, problems: errors.map((e) => e.message) }
      : { ok: true, operation: null, variableDefinitions: operationOf(document)?.variableDefinitions ?? [] };
  }
  const adapted = withoutNulls.document;
  const errors = validate(version, adapted);
  if (errors.length) return { ok: false, problems: errors.map((e) => e.message) };
  return {
    ok: true,
    variableDefinitions: operationOf(adapted)?.variableDefinitions ?? [],
    operation: {
      query: print(adapted),
      document: adapted,
      removed: [...new Set((pruned?.removed ?? []).map((r) => `${r.parent.name}.${r.node.name.value}`))],
      fill: (data, entityTypes) => void pruned?.fill(data, entityTypes),
    },
  };
}

/** Literal `null`s for arguments or input fields the version lacks: asking nothing, they can go. */
function withoutNullLiteralsUnknownTo(
  document: DocumentNode,
  current: GraphQLSchema,
  version: GraphQLSchema,
): { document: DocumentNode; unchanged: boolean } {
  const typeInfo = new TypeInfo(current);
  let unchanged = true;
  const edited = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (node.value.kind !== Kind.NULL || !field || !parent) return undefined;
        const versionParent = version.getType(parent.name);
        const known = isObjectType(versionParent) && versionParent.getFields()[field.name]?.args.some((a) => a.name === node.name.value);
        if (known) return undefined;
        unchanged = false;
        return null;
      },
      ObjectField(node) {
        const parent = typeInfo.getParentInputType();
        const type = parent ? getNamedType(parent) : undefined;
        if (node.value.kind !== Kind.NULL || !isInputObjectType(type)) return undefined;
        const versionType = version.getType(type.name);
        if (isInputObjectType(versionType) && versionType.getFields()[node.name.value]) return undefined;
        unchanged = false;
        return null;
      },
    }),
  );
  return { document: edited, unchanged };
}

/** Variable values without the input fields the version lacks that are null (or absent). */
function withoutNullsUnknownTo(
  variables: Variables,
  definitions: readonly VariableDefinitionNode[],
  current: GraphQLSchema,
  version: GraphQLSchema,
): Variables {
  const prune = (value: unknown, type: GraphQLInputType | undefined): unknown => {
    const nullable = type && isNonNullType(type) ? type.ofType : type;
    if (Array.isArray(value) && nullable && isListType(nullable)) {
      const items = value.map((item) => prune(item, nullable.ofType));
      return items.every((item, i) => item === value[i]) ? value : items;
    }
    if (!isObj(value) || !nullable || !isInputObjectType(nullable)) return value;
    const versionType = version.getType(nullable.name);
    const fields = nullable.getFields();
    let out: Obj | null = null;
    for (const [key, item] of Object.entries(value)) {
      const known = isInputObjectType(versionType) && versionType.getFields()[key] !== undefined;
      const next = !known && item === null ? undefined : prune(item, fields[key]?.type);
      if (next === item) continue;
      out ??= { ...value };
      if (next === undefined) delete out[key];
      else out[key] = next;
    }
    return out ?? value;
  };
  let out: Variables | null = null;
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    if (!(name in variables)) continue;
    const type = typeFromAST(current, definition.type) as GraphQLInputType | undefined;
    const next = prune(variables[name], type);
    if (next !== variables[name]) (out ??= { ...variables })[name] = next;
  }
  return out ?? variables;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
