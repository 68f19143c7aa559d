/**
 * The six-month rule, as arithmetic on a startup's phase history. Pure functions: the subgraph
 * resolvers and the test that recomputes everything from the data files share nothing but the
 * definitions written here.
 *
 * - A startup *started* when its first phase did; its six-month review fell due six months later.
 * - It *continued* if its history reaches construction or any later phase, was *abandoned* if it
 *   stopped without reaching construction, and is *pending* while still in investigation.
 * - The share that passed the bar is continued ÷ (continued + abandoned).
 */
import { PHASES, type Phase } from '@gouvgraph/schema';

export interface History {
  phases: { phase: Phase; start: string; end: string | null }[];
  events: { kind: string; date: string }[];
}

export type Outcome = 'CONTINUED' | 'ABANDONED' | 'PENDING';

export interface StartupImpact {
  started: string;
  sixMonthReviewDue: string;
  outcome: Outcome;
  daysInPhase: { phase: Phase; days: number }[];
  daysToAcceleration: number | null;
  committeeReviews: number;
}

const BEYOND_INVESTIGATION: ReadonlySet<Phase> = new Set(['CONSTRUCTION', 'ACCELERATION', 'CONSOLIDATION', 'TRANSFERRED', 'OPERATED']);
const STOPPED: ReadonlySet<Phase> = new Set(['ABANDONED', 'ABANDONED_IN_INVESTIGATION']);
const DAY = 86_400_000;

const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/** `date` plus `months` calendar months (the 31st of a shorter month lands on its last day). */
export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

/** What a history says, as of `today` (YYYY-MM-DD). Phases are in order, oldest first. */
export function startupImpact(history: History, today: string): StartupImpact {
  const phases = history.phases;
  const first = phases[0];
  if (!first) throw new Error('a startup without a phase has no history to measure');
  const current = phases[phases.length - 1] as History['phases'][number];
  const reached = new Set(phases.map((p) => p.phase));
  const outcome: Outcome = [...reached].some((p) => BEYOND_INVESTIGATION.has(p))
    ? 'CONTINUED'
    : STOPPED.has(current.phase)
      ? 'ABANDONED'
      : 'PENDING';
  const acceleration = phases.find((p) => p.phase === 'ACCELERATION');
  return {
    started: first.start,
    sixMonthReviewDue: addMonths(first.start, 6),
    outcome,
    daysInPhase: phases.map((p, i) => ({
      phase: p.phase,
      // A stopped startup's last phase has no duration worth counting: it is an end state.
      days: Math.max(0, days(p.start, p.end ?? phases[i + 1]?.start ?? (STOPPED.has(p.phase) ? p.start : today))),
    })),
    daysToAcceleration: acceleration ? days(first.start, acceleration.start) : null,
    committeeReviews: history.events.filter((e) => e.kind === 'COMMITTEE').length,
  };
}

export interface ProgrammeImpact {
  startups: number;
  continued: number;
  abandoned: number;
  pending: number;
  passedSixMonthShare: number | null;
  medianDaysToAcceleration: number | null;
  committeeReviews: number;
  cohorts: { year: number; startups: number; continued: number; abandoned: number; pending: number; passedSixMonthShare: number | null }[];
  currentPhases: { phase: Phase; startups: number }[];
}

const share = (continued: number, abandoned: number) => (continued + abandoned === 0 ? null : continued / (continued + abandoned));

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : Math.round(((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2);
}

/** The numbers over a set of histories. */
export function programmeImpact(histories: History[], today: string): ProgrammeImpact {
  const impacts = histories.map((h) => ({ impact: startupImpact(h, today), current: h.phases[h.phases.length - 1]?.phase as Phase }));
  const count = (outcome: Outcome, list = impacts) => list.filter((i) => i.impact.outcome === outcome).length;
  const years = [...new Set(impacts.map((i) => Number(i.impact.started.slice(0, 4))))].sort((a, b) => a - b);
  return {
    startups: impacts.length,
    continued: count('CONTINUED'),
    abandoned: count('ABANDONED'),
    pending: count('PENDING'),
    passedSixMonthShare: share(count('CONTINUED'), count('ABANDONED')),
    medianDaysToAcceleration: median(impacts.flatMap((i) => (i.impact.daysToAcceleration === null ? [] : [i.impact.daysToAcceleration]))),
    committeeReviews: impacts.reduce((n, i) => n + i.impact.committeeReviews, 0),
    cohorts: years.map((year) => {
      const cohort = impacts.filter((i) => Number(i.impact.started.slice(0, 4)) === year);
      return {
        year,
        startups: cohort.length,
        continued: count('CONTINUED', cohort),
        abandoned: count('ABANDONED', cohort),
        pending: count('PENDING', cohort),
        passedSixMonthShare: share(count('CONTINUED', cohort), count('ABANDONED', cohort)),
      };
    }),
    currentPhases: PHASES.map((phase) => ({ phase, startups: impacts.filter((i) => i.current === phase).length })).filter(
      (p) => p.startups > 0,
    ),
  };
}
