/**
 * What changed between two versions of the graph, in words an API consumer reads: types, fields,
 * arguments and enum values added, removed or changed, the breaking ones marked (graphql-js
 * decides which break existing queries). Compared on the API schema of each supergraph — what
 * clients see — not on the federation plumbing.
 */
import { Supergraph } from '@apollo/federation-internals';
import { publicVariant, withoutSecurityFeatures } from '@gouvgraph/gateway-core';
import {
  findBreakingChanges,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isRequiredArgument,
  isRequiredInputField,
  isUnionType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

export interface SchemaChange {
  kind: 'added' | 'removed' | 'changed';
  /** e.g. `Startup.statsUrl`. */
  path: string;
  /** One sentence in French. */
  description: string;
  /** Existing queries may stop working. */
  breaking: boolean;
}

/** The public API schema of a supergraph: what anyone can query at `/graphql`. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(withoutSecurityFeatures(publicVariant(supergraphSdl))).apiSchema().toGraphQLJSSchema();
}

const ownTypes = (schema: GraphQLSchema) => Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'type';
  if (isInterfaceType(type)) return 'interface';
  if (isUnionType(type)) return 'union';
  if (isEnumType(type)) return 'énumération';
  if (isInputObjectType(type)) return 'type d’entrée';
  return 'scalaire';
}

type AnyField = GraphQLField<unknown, unknown> | GraphQLInputField;
const fieldsOf = (type: GraphQLNamedType): Record<string, AnyField> =>
  isObjectType(type) || isInterfaceType(type) || isInputObjectType(type) ? (type.getFields() as Record<string, AnyField>) : {};
const argsOf = (field: AnyField) => ('args' in field ? field.args : []);

/** Every change from `before` to `after`, in the order of the type map (stable). */
export function diffSchemas(before: GraphQLSchema, after: GraphQLSchema): SchemaChange[] {
  // graphql-js says what breaks existing queries ("Startup.name changed type from…", "Query.news arg
  // first has changed type…"): a change carries the mark when its path is named there.
  const breaking = findBreakingChanges(before, after).map((c) => c.description);
  const breaks = (path: string) => breaking.some((d) => d.startsWith(`${path} `) || d.includes(` ${path} `) || d.includes(` ${path}.`));
  const changes: SchemaChange[] = [];
  const add = (kind: SchemaChange['kind'], path: string, description: string, isBreaking = kind === 'removed') => changes.push({ kind, path, description, breaking: isBreaking || breaks(path) });

  const old = new Map(ownTypes(before).map((t) => [t.name, t]));
  const now = new Map(ownTypes(after).map((t) => [t.name, t]));
  for (const [name, type] of old) if (!now.has(name)) add('removed', name, `${kindOf(type)} \`${name}\` supprimé`);
  for (const [name, type] of now) {
    const previous = old.get(name);
    if (!previous) {
      add('added', name, `${kindOf(type)} \`${name}\` ajouté`, false);
      continue;
    }
    if (kindOf(previous) !== kindOf(type)) {
      add('changed', name, `\`${name}\` devient ${kindOf(type)} (était ${kindOf(previous)})`, true);
      continue;
    }
    if (isEnumType(previous) && isEnumType(type)) {
      const was = new Set(previous.getValues().map((v) => v.name));
      const is = new Set(type.getValues().map((v) => v.name));
      for (const v of was) if (!is.has(v)) add('removed', `${name}.${v}`, `valeur \`${v}\` retirée de \`${name}\``);
      for (const v of is) if (!was.has(v)) add('added', `${name}.${v}`, `valeur \`${v}\` ajoutée à \`${name}\``, false);
    }
    if (isUnionType(previous) && isUnionType(type)) {
      const was = new Set(previous.getTypes().map((t) => t.name));
      const is = new Set(type.getTypes().map((t) => t.name));
      for (const t of was) if (!is.has(t)) add('removed', name, `\`${t}\` retiré de l’union \`${name}\``);
      for (const t of is) if (!was.has(t)) add('added', name, `\`${t}\` ajouté à l’union \`${name}\``, false);
    }
    const wasFields = fieldsOf(previous);
    const isFields = fieldsOf(type);
    for (const field of Object.keys(wasFields)) if (!(field in isFields)) add('removed', `${name}.${field}`, `champ \`${name}.${field}\` supprimé`);
    for (const [field, definition] of Object.entries(isFields)) {
      const path = `${name}.${field}`;
      const prior = wasFields[field];
      if (!prior) {
        // A new input field nobody sends breaks every query that omits it when it is required.
      add('added', path, `champ \`${path}: ${String(definition.type)}\` ajouté`, !('args' in definition) && isRequiredInputField(definition));
        continue;
      }
      if (String(prior.type) !== String(definition.type)) add('changed', path, `champ \`${path}\` : \`${String(prior.type)}\` devient \`${String(definition.type)}\``, false);
      const wasArgs = new Map(argsOf(prior).map((a) => [a.name, a]));
      const isArgs = new Map(argsOf(definition).map((a) => [a.name, a]));
      for (const arg of wasArgs.keys()) if (!isArgs.has(arg)) add('removed', `${path}(${arg})`, `argument \`${arg}\` retiré de \`${path}\``);
      for (const [arg, a] of isArgs) {
        const was = wasArgs.get(arg);
        if (!was) add('added', `${path}(${arg})`, `argument \`${arg}: ${String(a.type)}\` ajouté à \`${path}\``, isRequiredArgument(a));
        else if (String(was.type) !== String(a.type)) {
          add('changed', `${path}(${arg})`, `argument \`${path}(${arg})\` : \`${String(was.type)}\` devient \`${String(a.type)}\``, breaks(`${path} arg ${arg}`) || breaking.some((d) => d.startsWith(`${path} arg ${arg} `)));
        }
      }
    }
  }
  return changes;
}
