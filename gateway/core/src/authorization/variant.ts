/**
 * The public variant of the graph (a "contract" in Apollo's words, which @apollo/gateway does
 * not offer): the same supergraph with every field that needs an identity or a scope marked
 * `@inaccessible`, so the public endpoint's schema does not even show them. Query planning is
 * unchanged; agents use the full variant.
 */
import { Kind, parse, print, visit, type ConstDirectiveNode, type DefinitionNode, type FieldDefinitionNode } from 'graphql';
import { policiesOf } from './policies.js';

const INACCESSIBLE_SPEC = 'https://specs.apollo.dev/inaccessible/v0.2';
const INACCESSIBLE_DEFINITION = parse(
  'directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION',
).definitions[0] as DefinitionNode;
const inaccessible: ConstDirectiveNode = { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: 'inaccessible' } };
const linkToInaccessible: ConstDirectiveNode = {
  kind: Kind.DIRECTIVE,
  name: { kind: Kind.NAME, value: 'link' },
  arguments: [
    { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'url' }, value: { kind: Kind.STRING, value: INACCESSIBLE_SPEC } },
    { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'for' }, value: { kind: Kind.ENUM, value: 'SECURITY' } },
  ],
};

const SECURITY_DIRECTIVES = new Set(['authenticated', 'requiresScopes']);
const SECURITY_SPECS = /specs\.apollo\.dev\/(authenticated|requiresScopes)\//;

/**
 * The supergraph as @apollo/gateway will load it: it refuses a supergraph whose security
 * features it does not implement (rightly: it would not enforce them). The gateway enforces
 * them itself (authorize.ts), from the policies read before they are taken out here.
 */
export function withoutSecurityFeatures(supergraphSdl: string): string {
  if (!SECURITY_SPECS.test(supergraphSdl)) return supergraphSdl;
  const document = visit(parse(supergraphSdl), {
    Directive: (node) => {
      if (SECURITY_DIRECTIVES.has(node.name.value)) return null;
      if (node.name.value === 'link' && node.arguments?.some((a) => a.value.kind === Kind.STRING && SECURITY_SPECS.test(a.value.value)))
        return null;
      return undefined;
    },
    DirectiveDefinition: (node) => (SECURITY_DIRECTIVES.has(node.name.value) ? null : undefined),
    ScalarTypeDefinition: (node) => (node.name.value === 'requiresScopes__Scope' ? null : undefined),
  });
  return print(document);
}

/** The supergraph without what needs an identity or a scope; the same text when nothing does. */
export function publicVariant(supergraphSdl: string): string {
  const document = parse(supergraphSdl);
  const policies = policiesOf(document);
  if (policies.fields.size === 0 && policies.types.size === 0) return supergraphSdl;
  const hidden = (typeName: string, field: FieldDefinitionNode) => {
    let named = field.type;
    while (named.kind !== Kind.NAMED_TYPE) named = named.type;
    return policies.fields.has(`${typeName}.${field.name.value}`) || policies.types.has(named.name.value);
  };
  const alreadyLinked = document.definitions.some(
    (d) => d.kind === Kind.SCHEMA_DEFINITION && d.directives?.some((x) => x.name.value === 'link' && print(x).includes(INACCESSIBLE_SPEC)),
  );
  const defined = document.definitions.some((d) => d.kind === Kind.DIRECTIVE_DEFINITION && d.name.value === 'inaccessible');
  const definitions = document.definitions.map((d): DefinitionNode => {
    if (d.kind === Kind.SCHEMA_DEFINITION && !alreadyLinked) return { ...d, directives: [...(d.directives ?? []), linkToInaccessible] };
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION && d.kind !== Kind.INTERFACE_TYPE_DEFINITION) return d;
    const onType = policies.types.has(d.name.value);
    return {
      ...d,
      directives: onType ? [...(d.directives ?? []), inaccessible] : d.directives,
      fields: d.fields?.map((f) => (hidden(d.name.value, f) ? { ...f, directives: [...(f.directives ?? []), inaccessible] } : f)),
    } as DefinitionNode;
  });
  return print({ ...document, definitions: defined ? definitions : [...definitions, INACCESSIBLE_DEFINITION] });
}
