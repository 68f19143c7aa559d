/**
 * What changed between two versions of the graph, in words an API consumer reads: types, fields,
 * arguments, enum values and union members added, removed or changed, each rated by
 * @graphql-inspector/core (breaking, dangerous or safe for existing queries). Compared on the API
 * schema of each supergraph — what clients see — not on the federation plumbing.
 */
import { Supergraph } from '@apollo/federation-internals';
import { publicVariant, withoutSecurityFeatures } from '@gouvgraph/gateway-core';
import { ChangeType, CriticalityLevel, type Change, type SerializableChange } from '@graphql-inspector/core';
// The changelog is described synchronously, where a release's page is filled in (`routes.ts`);
// `diff()` is this same function behind a promise that only its optional rules need.
import { diffSchema } from '@graphql-inspector/core/diff/schema';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

export interface SchemaChange {
  kind: 'added' | 'removed' | 'changed';
  /** e.g. `Startup.statsUrl`, `Query.startups(first)`. */
  path: string;
  /** One sentence in French. */
  description: string;
  /**
   * graphql-inspector's rating: BREAKING when existing queries may stop working, DANGEROUS when
   * they keep working but may see something new (an enum value, an optional argument), else
   * NON_BREAKING.
   */
  criticality: CriticalityLevel;
}

/** Existing queries may stop working: the changes the changelog marks. */
export const isBreaking = (change: SchemaChange): boolean => change.criticality === CriticalityLevel.Breaking;

/** The public API schema of a supergraph: what anyone can query at `/graphql`. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(withoutSecurityFeatures(publicVariant(supergraphSdl)))
    .apiSchema()
    .toGraphQLJSSchema();
}

function kindOf(type: GraphQLNamedType | undefined | null): string {
  if (isObjectType(type)) return 'type';
  if (isInterfaceType(type)) return 'interface';
  if (isUnionType(type)) return 'union';
  if (isEnumType(type)) return 'énumération';
  if (isInputObjectType(type)) return 'type d’entrée';
  return 'scalaire';
}

type Described = Pick<SchemaChange, 'kind' | 'path' | 'description'>;

/**
 * A change in French, or null for what a query cannot notice (descriptions, directives' own
 * changes) and for what the sentence of an enclosing change already says (the fields of a new
 * type, the arguments of a new field, the deprecation of either).
 */
