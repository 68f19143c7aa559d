/**
 * The conformance checker a partner runs before joining: it passes the incubator kit, and it
 * fails a subgraph that drifted from the contract, naming each fault.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { loadSeedData, partnerSeed } from '@gouvgraph/data';
import { createGraphQLHandler, listen, type Listening } from '@gouvgraph/http';
import { openDatabase, startIncubatorSubgraph, type DatabaseConnection, type RunningIncubatorSubgraph } from '@gouvgraph/incubator';
import { checkSubgraph, contractSdl, formatReport } from '@gouvgraph/schema';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const data = loadSeedData();
let connection: DatabaseConnection;
let kit: RunningIncubatorSubgraph;
let broken: Listening & { stop(): Promise<void> };

/** The contract with the drift a hurried fork would have. */
function driftedSdl(): string {
  const sdl = contractSdl
    .replace('\n  "The mission, in one or two sentences (at most 2,000 characters)."\n  pitch: String!', '')
    .replace('  phase: Phase!\n', '  phase: String\n  contactEmail: String\n')
    .replace('\n  "Mature, run within the beta.gouv.fr network."\n  OPERATED', '');
  expect(sdl).not.toBe(contractSdl);
  return sdl;
}

/** A subgraph on the drifted SDL whose startup ids do not name the partner and whose entities come back reversed. */
async function startBrokenSubgraph() {
  const startups = data.startups.filter((s) => s.incubator === 'culture').slice(0, 3);
  const schema = buildSubgraphSchema({
    typeDefs: parse(driftedSdl()),
    resolvers: {
      Query: {
        incubators: () => [{ id: 'culture', name: 'Culture' }],
        startups: () => ({
          totalCount: startups.length,
          edges: startups.map((s) => ({ cursor: s.id, node: { id: s.id, name: s.title } })),
          pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
        }),
      },
    },
  });
  // Entities answered in reverse order: exactly what the gateway cannot put back together.
  const entities = schema.getQueryType()?.getFields()._entities;
  if (entities) entities.resolve = (_: unknown, args: { representations: { id: string }[] }) => [...args.representations].reverse();
  const server = new ApolloServer({ schema, stopOnTerminationSignals: false, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  await server.start();
  const http = await listen(createGraphQLHandler({ server, context: async () => ({}) }));
  return { ...http, stop: async () => (await http.close(), await server.stop()) };
}

beforeAll(async () => {
  connection = await openDatabase({ kind: 'pglite' });
  kit = await startIncubatorSubgraph({ partnerId: 'culture', connection, seed: partnerSeed(data, 'culture') });
  broken = await startBrokenSubgraph();
});
afterAll(async () => {
  await kit?.stop();
  await broken?.stop();
  await connection?.close();
});

describe('conformance checker', () => {
  it('passes the incubator kit', async () => {
    const report = await checkSubgraph(kit.url, { pageSize: 7 });
    expect(
      report.checks.filter((c) => !c.ok),
      formatReport(report),
    ).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.length).toBeGreaterThanOrEqual(5);
    expect(report.contractVersion).toBe('1.1');
    expect(formatReport(report)).toContain('PASS  implements a version of the contract\n      - contract 1.1, the current one');
  });

  it('passes a kit still on contract 1.0, and says what reads null until it upgrades', async () => {
    const old = await startIncubatorSubgraph({ partnerId: 'menj', connection, contractVersion: '1.0', seed: partnerSeed(data, 'menj') });
    try {
      const report = await checkSubgraph(old.url);
      expect(report.ok, formatReport(report)).toBe(true);
      expect(report.contractVersion).toBe('1.0');
      expect(formatReport(report)).toContain(
        "contract 1.0; the gateway's is 1.1: until this subgraph upgrades, Startup.statsUrl, Startup.budgetUrl, Startup.impactUrl read null for its rows; requests that send CreateStartupInput.statsUrl,",
      );
    } finally {
      await old.stop();
    }
  });

  it('fails a drifted subgraph and names every fault', async () => {
    const report = await checkSubgraph(`${broken.origin}/graphql`);
    expect(report.ok).toBe(false);
    const text = formatReport(report);
    // graphql-inspector's wording, measured against the closest contract version.
    expect(text).toContain('FAIL  implements a version of the contract\n      - compared with contract 1.1, the closest:');
    expect(text).toContain("Field 'pitch' was removed from object type 'Startup'");
    expect(text).toContain("Field 'Startup.phase' changed type from 'Phase!' to 'String'");
    expect(text).toContain("Enum value 'OPERATED' was removed from enum 'Phase'");
    // An addition is not a fault (the gateway never asks for it); with the faults, it goes unmentioned.
    expect(text).not.toContain('contactEmail');
    expect(text).toMatch(/startup id "[^"]+" does not start with "culture\/"/);
    expect(text).toContain('_entities returned');
    expect(text).toContain('is not a contract cursor');
  });

  it('fails, with a non-zero exit, against a URL where nothing answers', () => {
    const cli = fileURLToPath(new URL('../schema/bin/check-subgraph.mjs', import.meta.url));
    const run = spawnSync(process.execPath, [cli, 'http://127.0.0.1:9/graphql'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('FAIL  publishes its SDL');
    expect(run.stdout).toContain('does not answer');
  });
});
