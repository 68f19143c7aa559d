/**
 * AST helpers for the partitioned data source: which root fields an operation has, what their
 * arguments evaluate to, and the per-partner documents built from them. The query planner
 * hands us parsed operations; we never work on query strings.
 */
import {
  Kind,
  print,
  valueFromASTUntyped,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

export type Variables = Record<string, unknown>;

/** The operation of a planner fetch (the planner sends exactly one) and its fragments. */
export interface ParsedFetch {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
}

export function parsedFetch(document: DocumentNode, operationName?: string | null): ParsedFetch {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) {
      if (!operation || (operationName && definition.name?.value === operationName)) operation = definition;
    }
  }
  if (!operation) throw new Error('the fetch has no operation');
  return { document, operation, fragments };
}

/**
 * The request's variables with the operation's declared defaults filled in: the planner does
 * not apply them, partners do, so routing and merging must read the same values partners will.
 */
export function withVariableDefaults(operation: OperationDefinitionNode, variables: Variables): Variables {
  let out = variables;
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (definition.defaultValue && variables[name] === undefined) {
      if (out === variables) out = { ...variables };
      out[name] = valueFromASTUntyped(definition.defaultValue);
    }
  }
  return out;
}

/** Whether `@skip` / `@include` keep a selection, with the request's variables. */
export function isIncluded(node: SelectionNode, variables: Variables): boolean {
  for (const directive of node.directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const argument = directive.arguments?.find((a) => a.name.value === 'if');
    const value = argument ? valueFromASTUntyped(argument.value, variables) : undefined;
    if (name === 'skip' && value === true) return false;
    if (name === 'include' && value !== true) return false;
  }
  return true;
}

/**
 * The fields of a selection set that the request keeps (`@skip`/`@include` applied), through
 * inline fragments and fragment spreads.
 */
export function flattenFields(
  set: SelectionSetNode | undefined,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Variables = {},
): FieldNode[] {
  const out: FieldNode[] = [];
  if (set) collectFields(set.selections, fragments, variables, out);
  return out;
}

// A function of the module, not a closure made per call: the answer checks flatten selections
// for every partner's answer, and tsx wraps each closure it makes in a naming helper.
function collectFields(
  selections: readonly SelectionNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Variables,
  out: FieldNode[],
): void {
  for (const selection of selections) {
    if (!isIncluded(selection, variables)) continue;
    switch (selection.kind) {
      case Kind.FIELD:
        out.push(selection);
        break;
      case Kind.INLINE_FRAGMENT:
        collectFields(selection.selectionSet.selections, fragments, variables, out);
        break;
      case Kind.FRAGMENT_SPREAD: {
        const fragment = fragments.get(selection.name.value);
        if (fragment) collectFields(fragment.selectionSet.selections, fragments, variables, out);
        break;
      }
      default: {
        const never: never = selection;
        throw new Error(`unknown selection ${JSON.stringify(never)}`);
      }
    }
  }
}

export const responseKey = (field: FieldNode): string => field.alias?.value ?? field.name.value;

/** An argument's value with variables substituted, or undefined when absent. */
export function argumentValue(field: FieldNode, name: string, variables: Variables): unknown {
  const argument = field.arguments?.find((a) => a.name.value === name);
  return argument ? valueFromASTUntyped(argument.value, variables) : undefined;
}

/**
 * A document holding only `fields` at the root of the operation, without the variables and
 * fragments nothing uses any more (partners would reject the operation otherwise).
 */
export function documentWithRootFields(fetch: ParsedFetch, fields: readonly FieldNode[]): DocumentNode {
  const operation: OperationDefinitionNode = {
    ...fetch.operation,
    selectionSet: { kind: Kind.SELECTION_SET, selections: fields },
  };
  return withoutUnused({ kind: Kind.DOCUMENT, definitions: [operation, ...fetch.fragments.values()] });
}

/**
 * The document without the variable definitions and fragments its operations no longer use
 * (GraphQL refuses unused ones), nor the fragments `keepFragment` refuses.
 */
export function withoutUnused(
  document: DocumentNode,
  keepFragment: (fragment: FragmentDefinitionNode) => boolean = () => true,
): DocumentNode {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const usedFragments = new Set<string>();
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode, usedVariables: Set<string>) => {
    // Directives on the operation itself may use variables too.
    for (const directive of node.directives ?? []) visit(directive, { Variable: (v) => void usedVariables.add(v.name.value) });
    visit(node.selectionSet, {
      Variable: (v) => void usedVariables.add(v.name.value),
      FragmentSpread: (s) => {
        const fragment = fragments.get(s.name.value);
        if (usedFragments.has(s.name.value) || !fragment) return;
        usedFragments.add(s.name.value);
        collect(fragment, usedVariables);
      },
    });
  };
  const definitions = document.definitions.flatMap((d): DefinitionNode[] => {
    if (d.kind !== Kind.OPERATION_DEFINITION) return [d];
    const usedVariables = new Set<string>();
    collect(d, usedVariables);
    return [{ ...d, variableDefinitions: d.variableDefinitions?.filter((v) => usedVariables.has(v.variable.name.value)) ?? [] }];
  });
  return {
    ...document,
    definitions: definitions.filter((d) => d.kind !== Kind.FRAGMENT_DEFINITION || (usedFragments.has(d.name.value) && keepFragment(d))),
  };
}

/** Keeps only the variables the document declares. */
export function variablesFor(document: DocumentNode, variables: Variables | undefined): Variables | undefined {
  if (!variables) return undefined;
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const out: Variables = {};
  for (const definition of operation?.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (name in variables) out[name] = variables[name];
  }
  return out;
}

export { print };