function describe(change: SerializableChange, before: GraphQLSchema, after: GraphQLSchema, added: ReadonlySet<string>): Described | null {
  switch (change.type) {
    case ChangeType.TypeAdded: {
      const name = change.meta.addedTypeName;
      return { kind: 'added', path: name, description: `${kindOf(after.getType(name))} \`${name}\` ajouté` };
    }
    case ChangeType.TypeRemoved: {
      const name = change.meta.removedTypeName;
      return { kind: 'removed', path: name, description: `${kindOf(before.getType(name))} \`${name}\` supprimé` };
    }
    case ChangeType.TypeKindChanged: {
      const name = change.meta.typeName;
      return {
        kind: 'changed',
        path: name,
        description: `\`${name}\` devient ${kindOf(after.getType(name))} (était ${kindOf(before.getType(name))})`,
      };
    }
    case ChangeType.FieldAdded: {
      const { typeName, addedFieldName, addedFieldReturnType } = change.meta;
      if (added.has(typeName)) return null;
      const path = `${typeName}.${addedFieldName}`;
      return { kind: 'added', path, description: `champ \`${path}: ${addedFieldReturnType}\` ajouté` };
    }
    case ChangeType.InputFieldAdded: {
      const { inputName, addedInputFieldName, addedInputFieldType, addedToNewType } = change.meta;
      if (addedToNewType) return null;
      const path = `${inputName}.${addedInputFieldName}`;
      return { kind: 'added', path, description: `champ \`${path}: ${addedInputFieldType}\` ajouté` };
    }
    case ChangeType.FieldRemoved:
    case ChangeType.InputFieldRemoved: {
      const path = `${'typeName' in change.meta ? change.meta.typeName : change.meta.inputName}.${change.meta.removedFieldName}`;
      return { kind: 'removed', path, description: `champ \`${path}\` supprimé` };
    }
    case ChangeType.FieldTypeChanged: {
      const { typeName, fieldName, oldFieldType, newFieldType } = change.meta;
      const path = `${typeName}.${fieldName}`;
      return { kind: 'changed', path, description: `champ \`${path}\` : \`${oldFieldType}\` devient \`${newFieldType}\`` };
    }
    case ChangeType.InputFieldTypeChanged: {
      const { inputName, inputFieldName, oldInputFieldType, newInputFieldType } = change.meta;
      const path = `${inputName}.${inputFieldName}`;
      return { kind: 'changed', path, description: `champ \`${path}\` : \`${oldInputFieldType}\` devient \`${newInputFieldType}\`` };
    }
    case ChangeType.FieldArgumentAdded: {
      const { typeName, fieldName, addedArgumentName, addedArgumentType, addedToNewField } = change.meta;
      if (addedToNewField) return null;
      return {
        kind: 'added',
        path: `${typeName}.${fieldName}(${addedArgumentName})`,
        description: `argument \`${addedArgumentName}: ${addedArgumentType}\` ajouté à \`${typeName}.${fieldName}\``,
      };
    }
    case ChangeType.FieldArgumentRemoved: {
      const { typeName, fieldName, removedFieldArgumentName } = change.meta;
      return {
        kind: 'removed',
        path: `${typeName}.${fieldName}(${removedFieldArgumentName})`,
        description: `argument \`${removedFieldArgumentName}\` retiré de \`${typeName}.${fieldName}\``,
      };
    }
    case ChangeType.FieldArgumentTypeChanged: {
      const { typeName, fieldName, argumentName, oldArgumentType, newArgumentType } = change.meta;
      const path = `${typeName}.${fieldName}(${argumentName})`;
      return { kind: 'changed', path, description: `argument \`${path}\` : \`${oldArgumentType}\` devient \`${newArgumentType}\`` };
    }
    case ChangeType.FieldArgumentDefaultChanged: {
      // A query that leaves the argument out gets other results: a change a client should read.
      const { typeName, fieldName, argumentName, oldDefaultValue, newDefaultValue } = change.meta;
      const path = `${typeName}.${fieldName}(${argumentName})`;
      return {
        kind: 'changed',
        path,
        description: `valeur par défaut de l’argument \`${path}\` : ${defaultValue(oldDefaultValue)} devient ${defaultValue(newDefaultValue)}`,
      };
    }
    case ChangeType.InputFieldDefaultValueChanged: {
      const { inputName, inputFieldName, oldDefaultValue, newDefaultValue } = change.meta;
      const path = `${inputName}.${inputFieldName}`;
      return {
        kind: 'changed',
        path,
        description: `valeur par défaut du champ \`${path}\` : ${defaultValue(oldDefaultValue)} devient ${defaultValue(newDefaultValue)}`,
      };
    }
    case ChangeType.EnumValueAdded: {
      const { enumName, addedEnumValueName, addedToNewType } = change.meta;
      if (addedToNewType) return null;
      return {
        kind: 'added',
        path: `${enumName}.${addedEnumValueName}`,
        description: `valeur \`${addedEnumValueName}\` ajoutée à \`${enumName}\``,
      };
    }
    case ChangeType.EnumValueRemoved: {
      const { enumName, removedEnumValueName } = change.meta;
      return {
        kind: 'removed',
        path: `${enumName}.${removedEnumValueName}`,
        description: `valeur \`${removedEnumValueName}\` retirée de \`${enumName}\``,
      };
    }
    case ChangeType.UnionMemberAdded: {
      const { unionName, addedUnionMemberTypeName, addedToNewType } = change.meta;
      if (addedToNewType) return null;
      return { kind: 'added', path: unionName, description: `\`${addedUnionMemberTypeName}\` ajouté à l’union \`${unionName}\`` };
    }
    case ChangeType.UnionMemberRemoved: {
      const { unionName, removedUnionMemberTypeName } = change.meta;
      return { kind: 'removed', path: unionName, description: `\`${removedUnionMemberTypeName}\` retiré de l’union \`${unionName}\`` };
    }
    case ChangeType.ObjectTypeInterfaceAdded: {
      // A fragment on the interface now also matches this type.
      const { objectTypeName, addedInterfaceName, addedToNewType } = change.meta;
      if (addedToNewType) return null;
      return { kind: 'added', path: objectTypeName, description: `\`${objectTypeName}\` implémente l’interface \`${addedInterfaceName}\`` };
    }
    case ChangeType.ObjectTypeInterfaceRemoved: {
      const { objectTypeName, removedInterfaceName } = change.meta;
      return {
        kind: 'removed',
        path: objectTypeName,
        description: `\`${objectTypeName}\` n’implémente plus l’interface \`${removedInterfaceName}\``,
      };
    }
    case ChangeType.FieldDeprecationAdded: {
      // Announced before it is removed: what this changelog is read for.
      const path = `${change.meta.typeName}.${change.meta.fieldName}`;
      if (added.has(path) || added.has(change.meta.typeName)) return null;
      return { kind: 'changed', path, description: `champ \`${path}\` déprécié : ${change.meta.deprecationReason}` };
    }
    case ChangeType.FieldDeprecationRemoved: {
      const path = `${change.meta.typeName}.${change.meta.fieldName}`;
      return { kind: 'changed', path, description: `champ \`${path}\` n’est plus déprécié` };
    }
    case ChangeType.EnumValueDeprecationReasonAdded: {
      const { enumName, enumValueName, addedValueDeprecationReason } = change.meta;
      if (added.has(`${enumName}.${enumValueName}`) || added.has(enumName)) return null;
      return {
        kind: 'changed',
        path: `${enumName}.${enumValueName}`,
        description: `valeur \`${enumValueName}\` de \`${enumName}\` dépréciée : ${addedValueDeprecationReason}`,
      };
    }
    case ChangeType.EnumValueDeprecationReasonRemoved: {
      const { enumName, enumValueName } = change.meta;
      return {
        kind: 'changed',
        path: `${enumName}.${enumValueName}`,
        description: `valeur \`${enumValueName}\` de \`${enumName}\` n’est plus dépréciée`,
      };
    }
    default:
      // Descriptions, deprecation reasons reworded, directive definitions and usages: not a change
      // to what a query asks or gets. A breaking one among them is still listed (see diffSchemas).
      return null;
  }
}

