/**
 * Live partners re-checked against the contract: real gateways over real kits on PGlite, one kit
 * behind a proxy that makes it drift (pages out of order, another SDL) and come back. What the
 * operator sees of a partner turning non-conforming (`/-/partners`, `partnerHealth`, metrics,
 * logs), what a quarantine does to answers, and what the re-checks cost the partners: one round
 * at a time, one partner at a time, nothing but an SDL hash between two checks within the interval.
 * Rounds are run by the test (the gateways' timers are the test's), on a clock it advances.
 */
import { processLogger } from '@gouvgraph/http';
import { ConformanceMonitor, MAX_REQUESTS_PER_CHECK, type Schedule } from '@gouvgraph/gateway-core';
import { checkSubgraph } from '@gouvgraph/schema';
import { graphql, manualClock, startMisbehavingProxy, type MisbehavingProxy, type ProxyMode } from '@gouvgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/index.js';
import { startPartners, type Partners } from './helpers.js';

const INTERVAL = 600_000;
const clock = manualClock();
/** The gateways' round timers: held, never fired unless a test fires one. */
const timers: { run: () => void; ms: number }[] = [];
const schedule: Schedule = (run, ms) => {
  const timer = { run, ms };
  timers.push(timer);
  return () => timers.splice(timers.indexOf(timer), 1);
};
const logs: string[] = [];

let partners: Partners;
let proxy: MisbehavingProxy;
/** Shows non-conforming partners; quarantines them. */
let flagging: RunningGateway;
let quarantining: RunningGateway;

/** Pages out of order: each page's rows reversed (its endCursor following), as a hurried fork might sort. */
const OUT_OF_ORDER: ProxyMode = {
  kind: 'rewrite',
  answer: (a) => {
    for (const connection of [a.data?.startups, ...(a.data?._entities ?? []).map((e: { startups?: unknown }) => e?.startups)]) {
      if (connection?.pageInfo && connection.edges?.length > 1) {
        connection.edges.reverse();
        connection.pageInfo.endCursor = connection.edges.at(-1).cursor;
      }
    }
    return a;
  },
};

beforeAll(async () => {
  partners = await startPartners(['mtes', 'anct']);
  const anct = partners.kits.find((k) => k.partnerId === 'anct');
  proxy = await startMisbehavingProxy(anct?.url ?? '');
  const options = {
    supergraph: { kind: 'compose' as const, subgraphs: [] },
    partners: partners.kits.map((k) => ({ id: k.partnerId, url: k.partnerId === 'anct' ? proxy.url : k.url })),
    ide: false,
    dashboard: false,
    partnerRetries: 0,
    responseCache: false as const,
    partnerRecheck: { intervalMs: INTERVAL, now: clock.now, schedule, random: () => 0.5 },
  };
  flagging = await startGateway({ ...options, logger: processLogger('gateway', 'info', { write: (line) => logs.push(line) }) });
  quarantining = await startGateway({ ...options, nonConformingPartners: 'quarantine' });
});
afterAll(async () => {
  await flagging?.stop();
  await quarantining?.stop();
  await proxy?.stop();
  await partners?.stop();
});

const monitorOf = (gateway: RunningGateway) => {
  if (!gateway.conformance) throw new Error('the gateway runs no conformance monitor');
  return gateway.conformance;
};
const partnersPage = async (gateway: RunningGateway) =>
  (await (await fetch(`${gateway.origin}/-/partners`)).json()) as { partners: { id: string; conformance: Record<string, unknown> }[] };
const conformanceAt = async (gateway: RunningGateway, id: string) =>
  (await partnersPage(gateway)).partners.find((p) => p.id === id)?.conformance;
