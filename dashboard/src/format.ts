/** Numbers, dates and the graph's enums, as the page says them in French. */
const numbers = new Intl.NumberFormat('fr-FR');
const percents = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const dates = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

const amounts = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

export const count = (n: number) => numbers.format(n);
/** `0 partenaire`, `1 partenaire`, `2 partenaires`: French counts 0 and 1 in the singular. */
export const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n >= 2 ? many : one}`;
/** `Accès : ` with the non-breaking space French puts before a colon, so « : » never starts a line. */
export const colon = (label: string) => `${label}\u00a0: `;
/** `« texte »`, with the non-breaking spaces French puts inside its quotation marks. */
export const quoted = (text: string) => `«\u00a0${text}\u00a0»`;
export const euros = (n: number) => amounts.format(n);
export const percent = (share: number | null) => (share === null ? '—' : percents.format(share));
/** `1er novembre 2025`: French writes the first of the month as an ordinal, Intl does not. */
export const date = (iso: string | null) =>
  iso
    ? dates
        .formatToParts(new Date(`${iso}T00:00:00Z`))
        .map((part) => (part.type === 'day' && part.value === '1' ? '1er' : part.value))
        .join('')
    : '—';

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

/** The phases the contract counts as active (`Startup.active`): investigation to consolidation, and operated. */
export const ACTIVE_PHASES: ReadonlySet<string> = new Set(['INVESTIGATION', 'CONSTRUCTION', 'ACCELERATION', 'CONSOLIDATION', 'OPERATED']);

export const phaseLabel = (phase: string) => PHASES.find(([, value]) => value === phase)?.[2] ?? phase;

/** What access to an API is (`Accès : ouvert`), and its badge. */
export const ACCESS: Record<string, { label: string; badge: string }> = {
  OPEN: { label: 'ouvert', badge: 'fr-badge--success' },
  ACCOUNT_REQUIRED: { label: 'sur compte', badge: 'fr-badge--info' },
  RESTRICTED: { label: 'restreint', badge: 'fr-badge--warning' },
};

export const ELIGIBILITY: Record<string, string> = {
  ELIGIBLE: 'éligible',
  UNDER_CONDITIONS: 'sous conditions',
  NOT_ELIGIBLE: 'non éligible',
};
