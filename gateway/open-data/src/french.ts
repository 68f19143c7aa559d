/**
 * Numbers, sizes, instants and spacing as a French page writes them: `4 356` (a narrow no-break
 * space between thousands, as the dashboard's Intl formats do), `12,3 ko`, `1er décembre 2026 à
 * 14 h 05`, and a no-break space before `:` and inside « », a narrow one before `;`, `!` and `?`,
 * so that none of them starts a line.
 */
const NBSP = '\u00a0';
const NNBSP = '\u202f';

const counts = new Intl.NumberFormat('fr-FR');
const decimals = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** `4 356`. */
export const count = (n: number): string => counts.format(n);

const UNITS = ['ko', 'Mo', 'Go'] as const;

/**
 * A size in decimal units (1 ko = 1 000 octets, as the International System and data.gouv.fr
 * count): `812 octets`, `12,3 ko`, `223 ko`, `1,4 Mo`. One decimal below 100 of a unit, none above.
 */
export function size(bytes: number): string {
  if (bytes < 1000) return `${count(bytes)}${NBSP}octet${bytes > 1 ? 's' : ''}`;
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.95 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const shown = value < 99.95 ? decimals.format(Math.round(value * 10) / 10) : counts.format(Math.round(value));
  return `${shown}${NBSP}${UNITS[unit]}`;
}

const parts = (instant: Date) =>
  new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);

/** `1er décembre 2026 à 14 h 05`, in Paris. */
export function instant(at: Date): string {
  const p = parts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => p.find((x) => x.type === type)?.value ?? '';
  const day = get('day') === '1' ? '1er' : get('day');
  return `${day}${NBSP}${get('month')} ${get('year')} à ${get('hour')}${NBSP}h${NBSP}${get('minute')}`;
}

/** French spacing in a text: no-break spaces before `:` and inside « », narrow ones before `;`, `!`, `?`. */
export function frenchSpacing(text: string): string {
  return text
    .replace(/ :(?=\s|$)/g, `${NBSP}:`)
    .replace(/ ([;!?])/g, `${NNBSP}$1`)
    .replace(/« /g, `«${NBSP}`)
    .replace(/ »/g, `${NBSP}»`);
}