const healthOf = async (gateway: RunningGateway, id: string) => {
  const answer = await graphql(gateway.url, '{ partnerHealth { partner conformance { status rule checkedAt } } }');
  return (answer.data?.partnerHealth as { partner: string; conformance: Record<string, unknown> }[]).find((h) => h.partner === id)
    ?.conformance;
};
async function metric(gateway: RunningGateway, name: string, labels: Record<string, string>): Promise<number | undefined> {
  const text = await (await fetch(`${gateway.origin}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}
const STARTUPS = '{ startups(first: 100) { totalCount missingPartners edges { node { id } } } }';
const mtesCount = async () => {
  const kit = partners.kits.find((k) => k.partnerId === 'mtes');
  return (await graphql(kit?.url ?? '', '{ startups { totalCount } }')).data?.startups.totalCount as number;
};

describe('conformance re-checks of live partners', () => {
  it('starts unchecked, schedules its rounds jittered, and finds the kits conforming', async () => {
    expect(await conformanceAt(flagging, 'anct')).toEqual({ status: 'unchecked', rule: null, detail: null, checkedAt: null });
    expect(await healthOf(flagging, 'anct')).toEqual({ status: 'UNCHECKED', rule: null, checkedAt: null });
    // Each gateway's first round is one round away (the interval, at most a minute), never at start.
    expect(timers.map((t) => t.ms)).toEqual([60_000, 60_000]);
    await Promise.all([monitorOf(flagging).runRound(), monitorOf(quarantining).runRound()]);
    for (const gateway of [flagging, quarantining]) {
      expect(await conformanceAt(gateway, 'anct')).toMatchObject({ status: 'conforming', rule: null });
      expect(await healthOf(gateway, 'mtes')).toMatchObject({ status: 'CONFORMING', rule: null, checkedAt: expect.any(String) });
      expect(await metric(gateway, 'gouvgraph_partner_conforming', { partner: 'anct' })).toBe(1);
    }
  });

  it('shows a partner turning non-conforming in /-/partners, partnerHealth, metrics and logs, with its rule', async () => {
    proxy.setMode(OUT_OF_ORDER);
    // Within the interval and the same SDL: not re-checked, still conforming.
    await monitorOf(flagging).runRound();
    expect(await conformanceAt(flagging, 'anct')).toMatchObject({ status: 'conforming' });
    clock.advance(INTERVAL);
    await Promise.all([monitorOf(flagging).runRound(), monitorOf(quarantining).runRound()]);
    for (const gateway of [flagging, quarantining]) {
      expect(await conformanceAt(gateway, 'anct')).toMatchObject({
        status: 'non-conforming',
        rule: 'ORDER',
        detail: expect.stringContaining('walks its startups'),
        checkedAt: new Date(clock.now()).toISOString(),
      });
      expect(await conformanceAt(gateway, 'mtes')).toMatchObject({ status: 'conforming' });
      expect(await healthOf(gateway, 'anct')).toEqual({
        status: 'NON_CONFORMING',
        rule: 'ORDER',
        checkedAt: new Date(clock.now()).toISOString(),
      });
      expect(await metric(gateway, 'gouvgraph_partner_conforming', { partner: 'anct' })).toBe(0);
      expect(await metric(gateway, 'gouvgraph_partner_conforming', { partner: 'mtes' })).toBe(1);
      expect(await metric(gateway, 'gouvgraph_partner_violations_total', { partner: 'anct', rule: 'ORDER' })).toBeGreaterThanOrEqual(1);
    }
    const lines = logs
      .map((l) => JSON.parse(l) as { msg: string; partner?: string; rule?: string })
      .filter((l) => l.msg.includes('conform'));
    expect(lines).toEqual([expect.objectContaining({ partner: 'anct', rule: 'ORDER', msg: 'partner anct is non-conforming (ORDER)' })]);
  });

  it('flag: a non-conforming partner is still called; quarantine: its part is missing with PARTNER_NON_CONFORMING, the rest complete', async () => {
    const flagged = await graphql(flagging.url, STARTUPS);
    expect(flagged.data?.startups.missingPartners).toEqual([]);

    const received = proxy.received;
    const answer = await graphql(quarantining.url, STARTUPS);
    expect(proxy.received).toBe(received);
    expect(answer.data?.startups.missingPartners).toEqual(['anct']);
    expect(answer.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'PARTNER_NON_CONFORMING', partner: 'anct', violation: 'ORDER' }),
      }),
    ]);
    const ids = (answer.data?.startups.edges as { node: { id: string } }[]).map((e) => e.node.id);
    expect(answer.data?.startups.totalCount).toBe(await mtesCount());
    expect(ids.every((id) => id.startsWith('mtes/'))).toBe(true);
  });

  it('calls a partner that conforms again, and says so in the logs', async () => {
    proxy.setMode({ kind: 'pass' });
    clock.advance(INTERVAL);
    await Promise.all([monitorOf(flagging).runRound(), monitorOf(quarantining).runRound()]);
    expect(await conformanceAt(quarantining, 'anct')).toMatchObject({ status: 'conforming', rule: null });
    const received = proxy.received;
    const answer = await graphql(quarantining.url, STARTUPS);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.startups.missingPartners).toEqual([]);
    expect(proxy.received).toBeGreaterThan(received);
    expect(logs.some((l) => l.includes('"msg":"partner anct conforms again"'))).toBe(true);
  });

  it('re-checks a partner whose SDL changed at once, and keeps the last result of one that does not answer', async () => {
    const monitor = monitorOf(flagging);
    const before = monitor.stats.checks;
    // Another SDL, `Startup.pitch` nullable: a drift the next round sees in the SDL's hash.
    proxy.setMode({
      kind: 'rewrite',
      answer: (a) => {
        if (typeof a.data?._service?.sdl === 'string') a.data._service.sdl = a.data._service.sdl.replace('pitch: String!', 'pitch: String');
        return a;
      },
    });
    await monitor.runRound();
    expect(monitor.stats.checks).toBe(before + 1);
    const found = await conformanceAt(flagging, 'anct');
    expect(found).toMatchObject({ status: 'non-conforming', rule: 'SDL' });
    expect(await metric(flagging, 'gouvgraph_partner_violations_total', { partner: 'anct', rule: 'SDL' })).toBeGreaterThanOrEqual(1);

    proxy.setMode({ kind: 'refuse' });
    clock.advance(INTERVAL);
    await monitor.runRound();
    expect(await conformanceAt(flagging, 'anct')).toEqual(found);
    proxy.setMode({ kind: 'pass' });
    await monitor.runRound();
    expect(await conformanceAt(flagging, 'anct')).toMatchObject({ status: 'conforming' });
  });

  it('costs a partner one SDL request per round within the interval, and a bounded check past it', async () => {
    const monitor = monitorOf(quarantining);
    // Checked now, if the clock had passed its interval since its last check.
    await monitor.runRound();
    let received = proxy.received;
    await Promise.all([monitor.runRound(), monitor.runRound(), monitor.runRound()]);
    expect(proxy.received - received).toBe(1);

    clock.advance(INTERVAL);
    received = proxy.received;
    await monitor.runRound();
    // anct has more than 20 startups: every walk takes its two pages, the most a re-check asks.
    expect(proxy.received - received).toBe(MAX_REQUESTS_PER_CHECK);
  });

  it('fires its rounds from its timer, each scheduled after the last one ended', async () => {
    const monitor = monitorOf(flagging);
    const timer = timers[0];
    if (!timer) throw new Error('no round scheduled');
    const rounds = monitor.stats;
    let ended: () => void = () => {};
    const checked = new Promise<void>((resolve) => {
      ended = resolve;
    });
    clock.advance(INTERVAL);
    const off = monitor.onChecked((id) => id === 'mtes' && ended());
    const scheduled = timers.length;
    timer.run();
    await checked;
    off();
    expect(monitor.stats.checks).toBe(rounds.checks + 2);
    // The fired timer is replaced by the next round's, once this one ended.
    await monitor.runRound();
    expect(timers.length).toBe(scheduled + 1);
  });
});

describe('the monitor alone', () => {
  it('never runs two checks at once, and with jitter within ±10% of its round', async () => {
    const urls = [partners.kits[0]?.url ?? '', proxy.url];
    let running = 0;
    let most = 0;
    const monitor = new ConformanceMonitor({
      partners: () => urls.map((url, i) => ({ id: i === 0 ? 'mtes' : 'anct', url })),
      intervalMs: 0,
      now: clock.now,
      check: async (partner) => {
        running++;
        most = Math.max(most, running);
        try {
          return await checkSubgraph(partner.url, { pageSize: 5, maxPages: 1, orderPages: 1, partnerId: partner.id });
        } finally {
          running--;
        }
      },
    });
    await Promise.all([monitor.runRound(), monitor.runRound(), monitor.runRound()]);
    expect(monitor.stats.checks).toBe(2);
    expect(most).toBe(1);

    const delays: number[] = [];
    for (const random of [0, 0.5, 0.999]) {
      const jittered = new ConformanceMonitor({
        partners: () => [],
        intervalMs: 600_000,
        random: () => random,
        schedule: (_, ms) => (delays.push(ms), () => {}),
      });
      jittered.start();
      jittered.stop();
    }
    expect(delays).toEqual([54_000, 60_000, 65_988]);
  });
});
