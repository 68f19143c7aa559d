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
  typeFromAST,
  TypeInfo,
  visitWithTypeInfo,
  type DefinitionNode,
  type GraphQLInputType,
  type VariableDefinitionNode,
  Kind,
  parse,
  print,
  validate,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { responseKey, variablesFor, type Variables } from './document.js';

/** What to put back in an answer, per selection set: keys to fill with null, and where to go down. */
type Plan = readonly Step[];
type Step =
  | { kind: 'null'; key: string; on: string | null }
  | { kind: 'nested'; key: string; plan: Plan; on: string | null }
  | { kind: 'spread'; fragment: string; on: string | null }
  /** A `__typename` under a reserved alias, standing in for a selection set left empty. */
  | { kind: 'placeholder'; key: string };

const PLACEHOLDER = 'gouvgraphPlaceholder';

/** An operation rewritten for one version, with what its answers need put back. */
export interface AdaptedOperation {
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
  const removed: string[] = [];

  const stripSet = (set: SelectionSetNode, parent: GraphQLCompositeType): { set: SelectionSetNode; plan: Step[] } => {
    const plan: Step[] = [];
    const selections: SelectionNode[] = [];
    const versionParent = version.getType(parent.name);
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const key = responseKey(selection);
        if (name === '__typename') {
          selections.push(selection);
          continue;
        }
        const definition = isObjectType(parent) ? parent.getFields()[name] : undefined;
        const inVersion = versionParent && isObjectType(versionParent) ? versionParent.getFields()[name] : undefined;
        if (!definition) {
          selections.push(selection); // not ours to judge: validation below says what is wrong
          continue;
        }
        if (!inVersion) {
          const coordinate = `${parent.name}.${name}`;
          if (isNonNullType(definition.type) || parent === current.getQueryType() || parent === current.getMutationType()) {
            problems.push(`${coordinate} is not in its version`);
          } else {
            removed.push(coordinate);
            plan.push({ kind: 'null', key, on: null });
          }
          continue;
        }
        if (!selection.selectionSet) {
          selections.push(selection);
          continue;
        }
        const inner = stripSet(selection.selectionSet, getNamedType(definition.type) as GraphQLCompositeType);
        selections.push({ ...selection, selectionSet: inner.set });
        if (inner.plan.length) plan.push({ kind: 'nested', key, plan: inner.plan, on: null });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? current.getType(selection.typeCondition.name.value) : parent;
        // A fragment on a type the version does not have: no object of it can come from this partner.
        if (!condition || !version.getType(condition.name)) continue;
        const inner = stripSet(selection.selectionSet, condition as GraphQLCompositeType);
        selections.push({ ...selection, selectionSet: inner.set });
        const on = condition.name === parent.name ? null : condition.name;
        for (const step of inner.plan) plan.push(step.kind === 'placeholder' ? step : { ...step, on: step.on ?? on });
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || !version.getType(fragment.typeCondition.name.value)) continue;
        selections.push(selection);
        const on = fragment.typeCondition.name.value === parent.name ? null : fragment.typeCondition.name.value;
        plan.push({ kind: 'spread', fragment: selection.name.value, on });
      }
    }
    if (selections.length === 0) {
      // Every field here was taken out: GraphQL needs one, and the answer must not keep it.
      selections.push({ kind: Kind.FIELD, alias: { kind: Kind.NAME, value: PLACEHOLDER }, name: { kind: Kind.NAME, value: '__typename' } } as FieldNode);
      plan.unshift({ kind: 'placeholder', key: PLACEHOLDER });
    }
    return { set: { ...set, selections }, plan };
  };

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fragmentPlans = new Map<string, Plan>();
  let rootPlan: Plan = [];
  const definitions = document.definitions.map((d) => {
    if (d.kind === Kind.FRAGMENT_DEFINITION) {
      const type = current.getType(d.typeCondition.name.value) as GraphQLCompositeType | undefined;
      if (!type) return d;
      const inner = stripSet(d.selectionSet, type);
      fragmentPlans.set(d.name.value, inner.plan);
      return { ...d, selectionSet: inner.set };
    }
    if (d.kind === Kind.OPERATION_DEFINITION) {
      const root = d.operation === 'mutation' ? current.getMutationType() : current.getQueryType();
      if (!root) return d;
      const inner = stripSet(d.selectionSet, root);
      rootPlan = inner.plan;
      return { ...d, selectionSet: inner.set };
    }
    return d;
  });
  if (problems.length) return { ok: false, problems };
  const withoutNulls = withoutNullLiteralsUnknownTo({ kind: Kind.DOCUMENT, definitions }, current, version);
  const operationOf = (d: DocumentNode) => d.definitions.find((x): x is OperationDefinitionNode => x.kind === Kind.OPERATION_DEFINITION);
  if (removed.length === 0 && withoutNulls.unchanged) {
    // Nothing to take out; the version must still accept the arguments and literals used.
    const errors = validate(version, document);
    return errors.length
      ? { ok: false, problems: errors.map((e) => e.message) }
      : { ok: true, operation: null, variableDefinitions: operationOf(document)?.variableDefinitions ?? [] };
  }
  const adapted = withoutUnused(withoutNulls.document, version);
  const errors = validate(version, adapted);
  if (errors.length) return { ok: false, problems: errors.map((e) => e.message) };
  const plan = rootPlan;
  return {
    ok: true,
    variableDefinitions: operationOf(adapted)?.variableDefinitions ?? [],
    operation: {
      query: print(adapted),
      document: adapted,
      removed: [...new Set(removed)],
      fill: (data, entityTypes) => apply(plan, data, fragmentPlans, null, entityTypes),
    },
  };
}

