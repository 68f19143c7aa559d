/** Numbers, dates and the graph's enums, as the page says them in French. */
const numbers = new Intl.NumberFormat('fr-FR');
const percents = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const dates = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

export const count = (n: number) => numbers.format(n);
export const percent = (share: number | null) => (share === null ? '—' : percents.format(share));
export const date = (iso: string | null) => (iso ? dates.format(new Date(`${iso}T00:00:00Z`)) : '—');

/** The programme's phases in their lifecycle order, with their French names. */
export const PHASES = [
  ['investigation', 'INVESTIGATION', 'Investigation'],
  ['construction', 'CONSTRUCTION', 'Construction'],
  ['acceleration', 'ACCELERATION', 'Accélération'],
  ['consolidation', 'CONSOLIDATION', 'Consolidation'],
  ['transferred', 'TRANSFERRED', 'Transférée'],
  ['operated', 'OPERATED', 'Pérennisée'],
  ['abandoned', 'ABANDONED', 'Arrêtée'],
  ['abandonedInInvestigation', 'ABANDONED_IN_INVESTIGATION', 'Arrêtée en investigation'],
] as const;

export const phaseLabel = (phase: string) => PHASES.find(([, value]) => value === phase)?.[2] ?? phase;

export const ACCESS: Record<string, { label: string; badge: string }> = {
  OPEN: { label: 'Ouverte', badge: 'fr-badge--success' },
  ACCOUNT_REQUIRED: { label: 'Sur compte', badge: 'fr-badge--info' },
  RESTRICTED: { label: 'Restreinte', badge: 'fr-badge--warning' },
};

export const ELIGIBILITY: Record<string, string> = {
  ELIGIBLE: 'éligible',
  UNDER_CONDITIONS: 'sous conditions',
  NOT_ELIGIBLE: 'non éligible',
};
