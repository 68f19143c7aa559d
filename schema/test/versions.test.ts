/**
 * Contract versions: which version an SDL implements (diffed by @graphql-inspector/core), the
 * exact differences when it implements none, and the rules every new version must keep.
 */
import { readFileSync } from 'node:fs';
import { buildASTSchema, isNonNullType, isObjectType, Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  compareWithContract,
  contractHash,
  contractSdl,
  CONTRACT_VERSION,
  CONTRACT_VERSIONS,
  FROZEN_CONTRACTS,
  matchContract,
  missingSince,
  type ContractVersion,
} from '../src/index.js';

const v10 = readFileSync(new URL('../contracts/1.0.graphql', import.meta.url), 'utf8');

describe('contract versions', () => {
  it('are frozen once published: a changed file fails here', () => {
    for (const [version, hash] of Object.entries(FROZEN_CONTRACTS)) {
      const file = readFileSync(new URL(`../contracts/${version}.graphql`, import.meta.url), 'utf8');
      expect(contractHash(file), `contracts/${version}.graphql was edited`).toBe(hash);
    }
    expect(CONTRACT_VERSIONS.at(-1)?.version).toBe(CONTRACT_VERSION);
    expect(contractSdl).toContain(`version ${CONTRACT_VERSION}.`);
  });

  it('only ever add what an older partner can be filled in for: nullable fields, optional inputs', async () => {
    const { diff, CriticalityLevel } = await import('@graphql-inspector/core');
    const schemaOf = (version: ContractVersion) =>
      buildASTSchema(
        { kind: Kind.DOCUMENT, definitions: version.typeDefs.definitions.filter((d) => d.kind !== Kind.SCHEMA_EXTENSION) },
        { assumeValidSDL: true },
      );
    for (const [i, after] of CONTRACT_VERSIONS.entries()) {
      const before = CONTRACT_VERSIONS[i - 1];
      if (!before) continue; // the first version has none before it
      const changes = await diff(schemaOf(before), schemaOf(after));
      expect(changes.length, `${before.version} → ${after.version} changes nothing`).toBeGreaterThan(0);
      // Inspector calls a new optional argument, enum value or input field dangerous for clients; for
      // partners they are additions like any other (an older partner is refused a request using them).
      const additive = new Set(['FIELD_ARGUMENT_ADDED', 'ENUM_VALUE_ADDED', 'INPUT_FIELD_ADDED']);
      const refused = changes.filter(
        (c) =>
          c.criticality.level === CriticalityLevel.Breaking ||
          (c.criticality.level === CriticalityLevel.Dangerous && !additive.has(c.type)),
      );
      expect(refused.map((c) => c.message)).toEqual([]);
      // Inspector rates a new non-null output field safe for clients; a partner without it could not be filled in.
      // A new type's fields may be non-null: it is reached only through a new (nullable) field.
      const next = schemaOf(after);
      const previous = schemaOf(before);
      for (const change of changes.filter((c) => c.type === 'FIELD_ADDED')) {
        const [typeName, fieldName] = (change.path ?? '').split('.');
        if (!previous.getType(typeName ?? '')) continue;
        const type = next.getType(typeName ?? '');
        if (!isObjectType(type)) continue;
        const field = type.getFields()[fieldName ?? ''];
        expect(isNonNullType(field?.type), `${change.path} must be nullable`).toBe(false);
        expect(field, `${change.path} is not in ${after.version}`).toBeDefined();
      }
    }
  });
});

