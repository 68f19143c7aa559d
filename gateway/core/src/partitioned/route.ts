/**
 * Which partners a piece of an operation needs, read from ids alone (ids name their owner:
 * see @gouvgraph/schema ids.ts). This is the only file that knows the contract's arguments.
 */
import { ownerOf } from '@gouvgraph/schema';
import type { FieldNode } from 'graphql';
import { argumentValue, type Variables } from './document.js';

/** Every partner, or exactly these (possibly none). */
export type Target = { kind: 'all' } | { kind: 'some'; partnerIds: string[] };

const ALL: Target = { kind: 'all' };
const only = (id: string | null | undefined): Target => ({ kind: 'some', partnerIds: id ? [id] : [] });

const asString = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * How many partners a root query field calls, and, for a list, how many rows each sends (a
 * partner serves exactly one incubator). For the cost estimate (limits/cost.ts).
 */
export function queryFieldFanOut(
  field: FieldNode,
  variables: Variables,
  partnerCount: number,
): { partners: number; rowsPerPartner?: number } {
  const target = queryFieldTarget(field, variables);
  const partners = target.kind === 'all' ? partnerCount : target.partnerIds.length;
  return field.name.value === 'incubators' ? { partners, rowsPerPartner: 1 } : { partners };
}

/** The partners a root query field needs. */
export function queryFieldTarget(field: FieldNode, variables: Variables): Target {
  switch (field.name.value) {
    case 'incubator':
      return only(ownerOf('Incubator', asString(argumentValue(field, 'id', variables)) ?? ''));
    case 'startup':
      return only(ownerOf('Startup', asString(argumentValue(field, 'id', variables)) ?? ''));
    case 'startups': {
      const filter = argumentValue(field, 'filter', variables);
      const incubator = filter && typeof filter === 'object' ? asString((filter as Record<string, unknown>).incubator) : null;
      return incubator === null ? ALL : only(ownerOf('Incubator', incubator));
    }
    default:
      return ALL;
  }
}

/**
 * The partner a root mutation field writes to: from the startup id it names, or from the
 * incubator of the startup it creates. Null when the arguments name no well-formed owner.
 */
export function mutationOwner(field: FieldNode, variables: Variables): string | null {
  const startupId = asString(argumentValue(field, 'startupId', variables) ?? argumentValue(field, 'id', variables));
  if (startupId !== null) return ownerOf('Startup', startupId);
  const input = argumentValue(field, 'input', variables);
  const incubatorId = input && typeof input === 'object' ? asString((input as Record<string, unknown>).incubatorId) : null;
  return incubatorId === null ? null : ownerOf('Incubator', incubatorId);
}

/** Whether a root mutation field carries an idempotency key (contract 1.2): sent again, it is applied at most once. */
export function carriesIdempotencyKey(field: FieldNode, variables: Variables): boolean {
  return asString(argumentValue(field, 'idempotencyKey', variables)) !== null;
}

/** The partner that owns an entity representation, or null. */
export function representationOwner(representation: unknown): string | null {
  if (!representation || typeof representation !== 'object') return null;
  const { __typename, id } = representation as Record<string, unknown>;
  return typeof __typename === 'string' && typeof id === 'string' ? ownerOf(__typename, id) : null;
}

/**
 * Entity types no partner owns (reference data every partner holds, like organisations): their
 * representations go to every partner, whose answers are merged.
 */
export function isSharedEntity(typename: unknown): boolean {
  return typename === 'Organisation';
}