const defaultValue = (value: string | undefined) => (value === undefined ? 'aucune' : `\`${value}\``);

/** Every change from `before` to `after`, in graphql-inspector's order (stable). */
export function diffSchemas(before: GraphQLSchema, after: GraphQLSchema): SchemaChange[] {
  const changes = diffSchema(before, after);
  // What is new, by path: a new type's fields and a new field's deprecation go without saying.
  const added = new Set(
    changes.flatMap((c) =>
      c.type === ChangeType.TypeAdded || c.type === ChangeType.FieldAdded || c.type === ChangeType.EnumValueAdded ? [c.path ?? ''] : [],
    ),
  );
  return changes.flatMap((change: Change): SchemaChange[] => {
    // Inspector types `Change` loosely (`Change<any>`); its `type` and `meta` are one of its serialisable changes.
    const described = describe({ type: change.type, meta: change.meta } as SerializableChange, before, after, added) ?? undescribed(change);
    return described ? [{ ...described, criticality: change.criticality.level }] : [];
  });
}

/** A breaking change no sentence above covers (a schema's root type, a directive): never left out. */
function undescribed(change: Change): Described | null {
  if (change.criticality.level !== CriticalityLevel.Breaking) return null;
  return { kind: 'changed', path: change.path ?? '', description: `\`${change.path ?? 'schéma'}\` : ${change.message}` };
}
