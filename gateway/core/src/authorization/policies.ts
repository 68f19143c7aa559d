/**
 * Authorisation declared in the schema: Federation's `@authenticated` and `@requiresScopes`,
 * which composition carries into the supergraph and @apollo/gateway ignores. Read here from
 * the supergraph SDL, per field and per type, for the gateway to enforce (authorize.ts) and to
 * leave out of the public variant (variant.ts).
 */
import { Kind, parse, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import type { Caller } from '../identity/caller.js';

/** What reading a field takes: an authenticated caller, and/or one of several sets of scopes. */
export interface Requirement {
  authenticated: boolean;
  /** Any one set, each scope of it held; null when no scope is required. */
  scopes: string[][] | null;
}

export interface Policies {
  /** By `Type.field`. */
  fields: ReadonlyMap<string, Requirement>;
  /** By type: every field returning it needs it too. */
  types: ReadonlyMap<string, Requirement>;
}

function requirementOf(directives: readonly ConstDirectiveNode[] | undefined): Requirement | null {
  let authenticated = false;
  let scopes: string[][] | null = null;
  for (const directive of directives ?? []) {
    if (directive.name.value === 'authenticated') authenticated = true;
    if (directive.name.value === 'requiresScopes') {
      const value = directive.arguments?.find((a) => a.name.value === 'scopes')?.value;
      if (value?.kind === Kind.LIST) {
        scopes = value.values.map((set) =>
          set.kind === Kind.LIST ? set.values.flatMap((s) => (s.kind === Kind.STRING ? [s.value] : [])) : [],
        );
      }
    }
  }
  return authenticated || scopes ? { authenticated, scopes } : null;
}

/** The policies a supergraph declares. */
export function policiesOf(supergraph: string | DocumentNode): Policies {
  const document = typeof supergraph === 'string' ? parse(supergraph) : supergraph;
  const fields = new Map<string, Requirement>();
  const types = new Map<string, Requirement>();
  for (const d of document.definitions) {
    // On a scalar or an enum: every field returning it needs it.
    if (d.kind === Kind.SCALAR_TYPE_DEFINITION || d.kind === Kind.ENUM_TYPE_DEFINITION) {
      const onType = requirementOf(d.directives);
      if (onType) types.set(d.name.value, onType);
      continue;
    }
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION && d.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const onType = requirementOf(d.directives);
    if (onType) types.set(d.name.value, onType);
    for (const field of d.fields ?? []) {
      const onField = requirementOf(field.directives);
      if (onField) fields.set(`${d.name.value}.${field.name.value}`, onField);
    }
  }
  return { fields, types };
}

export const isEmpty = (policies: Policies) => policies.fields.size === 0 && policies.types.size === 0;

/** Whether `caller` meets `requirement`: agents and partners are authenticated; scopes as their token says. */
export function satisfies(caller: Caller, requirement: Requirement): boolean {
  if (requirement.authenticated && caller.kind === 'anonymous') return false;
  if (requirement.scopes === null) return true;
  return requirement.scopes.some((set) => set.every((scope) => caller.scopes.includes(scope)));
}

/** Says what a requirement asks, for the error a refused caller reads. */
export function describe(requirement: Requirement): string {
  const scopes = requirement.scopes?.map((set) => set.join(' and ')).join(', or ');
  if (scopes) return `it needs the scope ${scopes}`;
  return 'it is for authenticated agents and partners';
}