/**
 * Variables and fragments only removed fields used must go, and fragments on types the version
 * does not have: GraphQL refuses unused ones.
 */
function withoutUnused(document: DocumentNode, version: GraphQLSchema): DocumentNode {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const usedVariables = new Set<string>();
  const usedFragments = new Set<string>();
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) => {
    for (const directive of node.directives ?? []) visit(directive, { Variable: (v) => void usedVariables.add(v.name.value) });
    visit(node.selectionSet, {
      Variable: (v) => void usedVariables.add(v.name.value),
      FragmentSpread: (s) => {
        const fragment = fragments.get(s.name.value);
        if (usedFragments.has(s.name.value) || !fragment) return;
        usedFragments.add(s.name.value);
        collect(fragment);
      },
    });
  };
  for (const d of document.definitions) if (d.kind === Kind.OPERATION_DEFINITION) collect(d);
  return {
    ...document,
    definitions: document.definitions.flatMap((d): DefinitionNode[] => {
      if (d.kind === Kind.FRAGMENT_DEFINITION) return usedFragments.has(d.name.value) && version.getType(d.typeCondition.name.value) ? [d] : [];
      if (d.kind === Kind.OPERATION_DEFINITION) {
        return [{ ...d, variableDefinitions: d.variableDefinitions?.filter((v) => usedVariables.has(v.variable.name.value)) ?? [] }];
      }
      return [d];
    }),
  };
}

/** Literal `null`s for arguments or input fields the version lacks: asking nothing, they can go. */
function withoutNullLiteralsUnknownTo(document: DocumentNode, current: GraphQLSchema, version: GraphQLSchema): { document: DocumentNode; unchanged: boolean } {
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
function withoutNullsUnknownTo(variables: Variables, definitions: readonly VariableDefinitionNode[], current: GraphQLSchema, version: GraphQLSchema): Variables {
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

/**
 * Puts the plan's nulls into an answer. `typename` is the object's type when the answer does
 * not say it (an `_entities` element), so a step for another type leaves it alone.
 */
function apply(plan: Plan, value: unknown, fragments: ReadonlyMap<string, Plan>, typename: string | null, entityTypes?: readonly string[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => apply(plan, item, fragments, entityTypes?.[i] ?? typename));
    return;
  }
  if (!isObj(value)) return;
  const type = typeof value.__typename === 'string' ? value.__typename : typename;
  for (const step of plan) {
    if (step.kind === 'placeholder') {
      delete value[step.key];
      continue;
    }
    if (step.on !== null && type !== null && type !== step.on) continue;
    if (step.kind === 'null') {
      if (!(step.key in value)) value[step.key] = null;
    } else if (step.kind === 'nested') {
      // `_entities` is the one list whose elements' types come from the request, not the answer.
      apply(step.plan, value[step.key], fragments, null, step.key === '_entities' ? entityTypes : undefined);
    } else {
      const inner = fragments.get(step.fragment);
      if (inner) apply(inner, value, fragments, type);
    }
  }
}
