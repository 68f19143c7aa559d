/**
 * `pnpm bench`: measured side by side, in one run, on this machine (issue #7's scenarios).
 *
 * (a) The classic federated query over four subgraphs: stock @apollo/gateway, GouvGraph (with
 *     both caches, the fetch cache alone, neither, without deduplication) and Hive Gateway.
 * 1.  One partner: stock and GouvGraph over the same incubator subgraph.
 * (b) and (c) The government graph at 20 clients: GouvGraph over the 23 partners against stock
 *     over one oracle subgraph; (e) the same with one write in ten, writes forgetting per partner
 *     or everything; (g) what checking every
 *     partner answer costs on (b) and (c): a gateway that checks against one that does not.
 * (f) (b) and (c) sent by an authenticated agent (no whole answers from memory; the fetch cache, or not).
 * (h) The programme's numbers (programmeImpact) at 23 and 64 partners.
 * (d) Fan-out: GouvGraph over the 662 real startups dealt to 1, 8, 32 and 64 partners, one
 *     client at a time (latency), with the partners' work (2a) and without it (2b).
 *
 * Answers are checked identical before timing; rounds alternate contenders; ratios are to stock.
 *
 * Every contender runs in its own child process, killed at the end. Environment:
 * BENCH_SECONDS (per round, default 5), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 8).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CLASSIC_QUERY } from './classic.js';
import { READY, type Contender } from './contenders.js';
import { startTraceCollector } from './trace-collector.js';
import { load, median, peakRssMiB, type Sample } from './measure.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);

const ONE_PARTNER_QUERY = `{ startups(first: 20, filter: { active: true }) { totalCount
  edges { node { id name phase phaseStart incubator { name } sponsors { name } } } } }`;
const FAN_OUT_QUERY = '{ startups(first: 20) { totalCount edges { node { id name phase incubator { name } } } } }';

interface Running {
  contender: Contender;
  child: ChildProcess;
  url: string;
  samples: Sample[];
  /** Sent with each of its requests (an agent's token). */
  headers?: Record<string, string>;
}

const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

async function start(contender: Contender): Promise<Running> {
  const serve = fileURLToPath(new URL('./serve.ts', import.meta.url));
  // No contender reports telemetry to Apollo or probes cloud metadata servers: only loopback traffic.
  const child = spawn(process.execPath, ['--import', 'tsx', serve, JSON.stringify(contender)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, APOLLO_TELEMETRY_DISABLED: 'true' },
  });
  children.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => line.startsWith(READY) && resolve(line.slice(READY.length)));
    child.once('exit', (code) => reject(new Error(`${contender.label} exited with ${code} before it was ready`)));
  });
  return { contender, child, url, samples: [] };
}

async function ask(url: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown; extensions?: { gouvgraph?: { totalPartnerCalls: number } } };
}

async function stop(running: Running[]): Promise<void> {
  await Promise.all(
    running.map(
      (r) =>
        new Promise<void>((resolve) => {
          r.child.once('exit', () => resolve());
          r.child.kill('SIGTERM');
          setTimeout(() => r.child.kill('SIGKILL'), 5_000).unref();
        }),
    ),
  );
}

