/**
 * Compares a subgraph's SDL with the contract's versions, with @graphql-inspector/core doing
 * the diffing of types, fields, arguments and enums. The gateway is the subgraph's client, so a
 * subgraph may serve a version when nothing the gateway relies on changed: no change inspector
 * rates breaking (a field removed, a type changed) or dangerous (a default that moved, an enum
 * value the gateway does not know). Additions are fine — the gateway never asks for them —
 * which lets a partner upgrade before the gateway does. Entity keys are checked on their own:
 * federation lets a subgraph spell them several ways (on an `extend type`, as
 * `@federation__key`, with other spacing), all equivalent.
 */
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildASTSchema, Kind, parse, type DefinitionNode, type DocumentNode, type GraphQLSchema } from 'graphql';
import { CONTRACT_VERSION, CONTRACT_VERSIONS, contractVersion, type ContractVersion } from '../versions.js';

/** Types and fields federation adds to every subgraph; they are not the contract's business. */
const FEDERATION_TYPES = /^(_Service|_Any|_Entity|_FieldSet|FieldSet|link__.*|federation__.*|join__.*)$/;
const FEDERATION_FIELDS = new Set(['_service', '_entities']);
/** The entities the gateway resolves by key. */
const ENTITIES = ['Incubator', 'Startup', 'Organisation'];

