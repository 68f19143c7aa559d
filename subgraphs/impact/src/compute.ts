/**
 * The six-month rule, as arithmetic on a startup's phase history, and the programme's numbers as
 * sums over the partners' tallies of those histories. Pure functions: the subgraph resolvers and
 * the test that recomputes everything from the data files share nothing but the definitions
 * written here.
 *
 * - A startup *started* when its first phase did; its six-month review fell due six months later.
 * - It *continued* if its history reaches construction or any later phase, was *abandoned* if it
 *   stopped without reaching construction, and is *pending* while still in investigation.
 * - The share that passed the bar is continued ÷ (continued + abandoned).
 */
import { daysBetween, factsOf, PHASES, type Phase, type StartupTally } from '@gouvgraph/schema';

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

const STOPPED: ReadonlySet<Phase> = new Set(['ABANDONED', 'ABANDONED_IN_INVESTIGATION']);

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
  // The same facts a partner's tally counts (@gouvgraph/schema), judged by the same rule.
  const facts = factsOf(history);
  return {
    started: first.start,
    sixMonthReviewDue: addMonths(first.start, 6),
    outcome: outcomeOf(facts),
    daysInPhase: phases.map((p, i) => ({
      phase: p.phase,
      // A stopped startup's last phase has no duration worth counting: it is an end state.
      days: Math.max(0, daysBetween(p.start, p.end ?? phases[i + 1]?.start ?? (STOPPED.has(p.phase) ? p.start : today))),
    })),
    daysToAcceleration: facts.daysToAcceleration,
    committeeReviews: facts.committeeReviews,
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

/** The six-month rule, applied to a startup's facts or to the startups a tally row groups. */
function outcomeOf(row: Pick<StartupTally, 'reachedConstruction' | 'phase'>): Outcome {
  return row.reachedConstruction ? 'CONTINUED' : STOPPED.has(row.phase) ? 'ABANDONED' : 'PENDING';
}

/**
 * The numbers over tally rows (contract 1.3 `Incubator.startupTally`), any number of partners'
 * together: counts add up, and the median is taken over every partner's days to acceleration.
 */
export function programmeImpact(rows: readonly StartupTally[]): ProgrammeImpact {
  const outcomes = (list: readonly StartupTally[]) => {
    const n = { startups: 0, continued: 0, abandoned: 0, pending: 0 };
    for (const row of list) {
      n.startups += row.startups;
      const outcome = outcomeOf(row);
      if (outcome === 'CONTINUED') n.continued += row.startups;
      else if (outcome === 'ABANDONED') n.abandoned += row.startups;
      else n.pending += row.startups;
    }
    return { ...n, passedSixMonthShare: share(n.continued, n.abandoned) };
  };
  const years = [...new Set(rows.map((r) => r.entryYear))].sort((a, b) => a - b);
  return {
    ...outcomes(rows),
    medianDaysToAcceleration: median(rows.flatMap((r) => r.daysToAcceleration)),
    committeeReviews: rows.reduce((n, r) => n + r.committeeReviews, 0),
    cohorts: years.map((year) => ({ year, ...outcomes(rows.filter((r) => r.entryYear === year)) })),
    currentPhases: PHASES.map((phase) => ({
      phase,
      startups: rows.filter((r) => r.phase === phase).reduce((n, r) => n + r.startups, 0),
    })).filter((p) => p.startups > 0),
  };
}