async function rounds(running: Running[], body: string | readonly string[], connections: number): Promise<void> {
  for (const r of running) await load(r.url, body, connections, 1, r.child.pid as number, r.headers); // warm-up
  for (let round = 1; round <= ROUNDS; round++) {
    for (const r of running) r.samples.push(await load(r.url, body, connections, SECONDS, r.child.pid as number, r.headers));
  }
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const spread = (values: number[]) => `${fmt(Math.min(...values), 0)}–${fmt(Math.max(...values), 0)}`;

function report(running: Running[], baseline: Running, extra: (r: Running) => Record<string, string>): void {
  const base = median(baseline.samples.map((s) => s.requestsPerSecond));
  const baseP50 = median(baseline.samples.map((s) => s.p50));
  const rows = running.map((r) => {
    const rps = median(r.samples.map((s) => s.requestsPerSecond));
    const p50 = median(r.samples.map((s) => s.p50));
    return {
      contender: r.contender.label,
      'req/s (median)': fmt(rps),
      'req/s spread': spread(r.samples.map((s) => s.requestsPerSecond)),
      'p50 ms': fmt(p50, 2),
      'p99 ms': fmt(median(r.samples.map((s) => s.p99)), 2),
      errors: String(r.samples.reduce((n, s) => n + s.errors, 0)),
      'CPU (cores)': fmt(median(r.samples.map((s) => s.cpu)), 2),
      // Steadier than req/s on a shared machine: what one answer costs the gateway's process.
      'CPU ms/request': fmt(median(r.samples.map((s) => (1000 * s.cpu) / s.requestsPerSecond)), 1),
      'peak RSS MiB': String(peakRssMiB(r.child.pid as number)),
      [`req/s ÷ ${baseline.contender.label}`]: fmt(rps / base, 2),
      [`p50 ÷ ${baseline.contender.label}`]: fmt(p50 / baseP50, 2),
      ...extra(r),
    };
  });
  console.table(rows);
}

async function onePartner(): Promise<void> {
  console.log(`\n1. One partner (mtes, 93 startups): ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s, alternating`);
  const running = [
    await start({ kind: 'stock', label: 'stock @apollo/gateway' }),
    await start({ kind: 'gouvgraph', label: 'GouvGraph, no cache' }),
  ];
  try {
    const answers = await Promise.all(running.map((r) => ask(r.url, ONE_PARTNER_QUERY)));
    if (JSON.stringify(answers[0]) !== JSON.stringify(answers[1]) || answers[0]?.errors) {
      throw new Error('the contenders do not return identical JSON: nothing to compare');
    }
    console.log('   identical JSON from both: yes');
    const calls = (await ask(running[1]?.url ?? '', ONE_PARTNER_QUERY, { 'gouvgraph-debug': 'partner-calls' })).extensions?.gouvgraph
      ?.totalPartnerCalls;
    await rounds(running, JSON.stringify({ query: ONE_PARTNER_QUERY }), CONNECTIONS);
    report(running, running[0] as Running, (r) => ({ 'subgraph calls/request': r.contender.kind === 'gouvgraph' ? String(calls) : '1' }));
  } finally {
    await stop(running);
  }
}

/** How many partner calls one request makes, as the gateway reports it (follow-ups included). */
async function partnerCalls(r: Running): Promise<string> {
  const answer = await ask(r.url, FAN_OUT_QUERY, { 'gouvgraph-debug': 'partner-calls' });
  return String(answer.extensions?.gouvgraph?.totalPartnerCalls ?? '?');
}

async function sameStartups(running: Running[]): Promise<void> {
  const names = await Promise.all(
    running.map(async (r) => {
      const answer = (await ask(r.url, FAN_OUT_QUERY)) as {
        data?: { startups: { totalCount: number; edges: { node: { name: string } }[] } };
      };
      return JSON.stringify([answer.data?.startups.totalCount, answer.data?.startups.edges.map((e) => e.node.name)]);
    }),
  );
  if (new Set(names).size !== 1) throw new Error('the partner counts do not return the same startups: nothing to compare');
  console.log('   same total and same first 20 startups at every partner count: yes');
}

const FAN_OUT_COUNTS = [1, 8, 32, 64];
const plural = (n: number) => `${n} partner${n > 1 ? 's' : ''}`;

/** 2a. Everything on this machine: the gateway and every partner's real work share the two cores. */
async function fanOutOneMachine(): Promise<void> {
  console.log(`\n2a. Fan-out, every partner's real work on this machine: 1 connection, ${ROUNDS} rounds of ${SECONDS} s`);
  const running: Running[] = [];
  try {
    for (const partners of FAN_OUT_COUNTS) running.push(await start({ kind: 'fan-out', label: plural(partners), partners }));
    await sameStartups(running);
    const calls = await Promise.all(running.map(partnerCalls));
    await rounds(running, JSON.stringify({ query: FAN_OUT_QUERY }), 1);
    report(running, running[0] as Running, (r) => ({ 'partner calls/request': calls[running.indexOf(r)] ?? '?' }));
  } finally {
    await stop(running);
  }
}

/** 2b. The gateway's own cost: partners answer from recordings, in another process. */
async function fanOutGatewayCost(): Promise<void> {
  console.log(
    `\n2b. Fan-out, the gateway's own cost (partners replay recorded answers from another process): 1 connection, ${ROUNDS} rounds of ${SECONDS} s`,
  );
  const partnerProcesses: Running[] = [];
  const gateways: Running[] = [];
  try {
    for (const partners of FAN_OUT_COUNTS) {
      const replay = await start({ kind: 'replay-partners', label: `replay ${partners}`, partners });
      partnerProcesses.push(replay);
      gateways.push(
        await start({ kind: 'gateway', label: plural(partners), partners: JSON.parse(replay.url) as { id: string; url: string }[] }),
      );
    }
    await sameStartups(gateways);
    const calls = await Promise.all(gateways.map(partnerCalls));
    await rounds(gateways, JSON.stringify({ query: FAN_OUT_QUERY }), 1);
    report(gateways, gateways[0] as Running, (r) => ({ 'partner calls/request': calls[gateways.indexOf(r)] ?? '?' }));
    printFanOutTarget(gateways);
  } finally {
    await stop([...gateways, ...partnerProcesses]);
  }
}

/**
 * Issue #20's fan-out target (the most partners' p50 at most 3× one partner's), the gateway's CPU
 * each further partner costs (the slope between the fewest and the most partners), and where that
 * slope puts a request at 256 partners.
 */
function printFanOutTarget(gateways: readonly Running[]): void {
  const [one, most] = [gateways[0], gateways[gateways.length - 1]] as [Running, Running];
  const p50 = (r: Running) => median(r.samples.map((s) => s.p50));
  const cpuMs = (r: Running) => median(r.samples.map((s) => (1000 * s.cpu) / s.requestsPerSecond));
  const [fewest, mostCount] = [FAN_OUT_COUNTS[0] ?? 1, FAN_OUT_COUNTS[FAN_OUT_COUNTS.length - 1] ?? 1];
  const ratio = p50(most) / p50(one);
  const perPartnerMs = (cpuMs(most) - cpuMs(one)) / (mostCount - fewest);
  console.log(`   p50 at ${mostCount} partners ÷ at ${fewest}: ${fmt(ratio, 2)}× (target: at most 3×): ${ratio <= 3 ? 'met' : 'not met'}`);
  console.log(
    `   gateway CPU per further partner: ${fmt(1000 * perPartnerMs, 0)} µs; at 256 partners, by that slope: ${fmt(cpuMs(one) + perPartnerMs * (256 - fewest), 1)} ms of CPU a request`,
  );
}

/** (a) The classic federated query over four subgraphs: stock, GouvGraph and Hive Gateway, the same upstreams. */
async function classic(): Promise<void> {
  const subgraphs = await start({ kind: 'classic-subgraphs', label: 'subgraphs' });
  const collector = await startTraceCollector();
  const running: Running[] = [];
  try {
    const urls = JSON.parse(subgraphs.url) as { name: string; url: string }[];
    const gateways = [
      ['stock', 'stock @apollo/gateway'],
      ['gouvgraph', 'GouvGraph (production defaults)'],
      ['gouvgraph-fetch-cache', 'GouvGraph, fetch cache only'],
      ['gouvgraph-no-cache', 'GouvGraph, no cache'],
      ['gouvgraph-no-dedup', 'GouvGraph, no cache, no dedup'],
      ['gouvgraph-traced', 'GouvGraph, no cache, traced (OTLP)'],
      ['hive', 'Hive Gateway'],
      ['hive-no-dedup', 'Hive Gateway, no dedup'],
      ['hive-rust-planner', 'Hive Gateway, Rust query planner'],
    ] as const;
    for (const [gateway, label] of gateways) {
      running.push(
        await start({
          kind: 'classic-gateway',
          label,
          gateway,
          subgraphs: urls,
          ...(gateway === 'gouvgraph-traced' ? { tracesTo: collector.url } : {}),
        }),
      );
    }
    const answers = await Promise.all(running.map((r) => ask(r.url, CLASSIC_QUERY)));
    const texts = answers.map((a) => JSON.stringify(a));
    if (new Set(texts).size !== 1 || answers[0]?.errors)
      throw new Error(`the contenders do not return identical JSON: nothing to compare\n${texts.map((t) => t.slice(0, 200)).join('\n')}`);
    console.log(
      `\n0. Scenario (a), the classic federated query (4 subgraphs, ${fmt((texts[0]?.length ?? 0) / 1024, 0)} KB answer): ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s, alternating`,
    );
    console.log('   identical JSON from every contender: yes');
    await rounds(running, JSON.stringify({ query: CLASSIC_QUERY }), CONNECTIONS);
    report(running, running[0] as Running, () => ({}));
    const rps = (r: Running | undefined) => median(r?.samples.map((s) => s.requestsPerSecond) ?? []);
    const bare = running.find((r) => r.contender.kind === 'classic-gateway' && r.contender.gateway === 'gouvgraph-no-dedup');
    const ratio = rps(bare) / rps(running[0]);
    console.log(
      `   without cache or in-flight sharing: ${fmt(ratio, 2)}× stock (target: at least 2.5× in three consecutive runs; this run): ${ratio >= 2.5 ? 'met' : 'not met'}`,
    );
    console.log(`   the traced contender exported ${collector.spans()} spans`);
  } finally {
    await stop([...running, subgraphs]);
    await collector.stop();
  }
}

/** (b) a government-wide dashboard and (c) an entity-heavy query, 20 clients: GouvGraph over the 23 partners, stock over one oracle. */
const DASHBOARD_QUERY = `{ incubators { id name } startups(first: 100, filter: { active: true }) { totalCount
  edges { node { name phase phaseStart incubator { name } apis { title } } } } }`;
const ENTITY_QUERY = `{ apis(first: 50) { edges { node { title producer { name organisation { name } }
  builtBy { name phase incubator { name owner { name } } } } } } }`;

/** (b) and (c), as sections (f) and (g) name them. */
const GOVERNMENT_QUERIES = [
  ['(b) government-wide dashboard', DASHBOARD_QUERY],
  ['(c) entity-heavy', ENTITY_QUERY],
] as const;

/** Checks every contender returns the same JSON, without errors, before anything is timed. */
async function sameAnswers(running: readonly Running[], name: string, query: string): Promise<void> {
  const answers = await Promise.all(running.map((r) => ask(r.url, query, r.headers)));
  if (new Set(answers.map((a) => JSON.stringify(a))).size !== 1 || answers[0]?.errors) {
    throw new Error(`${name}: the contenders do not return identical JSON: nothing to compare`);
  }
}

/** Stock over one oracle subgraph, and GouvGraph over the 23 partners with and without its response cache. */
async function startGovernmentContenders(): Promise<Running[]> {
  return [
    await start({ kind: 'government-stock', label: 'stock @apollo/gateway, one oracle subgraph' }),
    await start({ kind: 'government', label: 'GouvGraph, 23 partners', caches: 'both' }),
    await start({ kind: 'government', label: 'GouvGraph, 23 partners, no cache', caches: 'none' }),
  ];
}

/**
 * (g) What checking every partner answer costs (issue #17): (b) and (c) through two gateways
 * without response cache, each in a process of its own, over the same 23 partners and catalogue
 * (in a third): one checks answers, the other does not. The gateways' own CPU per request is the
 * steady measure (the partners' work is elsewhere); req/s is reported against the 5 % target.
 */
async function answerChecks(): Promise<void> {
  const upstreams = await start({ kind: 'government-upstreams', label: 'the 23 partners and the catalogue' });
  const running: Running[] = [];
  try {
    const { partners, catalog } = JSON.parse(upstreams.url) as { partners: { id: string; url: string }[]; catalog: string };
    for (const verify of [true, false]) {
      const label = verify ? 'GouvGraph, answers checked' : 'GouvGraph, answers unchecked';
      running.push(await start({ kind: 'government-gateway', label, partners, catalog, verify }));
    }
    for (const [name, query] of GOVERNMENT_QUERIES) {
      await sameAnswers(running, name, query);
      console.log(`\n(g) answer checks on ${name}: 20 connections, ${ROUNDS} rounds of ${SECONDS} s, alternating (identical JSON checked)`);
      for (const r of running) r.samples = [];
      await rounds(running, JSON.stringify({ query }), 20);
      report(running, running[1] as Running, () => ({}));
      const [checked, unchecked] = running as [Running, Running];
      const rps = (r: Running) => median(r.samples.map((s) => s.requestsPerSecond));
      const cpu = (r: Running) => median(r.samples.map((s) => (1000 * s.cpu) / s.requestsPerSecond));
      const lost = 1 - rps(checked) / rps(unchecked);
      console.log(
        `   answer checks: ${fmt(100 * (cpu(checked) / cpu(unchecked) - 1))} % more gateway CPU per request (${fmt(cpu(checked) - cpu(unchecked), 2)} ms), ${fmt(100 * lost)} % of req/s (target: under 5 % of req/s): ${lost < 0.05 ? 'met' : 'not met'}`,
      );
    }
  } finally {
    await stop([...running, upstreams]);
  }
}

async function government(): Promise<void> {
  const running = await startGovernmentContenders();
  try {
    for (const [name, query] of [
      ['(b) government-wide dashboard', DASHBOARD_QUERY],
      ['(c) entity-heavy: apis → producer → organisation, builtBy → incubator → owner', ENTITY_QUERY],
    ] as const) {
      await sameAnswers(running, name, query);
      console.log(
        `\n${name}: 20 connections, ${ROUNDS} rounds of ${SECONDS} s, alternating (identical JSON checked; target p99 under 100 ms)`,
      );
      for (const r of running) r.samples = [];
      await rounds(running, JSON.stringify({ query }), 20);
      report(running, running[0] as Running, () => ({}));
    }
  } finally {
    await stop(running);
  }
}

/**
 * (e) A mixed workload: each of 20 clients sends nine reads (the dashboard and entity-heavy
 * queries, in turn) then one write (a startup's pitch, written back unchanged), so one
 * request in ten writes. Through GouvGraph a write forgets what rests on the partner written
 * to (production), or everything (as before issue #20), or there is no cache. Target: ≥ 5× stock.
 */
async function mixed(): Promise<void> {
  const running = [
    await start({ kind: 'government-stock', label: 'stock @apollo/gateway, one oracle subgraph' }),
    await start({ kind: 'government', label: 'GouvGraph, writes forget per partner', caches: 'both' }),
    await start({ kind: 'government', label: 'GouvGraph, writes forget everything', caches: 'both-forget-everything' }),
    await start({ kind: 'government', label: 'GouvGraph, no cache', caches: 'none' }),
  ];
  try {
    const page = (await ask(running[0]?.url ?? '', '{ startups(first: 1) { edges { node { id pitch } } } }')) as {
      data?: { startups: { edges: { node: { id: string; pitch: string } }[] } };
    };
    const startup = page.data?.startups.edges[0]?.node;
    if (!startup) throw new Error('(e): no startup to write to');
    // The same pitch written back: the data stays as it was, every write still goes to the database.
    const write = JSON.stringify({
      query: 'mutation($id: ID!, $pitch: String!) { updateStartup(id: $id, input: { pitch: $pitch }) { id pitch } }',
      variables: { id: startup.id, pitch: startup.pitch },
    });
    const reads = [DASHBOARD_QUERY, ENTITY_QUERY].map((query) => JSON.stringify({ query }));
    const bodies = [...Array.from({ length: 9 }, (_, i) => reads[i % 2] as string), write];
    for (const body of [...reads, bodies[9] as string]) {
      const answers = await Promise.all(
        running.map((r) => fetch(r.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((a) => a.text())),
      );
      if (new Set(answers).size !== 1 || answers[0]?.includes('"errors"'))
        throw new Error('(e): the contenders do not return identical JSON: nothing to compare');
    }
    console.log(
      `\n(e) mixed workload, one request in ten a write: 20 connections, ${ROUNDS} rounds of ${SECONDS} s, alternating (identical JSON checked)`,
    );
    await rounds(running, bodies, 20);
    report(running, running[0] as Running, () => ({}));
    const rps = (r: Running | undefined) => median(r?.samples.map((s) => s.requestsPerSecond) ?? []);
    const ratio = rps(running[1]) / rps(running[0]);
    console.log(
      `   writes forgetting per partner: ${fmt(ratio, 2)}× stock (target: at least 5×): ${ratio >= 5 ? 'met' : 'not met'}; forgetting everything: ${fmt(rps(running[2]) / rps(running[0]), 2)}× stock`,
    );
  } finally {
    await stop(running);
  }
}

/**
 * (f) What callers who sign in get (issue #20): (b) and (c) sent by an authenticated agent to
 * GouvGraph's agents' endpoint, which never answers from memory, against stock over one oracle
 * subgraph and GouvGraph's public endpoint (answers from memory), 20 connections. Target: p99
 * under 100 ms for the agent.
 */
async function asAgents(): Promise<void> {
  const agentsOf = async (fetchCache: boolean) => {
    const label = fetchCache ? 'GouvGraph, 23 partners, as an agent' : 'GouvGraph, as an agent, no fetch cache';
    const agents = await start({ kind: 'government-agents', label, fetchCache });
    const { url, token } = JSON.parse(agents.url) as { url: string; token: string };
    agents.url = url;
    agents.headers = { authorization: `Bearer ${token}` };
    return agents;
  };
  const agents = await agentsOf(true);
  const running = [
    await start({ kind: 'government-stock', label: 'stock @apollo/gateway, one oracle subgraph' }),
    await start({ kind: 'government', label: 'GouvGraph, 23 partners, public (cache)', caches: 'both' }),
    agents,
    await agentsOf(false),
  ];
  try {
    for (const [name, query] of GOVERNMENT_QUERIES) {
      await sameAnswers(running, name, query);
      console.log(
        `\n(f) ${name} as an authenticated agent: 20 connections, ${ROUNDS} rounds of ${SECONDS} s, alternating (identical JSON checked)`,
      );
      for (const r of running) r.samples = [];
      await rounds(running, JSON.stringify({ query }), 20);
      report(running, running[0] as Running, () => ({}));
      const p99 = median(agents.samples.map((s) => s.p99));
      console.log(`   as an agent: p99 ${fmt(p99, 1)} ms (target: under 100 ms): ${p99 < 100 ? 'met' : 'not met'}`);
      console.log(`   the agent's gateway's fetch cache now: ${await fetchCacheSize(agents.url)}`);
    }
  } finally {
    await stop(running);
  }
}

/** What a gateway's fetch cache holds, from its metrics: entries and memory. */
async function fetchCacheSize(graphUrl: string): Promise<string> {
  const metrics = await (await fetch(new URL('/metrics', graphUrl))).text();
  const value = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metrics)?.[1] ?? Number.NaN);
  return `${value('gouvgraph_fetch_cache_entries')} answers, ${fmt(value('gouvgraph_fetch_cache_bytes') / 1024 / 1024, 1)} MiB (bound: 64 MiB)`;
}

