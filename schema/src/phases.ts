import type { Phase } from './generated/types.js';

/** Every phase, in lifecycle order (the order a startup normally goes through them). */
export const PHASES: readonly Phase[] = [
  'INVESTIGATION',
  'CONSTRUCTION',
  'ACCELERATION',
  'CONSOLIDATION',
  'TRANSFERRED',
  'OPERATED',
  'ABANDONED_IN_INVESTIGATION',
  'ABANDONED',
];

/** The phases beta.gouv.fr counts as active (its own list). */
export const ACTIVE_PHASES: ReadonlySet<Phase> = new Set<Phase>([
  'INVESTIGATION',
  'CONSTRUCTION',
  'ACCELERATION',
  'CONSOLIDATION',
  'OPERATED',
]);

/** The phases past investigation: a history that reaches one "reached construction" (`StartupTally.reachedConstruction`). */
export const REACHED_CONSTRUCTION: ReadonlySet<Phase> = new Set<Phase>([
  'CONSTRUCTION',
  'ACCELERATION',
  'CONSOLIDATION',
  'TRANSFERRED',
  'OPERATED',
]);

/**
 * beta.gouv.fr phase names to the contract's enum, including the vocabulary used before the
 * May 2026 migration (`transfer`, `success`, `alumni`, `death`, `perennisation`), which is
 * mapped rather than rejected. `success` (pérennisé: taken over for good) was an ended state,
 * like today's `transfere`; `alumni` and `death` were ended without a successor.
 */
const FROM_SOURCE: Readonly<Record<string, Phase>> = {
  investigation: 'INVESTIGATION',
  construction: 'CONSTRUCTION',
  acceleration: 'ACCELERATION',
  consolidation: 'CONSOLIDATION',
  perennisation: 'CONSOLIDATION',
  transfere: 'TRANSFERRED',
  transfer: 'TRANSFERRED',
  success: 'TRANSFERRED',
  opere: 'OPERATED',
  abandon: 'ABANDONED',
  alumni: 'ABANDONED',
  death: 'ABANDONED',
  'abandon-investigation': 'ABANDONED_IN_INVESTIGATION',
};

/** Maps a beta.gouv.fr phase name (current or legacy) to the contract's `Phase`, or null. */
export function phaseFromSource(name: string): Phase | null {
  return FROM_SOURCE[name.trim().toLowerCase()] ?? null;
}

/** Position of a phase in the lifecycle, used to break ties between phases starting the same day. */
export function phaseRank(phase: Phase): number {
  return PHASES.indexOf(phase);
}
