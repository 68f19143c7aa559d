/**
 * Checks that a partner's data is an answer to what it was asked, by the contract's rules
 * (schema/src/violations.ts): every selected field present and of its contract type (SHAPE); every
 * scalar valid and every text and list within the contract's bounds (SCALAR); every startup and
 * incubator id the partner's own (FOREIGN_ID); every page of startups in order, after `after`, of
 * the size asked and counted right (page-checks.ts); every incubator's tally adding up
 * (tally-checks.ts). A partner whose answer breaks a rule is
 * treated as failed rather than trusted: one careless ministry must not corrupt the government's
 * answer. One pass over the rows already parsed; the first rule broken is the one reported.
 */
import { isHttpUrl, isIsoDate, LIST_LIMITS, namesOwner, textLimit, URL_LIMIT, type ViolationFound } from '@gouvgraph/schema';
import {
  type GraphQLEnumType,
  type GraphQLObjectType,
  Kind,
  getNamedType,
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
import { tallyViolation } from './tally-checks.js';

/** What the checks need to know of the request and of who answered it. */
export interface ShapeContext {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Variables;
  /** The partner that answered: every id it sends of an owned entity must be its own. */
  partnerId: string;
}
type Context = ShapeContext;

/**
 * A broken rule as the walk finds it: what is wrong, and where — the path is put together only
 * when something is wrong, as the walk unwinds (each level adds its key), never for the values
 * that are fine.
 */
interface Problem {
  rule: ViolationFound['rule'];
  what: string;
  where: (string | number)[];
}
type Found = Problem | null;

const problem = (rule: Problem['rule'], what: string): Problem => ({ rule, what, where: [] });
const shape = (what: string) => problem('SHAPE', what);
const scalar = (what: string) => problem('SCALAR', what);

/** The walk's problem as the rest of the gateway reads it: the rule, and the path and what is wrong. */
function reported(found: Found): ViolationFound | null {
  if (!found) return null;
  const path = found.where.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
  return { rule: found.rule, detail: path ? `${path} ${found.what}` : found.what };
}

/** Adds the key of the level it came through to a problem's path. */
function under(key: string | number, found: Problem): Problem {
  found.where.unshift(key);
  return found;
}

/** Types whose ids name the partner that owns them (schema/src/ids.ts). */
const OWNED = new Set(['Startup', 'Incubator']);

/** Why a scalar value is not valid for its contract type within its field's bounds, or null. */
function scalarProblem(value: unknown, name: string, bounds: Bounds): Found {
  switch (name) {
    case 'Int':
      return Number.isInteger(value) ? null : shape('is not of type Int');
    case 'Float':
      return typeof value === 'number' ? null : shape('is not of type Float');
    case 'Boolean':
      return typeof value === 'boolean' ? null : shape('is not of type Boolean');
    default:
      break;
  }
  if (name === 'ID' && Number.isInteger(value)) return null;
  if (typeof value !== 'string') return shape(`is not of type ${name}`);
  if (name === 'Date' && !isIsoDate(value)) return scalar(`is not a Date (YYYY-MM-DD, a real day): ${JSON.stringify(value.slice(0, 40))}`);
  if (name === 'URL' && (value.length > URL_LIMIT || !isHttpUrl(value))) {
    return scalar(`is not an absolute http(s) URL of at most ${URL_LIMIT} characters: ${JSON.stringify(value.slice(0, 40))}`);
  }
  const limit = bounds.text;
  return value.length > limit ? scalar(`has ${value.length} characters; the contract allows ${limit}`) : null;
}

/** The contract's bounds on a field's values: its longest text, and its longest list (if bounded). */
interface Bounds {
  text: number;
  list: number | undefined;
}
const NO_BOUNDS: Bounds = { text: Number.POSITIVE_INFINITY, list: undefined };

/**
 * What checking one field of an object takes, worked out once: its response key, its contract
 * type (null for `__typename`), the contract's bounds on its texts and lists, and whether it is an owned id.
 */
interface FieldPlan {
  field: FieldNode;
  key: string;
  type: GraphQLOutputType | null;
  bounds: Bounds;
  ownedId: boolean;
}

/**
 * The plans of the fields a selection set asks of a type, kept per selection set when they
 * cannot change from one request to the next (no `@skip`/`@include`, no fragment spread): the
 * planner hands the same parsed selections to every request of an operation, and every row of
 * every answer is walked with them.
 */
const plansKept = new WeakMap<SelectionSetNode, Map<GraphQLObjectType, FieldPlan[]>>();
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

function plansOf(set: SelectionSetNode | undefined, type: GraphQLObjectType, ctx: Context): FieldPlan[] {
  if (!set) return [];
  const kept = plansKept.get(set)?.get(type);
  if (kept) return kept;
  const plans = planFields(fieldsFor(set, type.name, ctx), type);
  if (isUnconditional(set)) {
    let byType = plansKept.get(set);
    if (!byType) plansKept.set(set, (byType = new Map()));
    byType.set(type, plans);
  }
  return plans;
}

function planFields(fields: readonly FieldNode[], type: GraphQLObjectType): FieldPlan[] {
  const definitions = type.getFields();
  const plans: FieldPlan[] = [];
  for (const field of fields) {
    const name = field.name.value;
    const key = responseKey(field);
    if (name === '__typename') {
      plans.push({ field, key, type: null, bounds: NO_BOUNDS, ownedId: false });
      continue;
    }
    const definition = definitions[name];
    if (!definition) continue; // not a contract field (federation's): nothing to hold it to
    const coordinate = `${type.name}.${name}`;
    const bounds = { text: textLimit(coordinate, getNamedType(definition.type).name), list: LIST_LIMITS[coordinate] };
    plans.push({ field, key, type: definition.type, bounds, ownedId: name === 'id' && OWNED.has(type.name) });
  }
  return plans;
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

/**
 * What a value of an output type must be, read once per type: graphql-js's type predicates
 * (`isListType`…) cost an `instanceof` check each, which its development build makes slow, and
 * the walk asks them for every value of every row.
 */
type TypeRule =
  | { nonNull: boolean; kind: 'list'; item: GraphQLOutputType }
  | { nonNull: boolean; kind: 'enum'; type: GraphQLEnumType }
  | { nonNull: boolean; kind: 'scalar'; name: string }
  | { nonNull: boolean; kind: 'object'; type: GraphQLObjectType }
  | { nonNull: boolean; kind: 'other' };
const typeRules = new WeakMap<GraphQLOutputType, TypeRule>();

function ruleOf(type: GraphQLOutputType): TypeRule {
  let rule = typeRules.get(type);
  if (!rule) {
    const nonNull = isNonNullType(type);
    const nullable = getNullableType(type);
    rule = isListType(nullable)
      ? { nonNull, kind: 'list', item: nullable.ofType }
      : isEnumType(nullable)
        ? { nonNull, kind: 'enum', type: nullable }
        : isScalarType(nullable)
          ? { nonNull, kind: 'scalar', name: nullable.name }
          : isObjectType(nullable)
            ? { nonNull, kind: 'object', type: nullable }
            : { nonNull, kind: 'other' }; // interfaces and unions: the contract has none outside federation's own
    typeRules.set(type, rule);
  }
  return rule;
}

function checkValue(value: unknown, type: GraphQLOutputType, node: FieldNode, bounds: Bounds, ctx: Context): Found {
  const rule = ruleOf(type);
  if (value === null) return rule.nonNull ? shape('is null but cannot be') : null;
  if (value === undefined) return shape('is missing');
  switch (rule.kind) {
    case 'list': {
      if (!Array.isArray(value)) return shape('is not a list');
      const most = bounds.list;
      if (most !== undefined && value.length > most) return scalar(`has ${value.length} items; the contract allows ${most}`);
      for (let i = 0; i < value.length; i++) {
        const found = checkValue(value[i], rule.item, node, bounds, ctx);
        if (found) return under(i, found);
      }
      return null;
    }
    case 'enum':
      return typeof value === 'string' && rule.type.getValue(value) ? null : scalar(`is not a value of ${rule.type.name}`);
    case 'scalar':
      return scalarProblem(value, rule.name, bounds);
    case 'object':
      return checkObject(value, rule.type, node, ctx);
    default:
      return null;
  }
}

/** `node`: the field whose value this object is (for a connection, its arguments); null at the root. */
function checkObject(value: unknown, type: GraphQLObjectType, node: FieldNode | null, ctx: Context): Found {
  const found = checkFields(value, type, node?.selectionSet, ctx);
  if (found || !node) return found;
  const broken =
    type.name === 'StartupConnection'
      ? pageViolation(value as Record<string, unknown>, node, ctx)
      : type.name === 'Incubator'
        ? tallyViolation(value as Record<string, unknown>, node, ctx)
        : null;
  return broken && problem(broken.rule, broken.detail);
}

function checkFields(value: unknown, type: GraphQLObjectType, set: SelectionSetNode | undefined, ctx: Context): Found {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return shape('is not an object');
  const record = value as Record<string, unknown>;
  for (const plan of plansOf(set, type, ctx)) {
    const answered = record[plan.key];
    if (plan.type === null) {
      if (answered !== type.name) return under(plan.key, shape(`is not "${type.name}"`));
      continue;
    }
    const found = checkValue(answered, plan.type, plan.field, plan.bounds, ctx);
    if (found) return under(plan.key, found);
    if (plan.ownedId && !namesOwner(type.name, String(answered), ctx.partnerId)) {
      return under(plan.key, problem('FOREIGN_ID', `is ${JSON.stringify(String(answered).slice(0, 80))}, not an id of ${ctx.partnerId}`));
    }
  }
  return null;
}

/**
 * The root fields asked as one selection set, made once per list: every partner asked the same
 * fields is checked with the same set, so the plans of its fields (plansOf) are worked out once
 * per request, not once per partner.
 */
const rootSets = new WeakMap<readonly FieldNode[], SelectionSetNode>();

function rootSetOf(fields: readonly FieldNode[]): SelectionSetNode {
  let set = rootSets.get(fields);
  if (!set) rootSets.set(fields, (set = { kind: Kind.SELECTION_SET, selections: fields }));
  return set;
}

/**
 * The rule `data` breaks as an answer to `fields` of the root type, or null when it breaks none.
 * Pass the same `fields` list for every partner asked them: what checking them takes is kept by it.
 */
export function rootViolation(
  data: Record<string, unknown>,
  root: GraphQLObjectType,
  fields: readonly FieldNode[],
  ctx: Context,
): ViolationFound | null {
  const found = checkFields(data, root, rootSetOf(fields), ctx);
  if (found) return reported(found);
  // A partner serves one incubator: a list of several is another's passed off as its own.
  for (const field of fields) {
    const list = field.name.value === 'incubators' ? data[responseKey(field)] : undefined;
    if (Array.isArray(list) && list.length > 1)
      return { rule: 'FOREIGN_ID', detail: `${responseKey(field)} lists ${list.length} incubators; a partner serves one` };
  }
  return null;
}

/**
 * The rule an `_entities` answer breaks, or null: one answer per representation sent, each for the
 * representation's id (the data source asks for it under a reserved key, entities.ts),
 * and each holding the entity rules above.
 */
export function entitiesViolation(
  entities: unknown,
  representations: readonly { __typename: string; id?: unknown }[],
  field: FieldNode,
  ctx: Context,
): ViolationFound | null {
  if (!Array.isArray(entities)) return { rule: 'SHAPE', detail: '_entities is not a list' };
  if (entities.length !== representations.length) {
    return { rule: 'ENTITIES', detail: `_entities has ${entities.length} answers for ${representations.length} representations` };
  }
  for (let i = 0; i < entities.length; i++) {
    const entity: unknown = entities[i];
    if (entity === null) continue;
    const representation = representations[i] as { __typename: string; id?: unknown };
    const type = ctx.schema.getType(representation.__typename);
    if (!isObjectType(type)) return { rule: 'SHAPE', detail: `_entities[${i}] has no contract type` };
    const record = isRecord(entity) ? entity : {};
    if (record[ENTITY_KEYS.id] !== representation.id) {
      const answered = String(JSON.stringify(record[ENTITY_KEYS.id])).slice(0, 120);
      return {
        rule: 'ENTITIES',
        detail: `_entities[${i}] is ${answered}, asked ${representation.__typename} ${JSON.stringify(representation.id)}`,
      };
    }
    const found = checkFields(entity, type, field.selectionSet, ctx);
    if (found) return reported(under('_entities', under(i, found)));
  }
  return null;
}

/**
 * The reserved key under which an `_entities` request asks each answer's id (its type needs no
 * key: an answer of another type misses the fields asked of this one, a SHAPE problem).
 */
export const ENTITY_KEYS = { id: '__gg_id' } as const;