/**
 * (h) The programme's numbers (issue #19): `programmeImpact` through the impact subgraph, which
 * sums the partners' tallies (contract 1.3) read in one request, at 23 partners and at 64 (the
 * same 662 startups dealt out), one client at a time, no response cache. Beside it, what the
 * walk through every startup's history it replaced costs today, timed from here.
 */
const IMPACT_QUERY = `{ programmeImpact { startups continued abandoned pending passedSixMonthShare medianDaysToAcceleration
  committeeReviews cohorts { year startups continued abandoned pending } currentPhases { phase startups } missingPartners } }`;
const HISTORIES_PAGE = `query($after: String) { startups(first: 100, after: $after) {
  edges { node { id phases { phase start } events { kind } } } pageInfo { hasNextPage endCursor } } }`;

async function historiesWalkMs(url: string): Promise<number> {
  const started = performance.now();
  let after: string | null = null;
  do {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: HISTORIES_PAGE, variables: { after } }),
    });
    const page = (await response.json()) as { data: { startups: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };
    after = page.data.startups.pageInfo.hasNextPage ? page.data.startups.pageInfo.endCursor : null;
  } while (after);
  return performance.now() - started;
}

async function programmeNumbers(): Promise<void> {
  const running = [
    await start({ kind: 'government', label: 'programmeImpact, 23 partners', caches: 'none' }),
    await start({ kind: 'fan-out', label: 'programmeImpact, 64 partners', partners: 64 }),
  ];
  try {
    await sameAnswers(running, '(h) programmeImpact', IMPACT_QUERY);
    console.log(
      `\n(h) the programme's numbers, summed from the partners' tallies: 1 connection, ${ROUNDS} rounds of ${SECONDS} s, alternating, no response cache (identical numbers at 23 and 64 partners checked)`,
    );
    await rounds(running, JSON.stringify({ query: IMPACT_QUERY }), 1);
    report(running, running[0] as Running, () => ({}));
    const walks: number[] = [];
    for (let i = 0; i < 3; i++) walks.push(await historiesWalkMs(running[0]?.url ?? ''));
    console.log(`   the walk through every history it replaced, 23 partners: ${fmt(median(walks), 0)} ms (median of 3)`);
    for (const [r, budget] of [
      [running[0], 300],
      [running[1], 1_000],
    ] as const) {
      const p50 = median(r?.samples.map((s) => s.p50) ?? []);
      console.log(`   ${r?.contender.label}: p50 ${fmt(p50, 1)} ms (target: at most ${budget} ms): ${p50 <= budget ? 'met' : 'not met'}`);
    }
  } finally {
    await stop(running);
  }
}

const started = performance.now();
console.log(
  `GouvGraph benchmark — ${new Date().toISOString()} — Node ${process.version}, ${(await import('node:os')).cpus().length} cores`,
);
// BENCH_ONLY=classic,one-partner,fan-out,gateway-cost runs those sections only.
const only = new Set(
  (process.env.BENCH_ONLY ?? 'classic,one-partner,government,agents,checks,mixed,programme,fan-out,gateway-cost').split(','),
);
if (only.has('classic')) await classic();
if (only.has('one-partner')) await onePartner();
if (only.has('government')) await government();
if (only.has('agents')) await asAgents();
if (only.has('checks')) await answerChecks();
if (only.has('mixed')) await mixed();
if (only.has('programme')) await programmeNumbers();
if (only.has('fan-out')) await fanOutOneMachine();
if (only.has('gateway-cost')) await fanOutGatewayCost();
console.log(`\nDone in ${fmt((performance.now() - started) / 1000, 0)} s.`);
