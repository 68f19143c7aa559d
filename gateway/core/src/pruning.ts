/**
 * Taking fields out of an operation before it runs, and putting them back as `null` in its
 * answer. Two users: a partner on an older contract version (the fields its version lacks) and
 * a caller who may not read some fields (`@authenticated`, `@requiresScopes`). Putting back
 * follows GraphQL's rule for a null where the type forbids one: the nearest nullable parent
 * becomes null instead.
 */
import {
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DefinitionNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { withoutUnused } from './partitioned/document.js';

/** A field taken out, where it was in the operation. */
export interface Removal {
  node: FieldNode;
  parent: GraphQLCompositeType;
  definition: GraphQLField<unknown, unknown>;
}

export interface PruneRules {
  /** Whether to take this field out. */
  remove(node: FieldNode, parent: GraphQLCompositeType, definition: GraphQLField<unknown, unknown>): boolean;
  /** Whether to drop fragments on this type altogether (no object of it can be in the answer). Default: never. */
  dropType?(typeName: string): boolean;
}

type Path = (string | number)[];

export interface PrunedOperation {
  document: DocumentNode;
  removed: readonly Removal[];
  /**
   * Puts the removed fields back as null, in place; returns the data (null when even the root
   * could not hold it) and, per removal, the first path where it was put back.
   * `entityTypes`: the representations' types, for an `_entities` answer.
   */
  fill(data: Record<string, unknown>, entityTypes?: readonly string[]): { data: Record<string, unknown> | null; paths: Map<Removal, Path> };
}

type Plan = readonly Step[];
type Step =
  | { kind: 'null'; key: string; on: string | null; removal: Removal }
  | { kind: 'nested'; key: string; on: string | null; type: GraphQLOutputType; plan: Plan }
  | { kind: 'spread'; fragment: string; on: string | null }
  /** A `__typename` under a reserved alias, standing in for a selection set left empty. */
  | { kind: 'placeholder'; key: string };

/** Unlikely in a client's operation; if one uses it anyway, its own field is filled after this one is dropped. */
const PLACEHOLDER = '_gouvgraph_placeholder_';

/**
 * The operation without the fields `rules` remove, or null when it removes none. `operationName`:
 * the operation that will run, when the document holds several (its answer is the one filled).
 */
export function pruneOperation(
  document: DocumentNode,
  schema: GraphQLSchema,
  operationName: string | null,
  rules: PruneRules,
): PrunedOperation | null {
  const removed: Removal[] = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const dropType = (name: string) => rules.dropType?.(name) ?? false;

  const pruneSet = (set: SelectionSetNode, parent: GraphQLCompositeType): { set: SelectionSetNode; plan: Step[] } => {
    const plan: Step[] = [];
    const selections: SelectionNode[] = [];
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
        const key = selection.alias?.value ?? selection.name.value;
        if (!definition) {
          selections.push(selection); // __typename, or not ours to judge: validation says what is wrong
        } else if (rules.remove(selection, parent, definition)) {
          const removal = { node: selection, parent, definition };
          removed.push(removal);
          plan.push({ kind: 'null', key, on: null, removal });
        } else if (!selection.selectionSet) {
          selections.push(selection);
        } else {
          const inner = pruneSet(selection.selectionSet, getNamedType(definition.type) as GraphQLCompositeType);
          selections.push({ ...selection, selectionSet: inner.set });
          if (inner.plan.length) plan.push({ kind: 'nested', key, on: null, type: definition.type, plan: inner.plan });
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (!isCompositeType(condition) || dropType(condition.name)) continue;
        const inner = pruneSet(selection.selectionSet, condition);
        selections.push({ ...selection, selectionSet: inner.set });
        const on = condition.name === parent.name ? null : condition.name;
        for (const step of inner.plan) plan.push(step.kind === 'placeholder' ? step : { ...step, on: step.on ?? on });
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || dropType(fragment.typeCondition.name.value)) continue;
        selections.push(selection);
        const on = fragment.typeCondition.name.value === parent.name ? null : fragment.typeCondition.name.value;
        plan.push({ kind: 'spread', fragment: selection.name.value, on });
      }
    }
    if (selections.length === 0) {
      // Every field here was taken out: GraphQL needs one, and the answer must not keep it. It
      // goes first, so that a client's own field of the same name is put back after it.
      selections.push({ kind: Kind.FIELD, alias: { kind: Kind.NAME, value: PLACEHOLDER }, name: { kind: Kind.NAME, value: '__typename' } });
      plan.unshift({ kind: 'placeholder', key: PLACEHOLDER });
    }
    return { set: { ...set, selections }, plan };
  };

  const fragmentPlans = new Map<string, Plan>();
  let rootPlan: Plan = [];
  let rootType: GraphQLCompositeType | null = null;
  const definitions = document.definitions.map((d): DefinitionNode => {
    if (d.kind === Kind.FRAGMENT_DEFINITION) {
      const type = schema.getType(d.typeCondition.name.value);
      if (!isCompositeType(type)) return d;
      const inner = pruneSet(d.selectionSet, type);
      fragmentPlans.set(d.name.value, inner.plan);
      return { ...d, selectionSet: inner.set };
    }
    if (d.kind === Kind.OPERATION_DEFINITION) {
      const root =
        d.operation === 'mutation'
          ? schema.getMutationType()
          : d.operation === 'subscription'
            ? schema.getSubscriptionType()
            : schema.getQueryType();
      if (!root) return d;
      const inner = pruneSet(d.selectionSet, root);
      if (operationName === null || d.name?.value === operationName) {
        rootPlan = inner.plan;
        rootType = root;
      }
      return { ...d, selectionSet: inner.set };
    }
    return d;
  });
  if (removed.length === 0) return null;
  const plan = rootPlan;
  const rootName = (rootType as GraphQLCompositeType | null)?.name ?? null;
  return {
    // Variables and fragments only removed fields used must go, and fragments on dropped types.
    document: withoutUnused({ ...document, definitions }, (fragment) => !dropType(fragment.typeCondition.name.value)),
    removed,
    fill: (data, entityTypes) => {
      const paths = new Map<Removal, Path>();
      const ok = fillObject(data, plan, { fragments: fragmentPlans, paths }, [], rootName, entityTypes);
      return { data: ok ? data : null, paths };
    },
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A null where the type forbids one: the parent must become null instead. */
const INVALID = Symbol('null in a non-null position');

interface FillContext {
  fragments: ReadonlyMap<string, Plan>;
  paths: Map<Removal, Path>;
}

/**
 * Puts a plan's nulls into one object; false when one of them is non-null, so the object itself
 * must be null. `typename` is the object's type when the answer does not say it (an `_entities`
 * element), so a step for another type leaves it alone.
 */
function fillObject(
  value: Obj,
  plan: Plan,
  ctx: FillContext,
  path: Path,
  typename: string | null,
  entityTypes?: readonly string[],
  applied: Set<string> = new Set(),
): boolean {
  const type = typeof value.__typename === 'string' ? value.__typename : typename;
  for (const step of plan) {
    if (step.kind === 'placeholder') {
      delete value[step.key];
      continue;
    }
    if (step.on !== null && type !== null && type !== step.on) continue;
    if (step.kind === 'null') {
      if (!ctx.paths.has(step.removal)) ctx.paths.set(step.removal, [...path, step.key]);
      if (isNonNullType(step.removal.definition.type)) return false;
      if (!(step.key in value)) value[step.key] = null;
    } else if (step.kind === 'nested') {
      // `_entities` is the one list whose elements' types come from the request, not the answer.
      const hints = step.key === '_entities' ? entityTypes : undefined;
      const filled = fillValue(value[step.key], step.type, step.plan, ctx, [...path, step.key], hints);
      if (filled === INVALID) return false;
      value[step.key] = filled;
    } else {
      // A fragment spread again on the same object adds nothing: applying it once keeps the
      // work linear however the fragments nest (a spread "bomb" would be exponential).
      if (applied.has(step.fragment)) continue;
      applied.add(step.fragment);
      const inner = ctx.fragments.get(step.fragment);
      if (inner && !fillObject(value, inner, ctx, path, type, undefined, applied)) return false;
    }
  }
  return true;
}

function fillValue(value: unknown, type: GraphQLOutputType, plan: Plan, ctx: FillContext, path: Path, hints?: readonly string[]): unknown {
  if (value === null || value === undefined) return value;
  const nonNull = isNonNullType(type);
  const nullable = nonNull ? type.ofType : type;
  let filled: unknown = value;
  if (isListType(nullable) && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hinted = hints?.[i];
      const element: unknown = value[i];
      const result =
        hinted !== undefined && isObj(element)
          ? fillObject(element, plan, ctx, [...path, i], hinted)
            ? element
            : isNonNullType(nullable.ofType)
              ? INVALID
              : null
          : fillValue(element, nullable.ofType, plan, ctx, [...path, i]);
      if (result === INVALID) {
        filled = INVALID;
        break;
      }
      value[i] = result;
    }
  } else if (isObj(value)) {
    filled = fillObject(value, plan, ctx, path, null) ? value : INVALID;
  }
  if (filled !== INVALID) return filled;
  return nonNull ? INVALID : null;
}
