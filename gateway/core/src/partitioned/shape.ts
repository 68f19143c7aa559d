/**
 * Checks that a partner's data is an answer to what it was asked, by the contract's rules
 * (schema/src/violations.ts): every selected field present and of its contract type (SHAPE); every
 * scalar valid and every text and list within the contract's bounds (SCALAR); every startup and
 * incubator id the partner's own (FOREIGN_ID); every page of startups in order, after `after`, of
 * the size asked and counted right (page-checks.ts). A partner whose answer breaks a rule is
 * treated as failed rather than trusted: one careless ministry must not corrupt the government's
 * answer. One pass over the rows already parsed; the first rule broken is the one reported.
 */
import { isHttpUrl, isIsoDate, LIST_LIMITS, namesOwner, textLimit, URL_LIMIT, type ViolationFound } from '@gouvgraph/schema';
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
import { isRecord } from '../upstream/answer.js';
import { isIncluded, responseKey, type Variables } from './document.js';
import { pageViolation } from './page-checks.js';

/** What the checks need to know of the request and of who answered it. */
export interface ShapeContext {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Variables;
  /** The partner that answered: every id it sends of an owned entity must be its own. */
  partnerId: string;
}
type Context = ShapeContext;
type Found = ViolationFound | null;

const shape = (detail: string): ViolationFound => ({ rule: 'SHAPE', detail });
const scalar = (detail: string): ViolationFound => ({ rule: 'SCALAR', detail });

/** Types whose ids name the partner that owns them (schema/src/ids.ts). */
const OWNED = new Set(['Startup', 'Incubator']);

/** Why a scalar value is not valid for its contract type at `coordinate`, or null. */
function scalarProblem(value: unknown, name: string, coordinate: string, path: string): Found {
  switch (name) {
    case 'Int':
      return Number.isInteger(value) ? null : shape(`${path} is not of type Int`);
    case 'Float':
      return typeof value === 'number' ? null : shape(`${path} is not of type Float`);
    case 'Boolean':
      return typeof value === 'boolean' ? null : shape(`${path} is not of type Boolean`);
    default:
      break;
  }
  if (name === 'ID' && Number.isInteger(value)) return null;
  if (typeof value !== 'string') return shape(`${path} is not of type ${name}`);
  if (name === 'Date' && !isIsoDate(value))
    return scalar(`${path} is not a Date (YYYY-MM-DD, a real day): ${JSON.stringify(value.slice(0, 40))}`);
  if (name === 'URL' && (value.length > URL_LIMIT || !isHttpUrl(value))) {
    return scalar(`${path} is not an absolute http(s) URL of at most ${URL_LIMIT} characters: ${JSON.stringify(value.slice(0, 40))}`);
  }
  const limit = cachedTextLimit(coordinate, name);
  return value.length > limit ? scalar(`${path} has ${value.length} characters; the contract allows ${limit}`) : null;
}

/** The fields a selection set asks of an object of `typeName`, type conditions applied. */
/**
 * The fields a selection set asks of `typeName`, kept per selection set when they cannot change
 * from one request to the next (no `@skip`/`@include`, no fragment spread): the planner hands the
 * same parsed selections to every request of an operation, and every row of an answer is walked.
 */
const fieldsKept = new WeakMap<SelectionSetNode, Map<string, FieldNode[]>>();
const unconditional = new WeakMap<SelectionSetNode, boolean>();

function isUnconditional(set: SelectionSetNode): boolean {
  let known = unconditional.get(set);
  if (known === undefined) {
    known = set.selections.every(
      (s) =>
        s.kind !== Kind.FRAGMENT_SPREAD &&
        !s.directives?.some((d) => d.name.value === 'skip' || d.name.value === 'include') &&
        (s.kind !== Kind.INLINE_FRAGMENT || isUnconditional(s.selectionSet)),
    );
    unconditional.set(set, known);
  }
  return known;
}

function fieldsOf(set: SelectionSetNode | undefined, typeName: string, ctx: Context): FieldNode[] {
  if (!set || !isUnconditional(set)) return fieldsFor(set, typeName, ctx);
  let byType = fieldsKept.get(set);
  if (!byType) fieldsKept.set(set, (byType = new Map()));
  let fields = byType.get(typeName);
  if (!fields) byType.set(typeName, (fields = fieldsFor(set, typeName, ctx)));
  return fields;
}

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

function checkValue(value: unknown, type: GraphQLOutputType, node: FieldNode, path: string, coordinate: string, ctx: Context): Found {
  if (value === null) return isNonNullType(type) ? shape(`${path} is null but cannot be`) : null;
  if (value === undefined) return shape(`${path} is missing`);
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return shape(`${path} is not a list`);
    const most = LIST_LIMITS[coordinate];
    if (most !== undefined && value.length > most) return scalar(`${path} has ${value.length} items; the contract allows ${most}`);
    for (let i = 0; i < value.length; i++) {
      const problem = checkValue(value[i], nullable.ofType, node, `${path}[${i}]`, coordinate, ctx);
      if (problem) return problem;
    }
    return null;
  }
  if (isEnumType(nullable)) {
    return typeof value === 'string' && nullable.getValue(value) ? null : scalar(`${path} is not a value of ${nullable.name}`);
  }
  if (isScalarType(nullable)) return scalarProblem(value, nullable.name, coordinate, path);
  if (isObjectType(nullable)) return checkObject(value, nullable, node, path, ctx);
  return null; // interfaces and unions: the contract has none outside federation's own
}

