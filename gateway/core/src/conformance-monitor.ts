/**
 * Live partners re-checked against the contract: the conformance checker a partner ran before
 * publishing (@gouvgraph/schema's `checkSubgraph`), run again by the gateway on a schedule and
 * whenever a partner's subgraph changes — its URL, or its SDL (a hash of `_service { sdl }`, one
 * small request per partner and round). Without loading anyone: one round at a time, one partner
 * at a time within it, each partner checked at most once per `intervalMs` unless it changed, on a
 * bounded sample (`RECHECK_SAMPLE`: at most `MAX_REQUESTS_PER_CHECK` requests), rounds jittered.
 *
 * A partner that does not answer is not non-conforming — that is its health's business (the
 * circuit breaker): its last result stands. The result feeds `/-/partners`, `partnerHealth`, the
 * metrics and the logs, and, when the operator quarantines non-conforming partners, the sender
 * (partitioned/sender.ts), which then does not call one.
 */
import { createHash } from 'node:crypto';
import { checkSubgraph, type CheckOptions, type ConformanceReport, type Violation } from '@gouvgraph/schema';
import type { Partner } from './partners.js';

/** A partner's standing at its last re-check. */
export interface PartnerConformance {
  /** `unchecked`: not re-checked yet (or never reachable since the gateway started). */
  status: 'conforming' | 'non-conforming' | 'unchecked';
  /** The rule it broke (the first failed check's), when non-conforming. */
  rule: Violation | null;
  /** What was found, for operators (the failed check and its first problem). */
  detail: string | null;
  /** When the result was found (ISO 8601). */
  checkedAt: string | null;
}

/** What the operator does with a non-conforming partner: show it, or also stop calling it. */
export type NonConformingPolicy = 'flag' | 'quarantine';

const UNCHECKED: PartnerConformance = { status: 'unchecked', rule: null, detail: null, checkedAt: null };

/** The sample a re-check walks: 10 rows a page, 2 pages in the default order, 2 in each other, 200 histories for the tally. */
export const RECHECK_SAMPLE: CheckOptions = { pageSize: 10, maxPages: 2, orderPages: 2, tallyPages: 2, timeoutMs: 10_000 };
/**
 * Requests a re-check sends at most: the SDL hash, the SDL, ids, entities, 2 + 5 × 2 pages, the
 * values, the tally and 2 pages of histories, `first: 101`.
 */
export const MAX_REQUESTS_PER_CHECK = 21;

/** A timer the monitor schedules its rounds with (tests pass one they fire themselves). */
export type Schedule = (run: () => void, ms: number) => () => void;

export interface ConformanceMonitorOptions {
  /** The partners routed to now. */
  partners: () => readonly Partner[];
  /** The least time between two checks of one partner that did not change. */
  intervalMs: number;
  /** Between two rounds (each jittered by ±10%). Default: the interval, at most a minute. */
  roundMs?: number;
  /** The clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Default: `setTimeout`, not keeping the process alive. */
  schedule?: Schedule;
  /** In [0, 1): the jitter. Default `Math.random`. */
  random?: () => number;
  /** The check itself. Default: `checkSubgraph` on `RECHECK_SAMPLE`. */
  check?: (partner: Partner) => Promise<ConformanceReport>;
  /** Told when a partner's status changes (conforming ↔ non-conforming), for the logs. */
  onChange?: (partnerId: string, now: PartnerConformance, before: PartnerConformance) => void;
  /** Told of each rule a check found broken, for the metrics. */
  onViolation?: (partnerId: string, rule: Violation) => void;
}

interface State {
  conformance: PartnerConformance;
  /** The URL and SDL hash it was last checked at, and when (the monitor's clock). */
  url: string | null;
  sdlHash: string | null;
  lastCheckMs: number | null;
}

const defaultSchedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export class ConformanceMonitor {
  private readonly states = new Map<string, State>();
  private readonly listeners = new Set<(partnerId: string) => void>();
  private round: Promise<void> | null = null;
  private cancel: (() => void) | null = null;
  private stopped = false;
  private sent = 0;
  private checksRun = 0;
  private readonly now: () => number;

  constructor(private readonly options: ConformanceMonitorOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Starts the rounds (the first one round later: a gateway starting is not a reason to check). */
  start(): void {
    if (this.options.intervalMs <= 0 || this.stopped) return;
    this.scheduleNext();
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
  }

  /** Each partner's standing, by id (unchecked when never checked). */
  conformanceOf(partnerId: string): PartnerConformance {
    return this.states.get(partnerId)?.conformance ?? UNCHECKED;
  }

  /** Requests sent to partners since start (SDL hashes and checks), and checks run. */
  get stats(): { requests: number; checks: number } {
    return { requests: this.sent, checks: this.checksRun };
  }

  /** Told after each check of a partner that answered; returns the unsubscription. */
  onChecked(listener: (partnerId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs one round now; a round already running is joined, never doubled. */
  runRound(): Promise<void> {
    this.round ??= this.everyPartner().finally(() => {
      this.round = null;
    });
    return this.round;
  }

  private roundMs(): number {
    const base = this.options.roundMs ?? Math.min(this.options.intervalMs, 60_000);
    return Math.round(base * (0.9 + 0.2 * (this.options.random ?? Math.random)()));
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    this.cancel = (this.options.schedule ?? defaultSchedule)(() => {
      void this.runRound().finally(() => this.scheduleNext());
    }, this.roundMs());
  }

  private async everyPartner(): Promise<void> {
    const partners = this.options.partners();
    const ids = new Set(partners.map((p) => p.id));
    for (const id of this.states.keys()) if (!ids.has(id)) this.states.delete(id);
    for (const partner of partners) {
      if (this.stopped) return;
      let state = this.states.get(partner.id);
      if (!state) this.states.set(partner.id, (state = { conformance: UNCHECKED, url: null, sdlHash: null, lastCheckMs: null }));
      const hash = await this.sdlHash(partner);
      // Not answering: its health's business; its last result stands, and it is looked at again next round.
      if (hash === null) continue;
      const due =
        state.lastCheckMs === null ||
        state.url !== partner.url ||
        state.sdlHash !== hash ||
        this.now() - state.lastCheckMs >= this.options.intervalMs;
      if (due) await this.checkPartner(partner, state, hash);
    }
  }

  /** The hash of the partner's SDL, or null when it does not answer with one. */
  private async sdlHash(partner: Partner): Promise<string | null> {
    this.sent++;
    try {
      const response = await fetch(partner.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
        signal: AbortSignal.timeout(RECHECK_SAMPLE.timeoutMs ?? 10_000),
      });
      const body = (await response.json()) as { data?: { _service?: { sdl?: unknown } } };
      const sdl = body.data?._service?.sdl;
      return typeof sdl === 'string' ? createHash('sha256').update(sdl).digest('hex') : '';
    } catch {
      return null;
    }
  }

  private async checkPartner(partner: Partner, state: State, sdlHash: string): Promise<void> {
    const check = this.options.check ?? ((p: Partner) => checkSubgraph(p.url, { ...RECHECK_SAMPLE, partnerId: p.id }));
    this.checksRun++;
    const report = await check(partner);
    this.sent += report.requests;
    if (report.unreachable) return;
    const failed = report.checks.filter((c) => !c.ok && c.rule !== null);
    const first = failed[0];
    const before = state.conformance;
    state.conformance = {
      status: first ? 'non-conforming' : 'conforming',
      rule: first?.rule ?? null,
      detail: first ? `${first.name}: ${first.details[0] ?? 'failed'}` : null,
      checkedAt: new Date(this.now()).toISOString(),
    };
    state.url = partner.url;
    state.sdlHash = sdlHash;
    state.lastCheckMs = this.now();
    for (const c of failed) if (c.rule) this.options.onViolation?.(partner.id, c.rule);
    if (before.status !== state.conformance.status && (before.status !== 'unchecked' || first))
      this.options.onChange?.(partner.id, state.conformance, before);
    for (const listener of this.listeners) listener(partner.id);
  }
}
