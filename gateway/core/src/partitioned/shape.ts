/**
 * Checks that a partner's data is an answer to what it was asked: every selected field
 * present, of its contract type (null only where nullable, lists as lists, enums among their
 * values). A partner whose answer does not fit is treated as failed rather than trusted:
 * one misbehaving ministry must not corrupt the government's answer.
 */
import {
  type GraphQLObjectType,
  Kind,
  getNullableType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { isIncluded, responseKey, type Variables } from './document.js';

interface Context {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Variables;
}

/** The fields a selection set asks of an object of `typeName`, type conditions applied. */
function fieldsFor(set: SelectionSetNode | undefined, typeName: string, ctx: Context, out: FieldNode[] = []): FieldNode[] {
  for (const selection of set?.selections ?? []) {
    if (!isIncluded(selection, ctx.variables)) continue;
    if (selection.kind === Kind.FIELD) out.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition?.name.value;
      if (!condition || condition === typeName) fieldsFor(selection.selectionSet, typeName, ctx, out);
    } else {
      const fragment = ctx.fragments.get(selection.name.value);
      if (fragment && fragment.typeCondition.name.value === typeName) fieldsFor(fragment.selectionSet, typeName, ctx, out);
    }
  }
  return out;
}

function checkValue(value: unknown, type: GraphQLOutputType, node: FieldNode, path: string, ctx: Context): string | null {
  if (value === null) return isNonNullType(type) ? `${path} is null but cannot be` : null;
  if (value === undefined) return `${path} is missing`;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return `${path} is not a list`;
    for (let i = 0; i < value.length; i++) {
      const problem = checkValue(value[i], nullable.ofType, node, `${path}[${i}]`, ctx);
      if (problem) return problem;
    }
    return null;
  }
  if (isEnumType(nullable)) return typeof value === 'string' && nullable.getValue(value) ? null : `${path} is not of type ${nullable.name}`;
  if (isScalarType(nullable)) {
    const ok =
      nullable.name === 'Int'
        ? Number.isInteger(value)
        : nullable.name === 'Float'
          ? typeof value === 'number'
          : nullable.name === 'Boolean'
            ? typeof value === 'boolean'
            : nullable.name === 'ID'
              ? typeof value === 'string' || Number.isInteger(value)
              : typeof value === 'string';
    return ok ? null : `${path} is not of type ${nullable.name}`;
  }
  if (isObjectType(nullable)) return checkObject(value, nullable, node.selectionSet, path, ctx);
  return null; // interfaces and unions: the contract has none outside federation's own
}

function checkObject(
  value: unknown,
  type: GraphQLObjectType,
  set: SelectionSetNode | undefined,
  path: string,
  ctx: Context,
): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path} is not an object`;
  const record = value as Record<string, unknown>;
  const fields = type.getFields();
  for (const field of fieldsFor(set, type.name, ctx)) {
    const key = responseKey(field);
    const at = path ? `${path}.${key}` : key;
    if (field.name.value === '__typename') {
      if (record[key] !== type.name) return `${at} is not "${type.name}"`;
      continue;
    }
    const definition = fields[field.name.value];
    if (!definition) continue; // not a contract field (federation's): nothing to hold it to
    const problem = checkValue(record[key], definition.type, field, at, ctx);
    if (problem) return problem;
  }
  return null;
}

/** Why `data` does not answer `fields` of the root type, or null when it does. */
export function rootShapeProblem(
  data: Record<string, unknown>,
  root: GraphQLObjectType,
  fields: readonly FieldNode[],
  ctx: Context,
): string | null {
  const set: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: fields };
  return checkObject(data, root, set, '', ctx);
}

/** Why an `_entities` answer does not fit the representations' types, or null when it does. */
export function entitiesShapeProblem(
  entities: unknown,
  count: number,
  field: FieldNode,
  typenames: readonly string[],
  ctx: Context,
): string | null {
  if (!Array.isArray(entities)) return '_entities is not a list';
  if (entities.length !== count) return `_entities has ${entities.length} entries for ${count} representations`;
  for (let i = 0; i < entities.length; i++) {
    const entity = entities[i];
    if (entity === null) continue;
    const type = ctx.schema.getType(typenames[i] ?? '');
    if (!isObjectType(type)) return `_entities[${i}] has no contract type`;
    const problem = checkObject(entity, type, field.selectionSet, `_entities[${i}]`, ctx);
    if (problem) return problem;
  }
  return null;
}
