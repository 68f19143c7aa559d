/**
 * What an operation will cost the graph, estimated before anything is fetched: every object
 * fetched counts 1, every call to a partner counts `partnerCall`. Lists multiply what they hold
 * by their size — `first` where the field has it, the page size for a connection's edges, an
 * assumed `listSize` otherwise — and a root field of the contract multiplies by the number of
 * partners it fans out to, each asked for its share of the page (see partitioned/paging.ts).
 * Fragments are costed once per place they are spread and memoised, so the estimate is linear
 * in the document even when the operation it describes is exponential.
 */
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { isIncluded, type Variables } from '../partitioned/document.js';

/** How a root field of the contract is answered: by how many partners, each sending how many rows. */
interface FanOut {
  /** Partners called (0: not a partitioned field). */
  partners: number;
  /** Rows each partner sends for the field itself when it is a list (a partner serves one incubator). */
  rowsPerPartner?: number;
}

export interface CostModel {
  /** How a root field fans out; `{ partners: 0 }` for fields of other subgraphs. */
  fanOut(field: FieldNode, variables: Variables): FanOut;
  /** Rows asked of each of `partners` partners for a page of `first`. */
  share(first: number, partners: number): number;
  /** Types every partner answers for (shared entities): each occurrence costs a call to each partner. */
  sharedTypes: ReadonlySet<string>;
  partners(): number;
  /** The page size of a connection that does not say. */
  defaultPageSize: number;
  /** Rows assumed for a list nothing bounds. Default 10. */
  listSize?: number;
  /** What one partner call costs, in rows. Default 10. */
  partnerCall?: number;
}

const CONNECTION_LISTS = new Set(['edges', 'nodes']);

/** The estimated cost of `operation`; stops counting once past `ceiling` (the answer is then above it). */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Variables,
  model: CostModel,
  ceiling = Number.POSITIVE_INFINITY,
): number {
  const listSize = model.listSize ?? 10;
  const partnerCall = model.partnerCall ?? 10;
  const memo = new Map<string, number>();
  let calls = 0;

  /** `pageRows`: the page size of the enclosing connection, for its `edges`/`nodes`. */
  const setCost = (set: SelectionSetNode, parent: GraphQLCompositeType, pageRows: number | null, root: boolean): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (!isIncluded(selection, variables)) continue;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (isCompositeType(type)) total += setCost(selection.selectionSet, type, pageRows, root);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !isCompositeType(type)) continue;
        const key = `${fragment.name.value}\u0000${pageRows ?? ''}\u0000${root}`;
        let cost = memo.get(key);
        if (cost === undefined) memo.set(key, (cost = setCost(fragment.selectionSet, type, pageRows, root)));
        total += cost;
      } else {
        total += fieldCost(selection, parent, pageRows, root);
      }
      if (total + calls > ceiling) return total;
    }
    return total;
  };

  const fieldCost = (field: FieldNode, parent: GraphQLCompositeType, pageRows: number | null, root: boolean): number => {
    if (!field.selectionSet) return 0; // a leaf travels with its object
    const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[field.name.value] : undefined;
    if (!definition) return 0; // introspection meta-fields and unknown fields: validation's business
    const type = getNamedType(definition.type);
    if (!isCompositeType(type)) return 0;
    let args: Record<string, unknown> = {};
    try {
      args = getArgumentValues(definition, field, variables);
    } catch {
      // Invalid values fail at execution with their own error; cost them as their defaults.
    }
    const first = typeof args.first === 'number' && args.first >= 0 ? args.first : null;
    const isList = isListType(getNullableType(definition.type));
    const isConnection = type.name.endsWith('Connection');
    if (model.sharedTypes.has(type.name)) calls += model.partners() * partnerCall;

    const fan = root ? model.fanOut(field, variables) : { partners: 0 };
    if (fan.partners > 0) {
      const page = first ?? (isConnection ? model.defaultPageSize : listSize);
      const rows = fan.partners > 1 ? model.share(page, fan.partners) : page;
      const perPartner = isList
        ? (fan.rowsPerPartner ?? rows) * (1 + setCost(field.selectionSet, type, null, false))
        : 1 + setCost(field.selectionSet, type, rows, false);
      return fan.partners * (partnerCall + perPartner);
    }
    const rows = isList ? (first ?? (CONNECTION_LISTS.has(field.name.value) && pageRows !== null ? pageRows : listSize)) : 1;
    const inner = isConnection ? (first ?? model.defaultPageSize) : null;
    return rows * (1 + setCost(field.selectionSet, type, inner, false));
  };

  const rootType =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!rootType) return 0;
  const total = setCost(operation.selectionSet, rootType, null, true);
  return total + calls;
}
