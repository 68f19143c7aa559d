/**
 * `Incubator.startupTally` (contract 1.3): an incubator's startups counted in groups, so that a
 * measure over the whole government costs one round trip to each partner instead of a walk
 * through every startup's history. What each row counts is a fact of a history, defined here
 * once: the kit groups the facts it reads in SQL, the conformance check and the impact subgraph
 * compute them from histories, and every tally is held to `tallyProblem`.
 */
import type { Phase, StartupTally } from './generated/types.js';
import { phaseRank, REACHED_CONSTRUCTION } from './phases.js';

/** What a tally counts of one startup. */
export interface StartupFacts {
  entryYear: number;
  phase: Phase;
  reachedConstruction: boolean;
  committeeReviews: number;
  /** Days from the start of its first phase to the start of its first acceleration period; null when it never got there. */
  daysToAcceleration: number | null;
}

/** A startup's history as the contract gives it: phases oldest first, the last one current. */
export interface History {
  phases: readonly { phase: Phase; start: string }[];
  events: readonly { kind: string }[];
}

const DAY = 86_400_000;
/** Whole days from one `YYYY-MM-DD` to another. */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/** The facts of one history (a startup always has a phase: the contract says so). */
export function factsOf(history: History): StartupFacts {
  const first = history.phases[0];
  const current = history.phases[history.phases.length - 1];
  if (!first || !current) throw new Error('a startup without a phase has no history to count');
  const acceleration = history.phases.find((p) => p.phase === 'ACCELERATION');
  return {
    entryYear: Number(first.start.slice(0, 4)),
    phase: current.phase,
    reachedConstruction: history.phases.some((p) => REACHED_CONSTRUCTION.has(p.phase)),
    committeeReviews: history.events.filter((e) => e.kind === 'COMMITTEE').length,
    daysToAcceleration: acceleration ? daysBetween(first.start, acceleration.start) : null,
  };
}

/** Facts grouped into the tally's rows: by year of entry, current phase (lifecycle order) and construction reached. */
export function tallyOf(facts: Iterable<StartupFacts>): StartupTally[] {
  const groups = new Map<string, StartupTally>();
  for (const f of facts) {
    const key = `${f.entryYear} ${f.phase} ${f.reachedConstruction}`;
    let row = groups.get(key);
    if (!row) {
      row = {
        entryYear: f.entryYear,
        phase: f.phase,
        reachedConstruction: f.reachedConstruction,
        startups: 0,
        committeeReviews: 0,
        daysToAcceleration: [],
      };
      groups.set(key, row);
    }
    row.startups++;
    row.committeeReviews += f.committeeReviews;
    if (f.daysToAcceleration !== null) row.daysToAcceleration.push(f.daysToAcceleration);
  }
  for (const row of groups.values()) row.daysToAcceleration.sort((a, b) => a - b);
  return [...groups.values()].sort(
    (a, b) =>
      a.entryYear - b.entryYear || phaseRank(a.phase) - phaseRank(b.phase) || Number(a.reachedConstruction) - Number(b.reachedConstruction),
  );
}

/** As much of a row as a request selected. */
export type TallyRowRead = Partial<
  Pick<StartupTally, 'entryYear' | 'phase' | 'reachedConstruction' | 'startups' | 'committeeReviews' | 'daysToAcceleration'>
>;

/**
 * Why a tally cannot be right, or null (violation `TALLY`): a row counting no startup, a
 * negative count, more days to acceleration than startups or not ascending, a startup that
 * reached no phase past investigation yet is in one, or rows that do not add up to the
 * incubator's `startups { totalCount }` (when it was read beside them).
 */
export function tallyProblem(rows: readonly TallyRowRead[], totalCount?: number): string | null {
  let sum = 0;
  for (const [i, row] of rows.entries()) {
    const at = `startupTally[${i}]`;
    if (row.startups !== undefined) {
      if (row.startups < 1) return `${at} counts ${row.startups} startups`;
      sum += row.startups;
    }
    if (row.committeeReviews !== undefined && row.committeeReviews < 0) return `${at} counts ${row.committeeReviews} committee reviews`;
    const toAcceleration = row.daysToAcceleration;
    if (toAcceleration) {
      if (row.startups !== undefined && toAcceleration.length > row.startups)
        return `${at} has ${toAcceleration.length} days to acceleration for ${row.startups} startups`;
      if (toAcceleration.some((d, j) => d < 0 || (j > 0 && d < (toAcceleration[j - 1] as number))))
        return `${at}.daysToAcceleration is not ascending and non-negative`;
    }
    if (row.phase !== undefined && row.reachedConstruction === false && REACHED_CONSTRUCTION.has(row.phase))
      return `${at} is in ${row.phase} yet says it never reached construction`;
  }
  if (totalCount !== undefined && rows.every((r) => r.startups !== undefined) && sum !== totalCount)
    return `startupTally counts ${sum} startups; startups { totalCount } says ${totalCount}`;
  return null;
}
