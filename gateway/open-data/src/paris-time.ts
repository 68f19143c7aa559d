/**
 * The programme's dates are French calendar days. Feeds need instants: a day starts at midnight in
 * Paris (UTC+1 in winter, UTC+2 in summer), not at midnight UTC.
 */
const parts = (now: Date, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', ...options }).formatToParts(now);

/** The day it is in Paris, `YYYY-MM-DD`. */
export function parisDay(now: Date): string {
  const p = parts(now, { year: 'numeric', month: '2-digit', day: '2-digit' });
  const get = (type: string) => p.find((x) => x.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Midnight in Paris on `day`, as an RFC 3339 instant with its offset (`2026-11-29T00:00:00+01:00`). */
export function parisMidnight(day: string): string {
  // The offset at noon UTC that day: the same as at midnight, except on the two nights the clocks change.
  const name = parts(new Date(`${day}T12:00:00Z`), { timeZoneName: 'longOffset' }).find((x) => x.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = name === 'GMT' ? '+00:00' : name.slice(3);
  return `${day}T00:00:00${offset}`;
}