/** The contract-relevant schema of an SDL: its types, without federation's own nor any directive usage. */
function schemaOf(document: DocumentNode): GraphQLSchema {
  const definitions: DefinitionNode[] = [];
  for (const d of document.definitions) {
    if (d.kind === Kind.SCHEMA_EXTENSION || d.kind === Kind.SCHEMA_DEFINITION || d.kind === Kind.DIRECTIVE_DEFINITION) continue;
    if ('name' in d && d.name && FEDERATION_TYPES.test(d.name.value)) continue;
    const withoutDirectives = { ...d, directives: [] } as DefinitionNode;
    if ((d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.fields) {
      definitions.push({
        ...d,
        directives: [],
        fields: d.fields.filter((f) => !FEDERATION_FIELDS.has(f.name.value)).map((f) => ({ ...f, directives: [] })),
      });
      continue;
    }
    definitions.push(withoutDirectives);
  }
  return buildASTSchema({ kind: Kind.DOCUMENT, definitions }, { assumeValidSDL: true });
}

/** The keys an SDL declares for `typeName`, spacing normalised, wherever and however it declares them. */
function keysOf(document: DocumentNode, typeName: string): Set<string> {
  const keys = new Set<string>();
  for (const d of document.definitions) {
    if ((d.kind !== Kind.OBJECT_TYPE_DEFINITION && d.kind !== Kind.OBJECT_TYPE_EXTENSION) || d.name.value !== typeName) continue;
    for (const directive of d.directives ?? []) {
      if (directive.name.value !== 'key' && directive.name.value !== 'federation__key') continue;
      const fields = directive.arguments?.find((a) => a.name.value === 'fields')?.value;
      if (fields?.kind === Kind.STRING) keys.add(fields.value.trim().replace(/\s+/g, ' '));
    }
  }
  return keys;
}

function keyProblems(version: ContractVersion, document: DocumentNode): string[] {
  const problems: string[] = [];
  for (const entity of ENTITIES) {
    const got = keysOf(document, entity);
    for (const key of keysOf(version.typeDefs, entity)) {
      if (!got.has(key)) problems.push(`${entity} must be an entity with @key(fields: "${key}")`);
    }
  }
  return problems;
}

const schemas = new Map<string, GraphQLSchema>();
/** A contract version as a plain schema (no federation types, no directives), built once. */
export function versionSchema(version: ContractVersion): GraphQLSchema {
  let schema = schemas.get(version.version);
  if (!schema) schemas.set(version.version, (schema = schemaOf(version.typeDefs)));
  return schema;
}

/** What a subgraph may add to what the gateway asks without it mattering: an optional argument it never sends. */
const HARMLESS = new Set<string>(['FIELD_ARGUMENT_ADDED']);
const refuses = (change: Change) =>
  change.criticality.level === CriticalityLevel.Breaking ||
  (change.criticality.level === CriticalityLevel.Dangerous && !HARMLESS.has(change.type));

export interface ContractMatch {
  /** The newest contract version the SDL serves, or null when it serves none. */
  version: string | null;
  /** Refused: what differs from the closest version (`closest`), one line per change. */
  problems: string[];
  /** The version the problems are measured against (the one with the fewest). */
  closest: string;
  /** Additions the gateway does not know and will not ask for. */
  ignored: string[];
}

/** What a subgraph lacks or changed of one version, and what it added. */
async function compare(
  version: ContractVersion,
  document: DocumentNode,
  schema: GraphQLSchema,
): Promise<{ problems: Change[]; keys: string[]; ignored: string[] }> {
  const found = await diff(versionSchema(version), schema);
  return {
    problems: found.filter(refuses),
    keys: keyProblems(version, document),
    ignored: found.filter((c) => !refuses(c) && c.type.endsWith('_ADDED')).map((c) => c.message),
  };
}

/** The schema coordinates a version lacks of the current contract (what it would "remove"). */
async function lackedSince(version: ContractVersion): Promise<Change[]> {
  const current = contractVersion(CONTRACT_VERSION) as ContractVersion;
  return version === current ? [] : (await diff(versionSchema(current), versionSchema(version))).filter(refuses);
}

/** Which contract version a subgraph's SDL implements, or exactly why none. */
export async function matchContract(sdl: string): Promise<ContractMatch> {
  let document: DocumentNode;
  let schema: GraphQLSchema;
  try {
    document = parse(sdl);
    schema = schemaOf(document);
  } catch (error) {
    return { version: null, problems: [`the SDL does not parse: ${(error as Error).message}`], closest: CONTRACT_VERSION, ignored: [] };
  }
  const newestFirst = [...CONTRACT_VERSIONS].reverse();
  const current = newestFirst[0] as ContractVersion;
  const againstCurrent = await compare(current, document, schema);
  let best: ContractMatch | null = null;
  for (const version of newestFirst) {
    const found = version === current ? againstCurrent : await compare(version, document, schema);
    const problems = [...found.problems.map((c) => c.message), ...found.keys];
    if (problems.length === 0) {
      if (version !== current) {
        // An older version, unless it tried for a newer one and got part of it wrong: what it has
        // of the current contract must be as the current contract says, only what it lacks may differ.
        const lacked = new Set((await lackedSince(version)).map((c) => `${c.type} ${c.path}`));
        const wrong = againstCurrent.problems.filter((c) => !lacked.has(`${c.type} ${c.path}`));
        if (wrong.length) return { version: null, problems: wrong.map((c) => c.message), closest: current.version, ignored: [] };
      }
      return { version: version.version, problems, closest: version.version, ignored: found.ignored };
    }
    if (!best || problems.length < best.problems.length) best = { version: null, problems, closest: version.version, ignored: [] };
  }
  return best as ContractMatch;
}

/** The differences between a subgraph's SDL and one contract version (the current one by default); empty when it serves it. */
export async function compareWithContract(sdl: string, version: string = CONTRACT_VERSION): Promise<string[]> {
  const wanted = contractVersion(version);
  if (!wanted) return [`the contract has no version ${version}`];
  let document: DocumentNode;
  try {
    document = parse(sdl);
  } catch (error) {
    return [`the SDL does not parse: ${(error as Error).message}`];
  }
  const found = await compare(wanted, document, schemaOf(document));
  return [...found.problems.map((c) => c.message), ...found.keys];
}

/**
 * What a partner on `version` lacks of the current contract, as schema coordinates: output
 * fields (`Startup.statsUrl`), which the gateway answers null for its rows, and what requests
 * may send (`UpdateStartupInput.statsUrl`), which it cannot be asked.
 */
export async function missingSince(version: string): Promise<{ fields: string[]; inputs: string[] }> {
  const from = contractVersion(version);
  const missing = { fields: [] as string[], inputs: [] as string[] };
  if (!from) return missing;
  for (const change of await lackedSince(from)) {
    // A type it lacks shows through the fields that use it.
    if (change.type === 'TYPE_REMOVED') continue;
    (change.type === 'FIELD_REMOVED' ? missing.fields : missing.inputs).push(change.path ?? change.message);
  }
  return missing;
}