/** `Type.field`, built once per field of the contract rather than for every row. */
const coordinates = new WeakMap<object, string>();
function coordinateOf(type: GraphQLObjectType, field: { name: string }): string {
  let coordinate = coordinates.get(field);
  if (coordinate === undefined) coordinates.set(field, (coordinate = `${type.name}.${field.name}`));
  return coordinate;
}

/** The longest text of each `Type.field` of type String, looked up once. */
const textLimits = new Map<string, number>();
function cachedTextLimit(coordinate: string, scalar: string): number {
  if (scalar !== 'String') return textLimit(coordinate, scalar); // one bound per scalar: no lookup
  let limit = textLimits.get(coordinate);
  if (limit === undefined) textLimits.set(coordinate, (limit = textLimit(coordinate, scalar)));
  return limit;
}

/** `node`: the field whose value this object is (for a connection, its arguments); null at the root. */
function checkObject(value: unknown, type: GraphQLObjectType, node: FieldNode | null, path: string, ctx: Context): Found {
  return (
    checkFields(value, type, node?.selectionSet, path, ctx) ??
    (node && type.name === 'StartupConnection' ? pageViolation(value as Record<string, unknown>, node, path, ctx) : null)
  );
}

function checkFields(value: unknown, type: GraphQLObjectType, set: SelectionSetNode | undefined, path: string, ctx: Context): Found {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return shape(`${path} is not an object`);
  const record = value as Record<string, unknown>;
  const fields = type.getFields();
  for (const field of fieldsOf(set, type.name, ctx)) {
    const key = responseKey(field);
    const at = path ? `${path}.${key}` : key;
    const name = field.name.value;
    if (name === '__typename') {
      if (record[key] !== type.name) return shape(`${at} is not "${type.name}"`);
      continue;
    }
    const definition = fields[name];
    if (!definition) continue; // not a contract field (federation's): nothing to hold it to
    const problem = checkValue(record[key], definition.type, field, at, coordinateOf(type, definition), ctx);
    if (problem) return problem;
    if (name === 'id' && OWNED.has(type.name) && !namesOwner(type.name, String(record[key]), ctx.partnerId)) {
      return { rule: 'FOREIGN_ID', detail: `${at} is ${JSON.stringify(String(record[key]).slice(0, 80))}, not an id of ${ctx.partnerId}` };
    }
  }
  return null;
}

/** The rule `data` breaks as an answer to `fields` of the root type, or null when it breaks none. */
export function rootViolation(data: Record<string, unknown>, root: GraphQLObjectType, fields: readonly FieldNode[], ctx: Context): Found {
  const set: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: fields };
  const problem = checkFields(data, root, set, '', ctx);
  if (problem) return problem;
  // A partner serves one incubator: a list of several is another's passed off as its own.
  for (const field of fields) {
    const list = field.name.value === 'incubators' ? data[responseKey(field)] : undefined;
    if (Array.isArray(list) && list.length > 1)
      return { rule: 'FOREIGN_ID', detail: `${responseKey(field)} lists ${list.length} incubators; a partner serves one` };
  }
  return null;
}

/**
 * The rule an `_entities` answer breaks, or null: one answer per representation sent, each of the
 * representation's type and id (the data source asks for both under reserved keys, entities.ts),
 * and each holding the entity rules above.
 */
export function entitiesViolation(
  entities: unknown,
  representations: readonly { __typename: string; id?: unknown }[],
  field: FieldNode,
  ctx: Context,
): Found {
  if (!Array.isArray(entities)) return shape('_entities is not a list');
  if (entities.length !== representations.length) {
    return { rule: 'ENTITIES', detail: `_entities has ${entities.length} answers for ${representations.length} representations` };
  }
  for (let i = 0; i < entities.length; i++) {
    const entity: unknown = entities[i];
    if (entity === null) continue;
    const representation = representations[i] as { __typename: string; id?: unknown };
    const type = ctx.schema.getType(representation.__typename);
    if (!isObjectType(type)) return shape(`_entities[${i}] has no contract type`);
    const record = isRecord(entity) ? entity : {};
    if (record[ENTITY_KEYS.typename] !== representation.__typename || record[ENTITY_KEYS.id] !== representation.id) {
      const answered = `${String(record[ENTITY_KEYS.typename])} ${JSON.stringify(record[ENTITY_KEYS.id])}`.slice(0, 120);
      return {
        rule: 'ENTITIES',
        detail: `_entities[${i}] is ${answered}, asked ${representation.__typename} ${JSON.stringify(representation.id)}`,
      };
    }
    const problem = checkFields(entity, type, field.selectionSet, `_entities[${i}]`, ctx);
    if (problem) return problem;
  }
  return null;
}

/** The reserved keys under which an `_entities` request asks each answer's type and id. */
export const ENTITY_KEYS = { typename: '__gg_typename', id: '__gg_id' } as const;