describe('matching an SDL to a version', () => {
  it('finds the current contract, and 1.0 for a partner that has not upgraded', async () => {
    expect(await matchContract(contractSdl)).toMatchObject({ version: CONTRACT_VERSION, problems: [] });
    expect(await matchContract(v10)).toMatchObject({ version: '1.0', problems: [] });
    const missing = await missingSince('1.0');
    expect(missing.fields).toEqual([
      'Incubator.startupTally',
      'Incubator.thematics',
      'Startup.statsUrl',
      'Startup.budgetUrl',
      'Startup.impactUrl',
    ]);
    expect(missing.inputs).toEqual(expect.arrayContaining(['CreateStartupInput.statsUrl', 'UpdateStartupInput.impactUrl']));
    expect(await missingSince(CONTRACT_VERSION)).toEqual({ fields: [], inputs: [] });
  });

  it('accepts additions the gateway will not ask for (a partner ahead of the gateway)', async () => {
    const ahead = contractSdl.replace('  impactUrl: URL\n}', '  impactUrl: URL\n  dashlordUrl: URL\n}');
    expect(ahead).not.toBe(contractSdl);
    const match = await matchContract(ahead);
    expect(match.version).toBe(CONTRACT_VERSION);
    expect(match.ignored).toEqual(["Field 'dashlordUrl' was added to object type 'Startup'"]);
  });

  it('refuses a removed field, a changed type, a lost key or a moved default, each named exactly', async () => {
    const broken = contractSdl
      .replace('  "The mission, in one or two sentences (at most 2,000 characters)."\n  pitch: String!\n', '')
      .replace('  repository: URL\n  accessibility', '  repository: String\n  accessibility')
      .replace('type Startup @key(fields: "id")', 'type Startup')
      .replace('first: Int = 20', 'first: Int = 100');
    const match = await matchContract(broken);
    expect(match.version).toBeNull();
    expect(match.closest).toBe(CONTRACT_VERSION);
    expect(match.problems).toEqual(
      expect.arrayContaining([
        "Field 'pitch' was removed from object type 'Startup'",
        "Field 'Startup.repository' changed type from 'URL' to 'String'",
        'Startup must be an entity with @key(fields: "id")',
        "Default value for argument 'first' on field 'Query.startups' changed from '20' to '100'",
      ]),
    );
    expect(await compareWithContract(broken)).toEqual(match.problems);
  });

  it('accepts a key however federation lets it be written, and an extra one', async () => {
    const spelled = [
      `${contractSdl.replace('type Startup @key(fields: "id") {', 'type Startup {')}\nextend type Startup @key(fields: "id")\n`,
      contractSdl.replace('type Startup @key(fields: "id")', 'type Startup @federation__key(fields: " id ")'),
      contractSdl.replace('type Startup @key(fields: "id")', 'type Startup @key(fields: "id") @key(fields: "slug")'),
    ];
    for (const [i, sdl] of spelled.entries()) {
      expect(sdl).not.toBe(contractSdl);
      expect((await matchContract(sdl)).problems, `spelling ${i + 1}`).toEqual([]);
    }
  });

  it('refuses a partner that tried for 1.1 and got a 1.1 field wrong, rather than file it under 1.0', async () => {
    const mistyped = contractSdl.replace(
      '  statsUrl: URL\n  "Where it publishes its budget. Since contract 1.1."',
      '  statsUrl: String\n  "Where it publishes its budget. Since contract 1.1."',
    );
    expect(mistyped).not.toBe(contractSdl);
    expect(await matchContract(mistyped)).toMatchObject({
      version: null,
      closest: CONTRACT_VERSION,
      problems: ["Field 'Startup.statsUrl' changed type from 'URL' to 'String'"],
    });
  });

  it('measures a 1.0 partner that broke something against 1.0, its closest version', async () => {
    const match = await matchContract(v10.replace('  technologies: [String!]!\n', ''));
    expect(match).toMatchObject({
      version: null,
      closest: '1.0',
      problems: ["Field 'technologies' was removed from object type 'Startup'"],
    });
  });

  it('says when the SDL does not parse, or the version does not exist', async () => {
    expect((await matchContract('type {')).problems[0]).toMatch(/^the SDL does not parse/);
    expect(await compareWithContract(contractSdl, '0.9')).toEqual(['the contract has no version 0.9']);
  });
});
