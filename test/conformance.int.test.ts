/**
 * The conformance checker a partner runs before joining: it passes the incubator kit, and it
 * fails a subgraph that drifted from the contract, naming each fault and the rule it breaks (a
 * kit behind a proxy that rewrites its answers, one fault at a time). A kit with no startups yet
 * is told what could not be verified; `--with-sample` verifies it and leaves its database as it was.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { loadSeedData, partnerSeed } from '@gouvgraph/data';
import { createGraphQLHandler, listen, type Listening } from '@gouvgraph/http';
import {
  checkKit,
  openDatabase,
  schemaForPartner,
  startIncubatorSubgraph,
  type DatabaseConnection,
  type RunningIncubatorSubgraph,
} from '@gouvgraph/incubator';
import { checkSubgraph, contractSdl, formatReport, type Violation } from '@gouvgraph/schema';
import { startMisbehavingProxy, type MisbehavingProxy, type ProxyMode } from '@gouvgraph/testing';
import { sql } from 'drizzle-orm';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const data = loadSeedData();
let connection: DatabaseConnection;
let kit: RunningIncubatorSubgraph;
let broken: Listening & { stop(): Promise<void> };
let proxy: MisbehavingProxy;

/** The contract with the drift a hurried fork would have. */
function driftedSdl(): string {
  const sdl = contractSdl
    .replace('\n  "The mission, in one or two sentences (at most 2,000 characters)."\n  pitch: String!', '')
    .replace('the one that started last."\n  phase: Phase!\n', 'the one that started last."\n  phase: String\n  contactEmail: String\n')
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
          edges: startups.map((s) => ({
            cursor: s.id,
            node: { id: s.id, name: s.title, incubator: { id: 'culture' }, phaseStart: '2024-01-08', phases: [] },
          })),
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
  proxy = await startMisbehavingProxy(kit.url);
});
afterAll(async () => {
  await proxy?.stop();
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
    expect(report.contractVersion).toBe('1.3');
    expect(formatReport(report)).toContain('PASS  implements a version of the contract\n      - contract 1.3, the current one');
    expect(formatReport(report)).toContain('PASS  tallies its startups as their histories say');
  });

  it('passes a kit still on contract 1.0, and says what reads null until it upgrades', async () => {
    const old = await startIncubatorSubgraph({ partnerId: 'menj', connection, contractVersion: '1.0', seed: partnerSeed(data, 'menj') });
    try {
      const report = await checkSubgraph(old.url);
      expect(report.ok, formatReport(report)).toBe(true);
      expect(report.contractVersion).toBe('1.0');
      expect(formatReport(report)).toContain(
        "contract 1.0; the gateway's is 1.3: until this subgraph upgrades, Incubator.startupTally, Incubator.thematics, Startup.statsUrl, Startup.budgetUrl, Startup.impactUrl read null for its rows; requests that send Mutation.createStartup.idempotencyKey,",
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
    expect(text).toContain('FAIL  implements a version of the contract  [SDL]\n      - compared with contract 1.3, the closest:');
    expect(report.checks.find((c) => c.name === 'implements a version of the contract')?.rule).toBe('SDL');
    expect(text).toContain("Field 'pitch' was removed from object type 'Startup'");
    expect(text).toContain("Field 'Startup.phase' changed type from 'Phase!' to 'String'");
    expect(text).toContain("Enum value 'OPERATED' was removed from enum 'Phase'");
    // An addition is not a fault (the gateway never asks for it); with the faults, it goes unmentioned.
    expect(text).not.toContain('contactEmail');
    expect(text).toMatch(/startup id "[^"]+" does not start with "culture\/"/);
    expect(text).toContain('_entities returned');
    expect(text).toContain('is not a contract cursor');
  });

  // One fault at a time, made by a proxy in front of the kit: the check it breaks, and the rule.
  const reversed = (list: unknown[]) => [...list].reverse();
  const FAULTS: { rule: Violation; check: string; mode: ProxyMode }[] = [
    {
      rule: 'FOREIGN_ID',
      check: 'serves one incubator',
      mode: { kind: 'rewrite', answer: (a) => (a.data?.incubators && (a.data.incubators = [...a.data.incubators, { id: 'mtes' }]), a) },
    },
    {
      rule: 'FOREIGN_ID',
      check: 'walks its startups',
      mode: {
        kind: 'rewrite',
        answer: (a, asked) => {
          if (asked.query.includes('ConformanceWalk'))
            for (const e of a.data?.startups?.edges ?? []) e.node.id = e.node.id.replace('culture/', 'mtes/');
          return a;
        },
      },
    },
    {
      rule: 'ENTITIES',
      check: 'resolves entities',
      mode: { kind: 'rewrite', answer: (a) => (a.data?._entities && (a.data._entities = reversed(a.data._entities)), a) },
    },
    {
      rule: 'ORDER',
      check: 'walks its startups',
      mode: {
        kind: 'rewrite',
        answer: (a) => {
          const connection = a.data?.startups;
          if (connection?.pageInfo && connection.edges.length > 1) {
            connection.edges = reversed(connection.edges);
            connection.pageInfo.endCursor = connection.edges.at(-1).cursor;
          }
          return a;
        },
      },
    },
    {
      rule: 'AFTER_CURSOR',
      check: 'walks its startups',
      mode: { kind: 'rewrite', request: (r) => (r.variables && delete r.variables.after, r) },
    },
    {
      rule: 'PAGE_SIZE',
      check: 'walks its startups',
      mode: {
        kind: 'rewrite',
        request: (r) => (r.query.includes('ConformanceWalk') && r.variables && (r.variables.first = Number(r.variables.first) + 1), r),
      },
    },
    {
      rule: 'CURSOR',
      check: 'walks its startups',
      mode: {
        kind: 'rewrite',
        answer: (a) => {
          const connection = a.data?.startups;
          if (connection?.pageInfo && connection.edges.length > 1) connection.pageInfo.endCursor = connection.edges[0].cursor;
          return a;
        },
      },
    },
    {
      rule: 'COUNT',
      check: 'walks its startups',
      mode: {
        kind: 'rewrite',
        // Counts what is left after `after`, not every row: the count changes from page to page.
        answer: (a, asked) => (asked.variables?.after && a.data?.startups && (a.data.startups.totalCount -= 1), a),
      },
    },
    {
      rule: 'ORDER',
      check: 'walks 3 pages in each other order',
      mode: {
        kind: 'rewrite',
        // Answers every order as the default one: cursors for another order.
        request: (r) => (r.variables && delete r.variables.orderBy, r),
      },
    },
    {
      rule: 'SCALAR',
      check: 'answers valid values',
      mode: {
        kind: 'rewrite',
        answer: (a) => {
          const [first, second] = a.data?.startups?.edges ?? [];
          if (first?.node && 'website' in first.node) first.node.website = 'javascript:alert(1)';
          if (second?.node && 'phases' in second.node) second.node.phases = [{ phase: 'PAUSED', start: '2025-02-30', end: null }];
          return a;
        },
      },
    },
    {
      rule: 'TALLY',
      check: 'tallies its startups',
      // One startup too many: the rows no longer add up to totalCount.
      mode: {
        kind: 'rewrite',
        answer: (a) => (a.data?.incubator?.startupTally?.[0] && (a.data.incubator.startupTally[0].startups += 1), a),
      },
    },
    {
      rule: 'TALLY',
      check: 'tallies its startups',
      // Sums that still add up, but a review the histories do not have: only the histories tell.
      mode: {
        kind: 'rewrite',
        answer: (a) => (a.data?.incubator?.startupTally?.[0] && (a.data.incubator.startupTally[0].committeeReviews += 1), a),
      },
    },
    {
      rule: 'ARGUMENTS',
      check: 'refuses a page larger than 100',
      mode: { kind: 'rewrite', request: (r) => ({ ...r, query: r.query.replace('first: 101', 'first: 100') }) },
    },
  ];

  it.each(FAULTS)('fails a subgraph that breaks $rule in the check "$check…"', async ({ rule, check, mode }) => {
    proxy.setMode(mode);
    try {
      const report = await checkSubgraph(proxy.url, { pageSize: 7, maxPages: 4, partnerId: 'culture' });
      expect(report.ok, formatReport(report)).toBe(false);
      const failed = report.checks.find((c) => c.name.startsWith(check));
      expect(failed, formatReport(report)).toMatchObject({ ok: false, rule });
      expect(formatReport(report)).toContain(`[${rule}]`);
      expect(report.unreachable).toBe(false);
    } finally {
      proxy.setMode({ kind: 'pass' });
    }
  });

  it('names every value at fault, with the rule', async () => {
    proxy.setMode(FAULTS.find((f) => f.rule === 'SCALAR')?.mode ?? { kind: 'pass' });
    try {
      const text = formatReport(await checkSubgraph(proxy.url));
      expect(text).toContain('.website is "javascript:alert(1)", not an absolute http(s) URL');
      expect(text).toContain('.phases[0].phase is "PAUSED", not a value of the enum Phase');
      expect(text).toContain('.phases[0].start is "2025-02-30", not a real YYYY-MM-DD day');
    } finally {
      proxy.setMode({ kind: 'pass' });
    }
  });

  describe('a new partner with no startups yet', () => {
    const calvados = { id: 'calvados', title: 'Incubateur du Calvados' };
    let empty: RunningIncubatorSubgraph;
    beforeAll(async () => {
      empty = await startIncubatorSubgraph({
        partnerId: calvados.id,
        connection,
        seed: { incubator: calvados, startups: [], organisations: [] },
      });
    });
    afterAll(async () => {
      await empty?.stop();
    });

    /** Every row of the partner's tables, table by table. */
    const rows = async () => {
      const db = connection.drizzle();
      const counts: Record<string, number> = {};
      for (const table of [
        'incubator',
        'organisations',
        'startups',
        'startup_phases',
        'startup_events',
        'startup_sponsors',
        'seed_marks',
      ]) {
        const result = await db.execute(sql.raw(`select count(*)::int as n from ${schemaForPartner(calvados.id)}.${table}`));
        // PGlite answers { rows }, postgres.js the rows themselves.
        const found = result as unknown as { n: number }[] | { rows: { n: number }[] };
        counts[table] = Number((Array.isArray(found) ? found[0] : found.rows[0])?.n);
      }
      return counts;
    };

    it('passes, and says plainly what it could not verify and how to', async () => {
      const report = await checkSubgraph(empty.url, { partnerId: calvados.id });
      expect(report.ok, formatReport(report)).toBe(true);
      expect(report.unverified.join('\n')).toMatch(/the order, cursors and `after` \(no startups\)/);
      expect(report.unverified.join('\n')).toContain("startups' values");
      expect(report.unverified.join('\n')).toContain('the other orders');
      expect(report.unverified.join('\n')).toContain('startup entities');
      const text = formatReport(report);
      expect(text).toContain('Not verified, for want of startups to check them on:');
      expect(text).toContain('--with-sample');
      expect(text).toContain('create 3 startups, run the check, delete them');
    });

    it('--with-sample verifies everything on a sample, and leaves the database as it was', async () => {
      const before = await rows();
      expect(before.startups).toBe(0);
      const report = await checkKit({ connection, partnerId: calvados.id, withSample: true });
      expect(
        report.checks.filter((c) => !c.ok),
        formatReport(report),
      ).toEqual([]);
      expect(report.unverified, formatReport(report)).toEqual([]);
      expect(await rows()).toEqual(before);
      // The kit already serving the database, targeted by its URL: the sample shows there too, then goes.
      const targeted = await checkKit({ connection, partnerId: calvados.id, url: empty.url, withSample: true });
      expect(targeted.ok, formatReport(targeted)).toBe(true);
      expect(await rows()).toEqual(before);
    });

    it('--with-sample leaves nothing behind when the check fails', async () => {
      const before = await rows();
      const report = await checkKit({
        connection,
        partnerId: calvados.id,
        url: 'http://127.0.0.1:9/graphql',
        withSample: true,
        check: { timeoutMs: 2_000 },
      });
      expect(report.ok).toBe(false);
      expect(report.unreachable).toBe(true);
      expect(await rows()).toEqual(before);
    });
  });

  it('fails, with a non-zero exit, against a URL where nothing answers', () => {
    const cli = fileURLToPath(new URL('../schema/bin/check-subgraph.mjs', import.meta.url));
    const run = spawnSync(process.execPath, [cli, 'http://127.0.0.1:9/graphql'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('FAIL  publishes its SDL');
    expect(run.stdout).toContain('does not answer');
  });
});
