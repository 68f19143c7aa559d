/**
 * Compares a subgraph's SDL with the contract: every type, field, argument, enum value and
 * input field of the contract must be there with the same type, nothing may be added, and
 * the entities must keep their keys. Each difference is one precise, actionable line.
 */
import {
  buildASTSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  Kind,
  parse,
  type DocumentNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { contractTypeDefs } from '../sdl.js';

/** Types federation adds to every subgraph; they are not the contract's business. */
const FEDERATION_TYPES = /^(_Service|_Any|_Entity|_FieldSet|FieldSet|link__.*|federation__.*|join__.*)$/;
const FEDERATION_FIELDS = new Set(['_service', '_entities']);

function schemaOf(document: DocumentNode): GraphQLSchema {
  // Keep type definitions only: directive definitions and @link come from federation.
  const definitions = document.definitions.filter(
    (d) => d.kind !== Kind.SCHEMA_EXTENSION && d.kind !== Kind.SCHEMA_DEFINITION && d.kind !== Kind.DIRECTIVE_DEFINITION,
  );
  return buildASTSchema({ kind: Kind.DOCUMENT, definitions }, { assumeValidSDL: true });
}

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'object type';
  if (isInterfaceType(type)) return 'interface';
  if (isUnionType(type)) return 'union';
  if (isEnumType(type)) return 'enum';
  if (isInputObjectType(type)) return 'input type';
  if (isScalarType(type)) return 'scalar';
  return 'type';
}

function keysOf(document: DocumentNode, typeName: string): string[] {
  const keys: string[] = [];
  for (const d of document.definitions) {
    if ((d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === typeName) {
      for (const directive of d.directives ?? []) {
        if (directive.name.value !== 'key' && directive.name.value !== 'federation__key') continue;
        const fields = directive.arguments?.find((a) => a.name.value === 'fields')?.value;
        if (fields?.kind === Kind.STRING) keys.push(fields.value.trim());
      }
    }
  }
  return keys;
}

function compareFields(
  typeName: string,
  expected: Record<string, GraphQLField<unknown, unknown>>,
  actual: Record<string, GraphQLField<unknown, unknown>>,
  problems: string[],
): void {
  for (const [name, field] of Object.entries(expected)) {
    const other = actual[name];
    if (!other) {
      problems.push(`${typeName}.${name} is missing (the contract has ${name}: ${String(field.type)})`);
      continue;
    }
    if (String(other.type) !== String(field.type)) {
      problems.push(`${typeName}.${name} has type ${String(other.type)}; the contract says ${String(field.type)}`);
    }
    for (const arg of field.args) {
      const otherArg = other.args.find((a) => a.name === arg.name);
      if (!otherArg) problems.push(`${typeName}.${name}(${arg.name}:) is missing (the contract has ${arg.name}: ${String(arg.type)})`);
      else if (String(otherArg.type) !== String(arg.type)) {
        problems.push(`${typeName}.${name}(${arg.name}:) has type ${String(otherArg.type)}; the contract says ${String(arg.type)}`);
      } else if (JSON.stringify(otherArg.defaultValue) !== JSON.stringify(arg.defaultValue)) {
        // A partner with another default answers the same query differently: the merge would mix them.
        problems.push(
          `${typeName}.${name}(${arg.name}:) defaults to ${JSON.stringify(otherArg.defaultValue) ?? 'nothing'}; the contract says ${JSON.stringify(arg.defaultValue) ?? 'nothing'}`,
        );
      }
    }
    for (const arg of other.args) {
      if (!field.args.some((a) => a.name === arg.name)) problems.push(`${typeName}.${name}(${arg.name}:) is not in the contract`);
    }
  }
  for (const name of Object.keys(actual)) {
    if (!expected[name] && !FEDERATION_FIELDS.has(name)) problems.push(`${typeName}.${name} is not in the contract`);
  }
}

/** The differences between a subgraph SDL and the contract; empty when it conforms. */
export function compareWithContract(sdl: string): string[] {
  let document: DocumentNode;
  try {
    document = parse(sdl);
  } catch (error) {
    return [`the SDL does not parse: ${(error as Error).message}`];
  }
  const expected = schemaOf(contractTypeDefs);
  const actual = schemaOf(document);
  const problems: string[] = [];
  const named = (schema: GraphQLSchema) =>
    Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__') && !FEDERATION_TYPES.test(t.name));

  for (const type of named(expected)) {
    const other = actual.getType(type.name);
    if (!other) {
      problems.push(`${kindOf(type)} ${type.name} is missing`);
      continue;
    }
    if (kindOf(other) !== kindOf(type)) {
      problems.push(`${type.name} is a ${kindOf(other)}; the contract makes it a ${kindOf(type)}`);
      continue;
    }
    if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(other) || isInterfaceType(other))) {
      compareFields(type.name, type.getFields(), other.getFields(), problems);
    } else if (isInputObjectType(type) && isInputObjectType(other)) {
      const a = type.getFields();
      const b = other.getFields();
      for (const [name, field] of Object.entries(a)) {
        const o = b[name];
        if (!o) problems.push(`${type.name}.${name} is missing (the contract has ${name}: ${String(field.type)})`);
        else if (String(o.type) !== String(field.type)) {
          problems.push(`${type.name}.${name} has type ${String(o.type)}; the contract says ${String(field.type)}`);
        } else if (JSON.stringify(o.defaultValue) !== JSON.stringify(field.defaultValue)) {
          problems.push(
            `${type.name}.${name} defaults to ${JSON.stringify(o.defaultValue) ?? 'nothing'}; the contract says ${JSON.stringify(field.defaultValue) ?? 'nothing'}`,
          );
        }
      }
      for (const name of Object.keys(b)) if (!a[name]) problems.push(`${type.name}.${name} is not in the contract`);
    } else if (isEnumType(type) && isEnumType(other)) {
      const a = type.getValues().map((v) => v.name);
      const b = other.getValues().map((v) => v.name);
      for (const v of a) if (!b.includes(v)) problems.push(`enum ${type.name} lacks the value ${v}`);
      for (const v of b) if (!a.includes(v)) problems.push(`enum ${type.name} has the value ${v}, which is not in the contract`);
    }
  }
  for (const type of named(actual)) {
    if (!expected.getType(type.name)) problems.push(`${kindOf(type)} ${type.name} is not in the contract`);
  }
  for (const entity of ['Incubator', 'Startup', 'Organisation']) {
    const wanted = keysOf(contractTypeDefs, entity);
    const got = keysOf(document, entity);
    for (const key of wanted) {
      if (!got.includes(key)) problems.push(`${entity} must be an entity with @key(fields: "${key}")`);
    }
  }
  return problems;
}
