/**
 * Compares a subgraph's SDL with the contract's versions, with @graphql-inspector/core doing
 * the diffing. The gateway is the subgraph's client, so a subgraph may serve a version when
 * nothing the gateway relies on changed: no change that inspector rates breaking (a field
 * removed, a type changed) or dangerous (a default that moved, an enum value the gateway does
 * not know, a lost @key). Additions are fine — the gateway never asks for them — which lets a
 * partner upgrade before the gateway does.
 */
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildASTSchema, Kind, parse, type DefinitionNode, type DocumentNode, type GraphQLSchema } from 'graphql';
import { CONTRACT_VERSION, CONTRACT_VERSIONS, contractVersion, type ContractVersion } from '../versions.js';

/** Types and fields federation adds to every subgraph; they are not the contract's business. */
const FEDERATION_TYPES = /^(_Service|_Any|_Entity|_FieldSet|FieldSet|link__.*|federation__.*|join__.*)$/;
const FEDERATION_FIELDS = new Set(['_service', '_entities']);

/** The contract-relevant schema of an SDL: its types with their directives, without federation's own. */
function schemaOf(document: DocumentNode): GraphQLSchema {
  const definitions: DefinitionNode[] = [];
  for (const d of document.definitions) {
    if (d.kind === Kind.SCHEMA_EXTENSION || d.kind === Kind.SCHEMA_DEFINITION || d.kind === Kind.DIRECTIVE_DEFINITION) continue;
    if ('name' in d && d.name && FEDERATION_TYPES.test(d.name.value)) continue;
    if ((d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.fields?.some((f) => FEDERATION_FIELDS.has(f.name.value))) {
      definitions.push({ ...d, fields: d.fields.filter((f) => !FEDERATION_FIELDS.has(f.name.value)) });
      continue;
    }
    definitions.push(d);
  }
  return buildASTSchema({ kind: Kind.DOCUMENT, definitions }, { assumeValidSDL: true });
}

const schemas = new Map<string, GraphQLSchema>();
function versionSchema(version: ContractVersion): GraphQLSchema {
  let schema = schemas.get(version.version);
  if (!schema) schemas.set(version.version, (schema = schemaOf(version.typeDefs)));
  return schema;
}

const refuses = (change: Change) => change.criticality.level !== CriticalityLevel.NonBreaking;

/** Changes from one contract version to a subgraph's (or another version's) schema. */
async function changes(from: ContractVersion, to: GraphQLSchema): Promise<Change[]> {
  return diff(versionSchema(from), to);
}

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

/** Which contract version a subgraph's SDL implements, or exactly why none. */
export async function matchContract(sdl: string): Promise<ContractMatch> {
  let schema: GraphQLSchema;
  try {
    schema = schemaOf(parse(sdl));
  } catch (error) {
    return { version: null, problems: [`the SDL does not parse: ${(error as Error).message}`], closest: CONTRACT_VERSION, ignored: [] };
  }
  let best: ContractMatch | null = null;
  // Newest first: a subgraph that serves several (it only adds) is on the newest.
  for (const version of [...CONTRACT_VERSIONS].reverse()) {
    const found = await changes(version, schema);
    const problems = found.filter(refuses).map((c) => c.message);
    const ignored = found.filter((c) => !refuses(c)).map((c) => c.message);
    if (problems.length === 0) return { version: version.version, problems, closest: version.version, ignored };
    if (!best || problems.length < best.problems.length) best = { version: null, problems, closest: version.version, ignored };
  }
  return best as ContractMatch;
}

/** The differences between a subgraph's SDL and one contract version (the current one by default); empty when it serves it. */
export async function compareWithContract(sdl: string, version: string = CONTRACT_VERSION): Promise<string[]> {
  const wanted = contractVersion(version);
  if (!wanted) return [`the contract has no version ${version}`];
  let schema: GraphQLSchema;
  try {
    schema = schemaOf(parse(sdl));
  } catch (error) {
    return [`the SDL does not parse: ${(error as Error).message}`];
  }
  return (await changes(wanted, schema)).filter(refuses).map((c) => c.message);
}

/**
 * What a partner on `version` lacks of the current contract, as schema coordinates: output
 * fields (`Startup.statsUrl`), which the gateway answers null for its rows, and what requests
 * may send (`UpdateStartupInput.statsUrl`), which it cannot be asked.
 */
export async function missingSince(version: string): Promise<{ fields: string[]; inputs: string[] }> {
  const from = contractVersion(version);
  const current = contractVersion(CONTRACT_VERSION) as ContractVersion;
  const missing = { fields: [] as string[], inputs: [] as string[] };
  if (!from || from === current) return missing;
  for (const change of await diff(versionSchema(current), versionSchema(from))) {
    if (!refuses(change)) continue;
    (change.type === 'FIELD_REMOVED' ? missing.fields : missing.inputs).push(change.path ?? change.message);
  }
  return missing;
}
