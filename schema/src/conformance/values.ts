/**
 * The values of a sample page, every field asked, held to what the contract types them as: a
 * `Date` a real `YYYY-MM-DD` day, a `URL` an absolute http(s) URL within `URL_LIMIT`, an enum value
 * the contract has, texts and lists within `TEXT_LIMITS` and `LIST_LIMITS` (violation `SCALAR`),
 * nothing null that the contract says cannot be (`SHAPE`). The question is built from the contract
 * version the subgraph serves, so a partner on an earlier one is asked only what it has.
 */
import {
  getNamedType,
  isEnumType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { LIST_LIMITS, URL_LIMIT, textLimit } from '../limits.js';
import { isHttpUrl, isIsoDate } from '../scalars.js';
import type { ViolationFound } from '../violations.js';

/** Every field of `type` without arguments, objects `depth` levels down. */
function selection(type: GraphQLObjectType, depth: number): string {
  const fields: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.length > 0) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) fields.push(field.name);
    else if (isObjectType(named) && depth > 0) fields.push(`${field.name} { ${selection(named, depth - 1)} }`);
  }
  return fields.join(' ');
}

/** The sample question: the incubator and the first `first` startups, every field of both. */
export function sampleQuery(schema: GraphQLSchema): string {
  const incubator = schema.getType('Incubator') as GraphQLObjectType;
  const startup = schema.getType('Startup') as GraphQLObjectType;
  return `query ConformanceValues($first: Int) {
    incubators { ${selection(incubator, 1)} }
    startups(first: $first) { edges { node { ${selection(startup, 2)} } } } }`;
}

const length = (text: string) => [...text].length;
const shown = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

/** What is wrong with `value`, read as `type` at `coordinate` (`Startup.website`), found at `path`. */
function check(type: GraphQLOutputType, value: unknown, coordinate: string, path: string, out: ViolationFound[]): void {
  if (value === null || value === undefined) {
    if (isNonNullType(type)) out.push({ rule: 'SHAPE', detail: `${path} is null; the contract says ${String(type)}` });
    return;
  }
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return void out.push({ rule: 'SHAPE', detail: `${path} is not a list` });
    const most = LIST_LIMITS[coordinate];
    if (most !== undefined && value.length > most)
      out.push({ rule: 'SCALAR', detail: `${path} has ${value.length} items; the contract allows ${most}` });
    value.forEach((item, i) => check(nullable.ofType, item, coordinate, `${path}[${i}]`, out));
    return;
  }
  if (isObjectType(nullable)) {
    if (typeof value !== 'object' || Array.isArray(value)) return void out.push({ rule: 'SHAPE', detail: `${path} is not an object` });
    for (const [name, item] of Object.entries(value)) {
      const field = nullable.getFields()[name];
      if (field) check(field.type, item, `${nullable.name}.${name}`, `${path}.${name}`, out);
    }
    return;
  }
  if (isEnumType(nullable)) {
    if (!nullable.getValues().some((v) => v.name === value))
      out.push({ rule: 'SCALAR', detail: `${path} is ${shown(value)}, not a value of the enum ${nullable.name}` });
    return;
  }
  const scalar = nullable.name;
  if (scalar === 'Int') {
    if (!Number.isInteger(value)) out.push({ rule: 'SCALAR', detail: `${path} is ${shown(value)}, not an Int` });
  } else if (scalar === 'Boolean') {
    if (typeof value !== 'boolean') out.push({ rule: 'SCALAR', detail: `${path} is ${shown(value)}, not a Boolean` });
  } else if (typeof value !== 'string') {
    out.push({ rule: 'SCALAR', detail: `${path} is ${shown(value)}, not a ${scalar}` });
  } else if (scalar === 'Date') {
    if (!isIsoDate(value)) out.push({ rule: 'SCALAR', detail: `${path} is ${shown(value)}, not a real YYYY-MM-DD day` });
  } else if (scalar === 'URL') {
    if (!isHttpUrl(value) || value.length > URL_LIMIT)
      out.push({ rule: 'SCALAR', detail: `${path} is ${shown(value)}, not an absolute http(s) URL of at most ${URL_LIMIT} characters` });
  } else if (length(value) > textLimit(coordinate, scalar)) {
    out.push({
      rule: 'SCALAR',
      detail: `${path} has ${length(value)} characters; the contract allows ${textLimit(coordinate, scalar)} for ${coordinate}`,
    });
  }
}

/** What is wrong with the sample's values (`data` of `sampleQuery`), each with its rule. */
export function valueProblems(schema: GraphQLSchema, data: Record<string, unknown>): ViolationFound[] {
  const problems: ViolationFound[] = [];
  const incubator = schema.getType('Incubator') as GraphQLObjectType;
  const startup = schema.getType('Startup') as GraphQLObjectType;
  const incubators = Array.isArray(data.incubators) ? data.incubators : [];
  incubators.forEach((value, i) => check(incubator, value, 'Incubator', `incubators[${i}]`, problems));
  const edges = (data.startups as { edges?: { node?: { id?: unknown } }[] } | undefined)?.edges ?? [];
  for (const edge of edges) check(startup, edge.node, 'Startup', `startup ${shown(edge.node?.id)}`, problems);
  return problems;
}
