/**
 * Each partner's health, as the gateway sees it, refreshed every few seconds while the page is
 * shown: whether it answers, and whether it passed the gateway's last conformance re-check (a
 * « non conforme » badge names the rule of the contract it broke).
 */
import { h, replace } from '../dom.js';
import { count, plural } from '../format.js';
import { ask } from '../graph.js';
import { sortableTable, type SortableTable } from '../table.js';
import { failure, heading, withProgress } from '../ui.js';

interface Health {
  partner: string;
  incubator: { name: string } | null;
  state: 'UP' | 'DEGRADED' | 'DOWN';
  calls: number;
  failures: number;
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  lastError: { code: string; message: string; at: string } | null;
  lastSuccessAt: string | null;
  contractVersion: string;
  conformance: { status: 'CONFORMING' | 'NON_CONFORMING' | 'UNCHECKED'; rule: string | null; checkedAt: string | null };
}

const STATES: Record<Health['state'], { label: string; badge: string; order: number }> = {
  DOWN: { label: 'Injoignable (circuit ouvert)', badge: 'fr-badge--error', order: 0 },
  DEGRADED: { label: 'Dégradé', badge: 'fr-badge--warning', order: 1 },
  UP: { label: 'Opérationnel', badge: 'fr-badge--success', order: 2 },
};
const CONFORMANCE: Record<Health['conformance']['status'], { label: string; badge: string; order: number }> = {
  NON_CONFORMING: { label: 'Non conforme', badge: 'fr-badge--error', order: 0 },
  UNCHECKED: { label: 'Non vérifié', badge: 'fr-badge--info', order: 1 },
  CONFORMING: { label: 'Conforme', badge: 'fr-badge--success', order: 2 },
};
/** The badge of a partner's last re-check: « non conforme » says which rule it broke, and since when. */
function conformanceCell(p: Health): HTMLElement {
  const { status, rule, checkedAt } = p.conformance;
  const badge = h('p', { class: `fr-badge fr-badge--sm ${CONFORMANCE[status].badge}` }, CONFORMANCE[status].label);
  if (status !== 'NON_CONFORMING') return badge;
  const when = checkedAt ? ` (vérifié à ${time.format(new Date(checkedAt))})` : '';
  return h('div', {}, badge, h('p', { class: 'fr-text--xs fr-mb-0' }, `Règle enfreinte : ${rule ?? 'inconnue'}${when}`));
}
const REFRESH_MS = 5_000;
const time = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'medium' });
const ms = (value: number | null) => (value === null ? '—' : `${value.toFixed(0)} ms`);
/** The refresh of the page shown last (one at a time). */
let live: ReturnType<typeof setInterval> | undefined;

export async function partnersPage(main: HTMLElement): Promise<void> {
  const content = h('div');
  const updated = h('p', { class: 'fr-text--sm', role: 'status', 'aria-live': 'polite' });
  replace(
    main,
    heading('État des partenaires', []),
    h(
      'p',
      { class: 'fr-text--lead' },
      'Chaque incubateur répond depuis son propre sous-graphe : voici comment chacun répond à la passerelle.',
    ),
    updated,
    content,
  );
  let table: SortableTable<Health> | null = null;
  const draw = async (first: boolean) => {
    const work = ask<{ partnerHealth: Health[] }>('PartnerHealth');
    const answer = first ? await withProgress(content, 'de l’état des partenaires', work) : await work;
    const partners = answer.data?.partnerHealth;
    if (!partners) return replace(content, failure(null, answer));
    const by = (state: Health['state']) => partners.filter((p) => p.state === state).length;
    const nonConforming = partners.filter((p) => p.conformance.status === 'NON_CONFORMING').length;
    updated.textContent = `${plural(by('UP'), 'opérationnel')}, ${plural(by('DEGRADED'), 'dégradé')}, ${plural(by('DOWN'), 'injoignable')}${nonConforming ? `, ${plural(nonConforming, 'non conforme')}` : ''} — mis à jour à ${time.format(new Date())}.`;
    // Later refreshes replace the rows only: the sort the reader chose stays.
    if (table && content.contains(table)) return table.setRows(partners);
    table = sortableTable({
      id: 'table-partenaires',
      caption: 'État de chaque partenaire (les moins disponibles d’abord)',
      columns: [
        {
          label: 'Partenaire',
          value: (p) => p.incubator?.name ?? p.partner,
          cell: (p) => h('a', { href: `#/incubateurs/${encodeURIComponent(p.partner)}` }, p.incubator?.name ?? p.partner),
        },
        {
          label: 'État',
          value: (p) => STATES[p.state].order,
          cell: (p) => h('p', { class: `fr-badge fr-badge--sm ${STATES[p.state].badge}` }, STATES[p.state].label),
        },
        { label: 'Conformité', value: (p) => CONFORMANCE[p.conformance.status].order, cell: conformanceCell },
        { label: 'Latence médiane', value: (p) => p.latencyP50Ms ?? -1, cell: (p) => ms(p.latencyP50Ms), numeric: true },
        { label: 'Latence p99', value: (p) => p.latencyP99Ms ?? -1, cell: (p) => ms(p.latencyP99Ms), numeric: true },
        { label: 'Appels', value: (p) => p.calls, cell: (p) => count(p.calls), numeric: true },
        { label: 'Échecs', value: (p) => p.failures, cell: (p) => count(p.failures), numeric: true },
        {
          label: 'Dernière erreur',
          value: (p) => p.lastError?.at ?? '',
          cell: (p) => (p.lastError ? `${p.lastError.code} à ${time.format(new Date(p.lastError.at))} : ${p.lastError.message}` : '—'),
        },
        { label: 'Contrat', value: (p) => p.contractVersion },
      ],
      rows: partners,
      sortBy: 1,
    });
    replace(content, table);
  };
  try {
    await draw(true);
  } catch (error) {
    replace(content, failure(error));
    return;
  }
  // Live while this page is shown; the timer stops itself once another page is. A refresh waits
  // while the keyboard is in the table (redrawing it would take the focus away).
  clearInterval(live);
  live = setInterval(() => {
    if (!location.hash.startsWith('#/partenaires')) return clearInterval(live);
    if (document.visibilityState !== 'visible' || content.contains(document.activeElement)) return;
    draw(false).catch((error: unknown) => replace(content, failure(error)));
  }, REFRESH_MS);
}
