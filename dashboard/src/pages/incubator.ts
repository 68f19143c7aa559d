/**
 * One incubator: who runs it, where, its startups by phase and their six-month review, and each
 * of them with its current phase. Every count links to the startups it counts, in the finder.
 */
import { cohortReport, type ProgrammeImpact } from '../cohorts.js';
import { h, replace } from '../dom.js';
import { type FinderState, finder } from '../finder-address.js';
import { colon, count, date, PHASES, percent, phaseLabel } from '../format.js';
import { ask, type GraphAnswer } from '../graph.js';
import { sortableTable } from '../table.js';
import { alert, external, failure, heading, partialNotice, withProgress } from '../ui.js';

interface StartupRow {
  id: string;
  name: string;
  pitch: string;
  phase: string;
  phaseStart: string;
  active: boolean;
}
interface IncubatorDetail {
  id: string;
  name: string;
  shortDescription: string | null;
  description: string | null;
  owner: { name: string } | null;
  website: string | null;
  sourceCode: string | null;
  address: string | null;
  city: string | null;
  active: { totalCount: number };
  startups: {
    totalCount: number;
    missingPartners: string[];
    edges: { node: StartupRow }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

export const startupLink = (id: string, name: string) =>
  h('a', { href: `#/startups/${id.split('/').map(encodeURIComponent).join('/')}` }, name);

/** A key figure, its label a link to the startups it counts. */
function figure(id: string, value: string, label: string, href: string) {
  const shown = h('p', { class: 'gg-figure__value' }, value);
  const box = h(
    'div',
    { class: 'gg-figure fr-enlarge-link', 'data-figure': id },
    shown,
    h('p', { class: 'gg-figure__label' }, h('a', { href }, label)),
  );
  return { element: h('div', { class: 'fr-col-6 fr-col-md-3' }, box), shown, box };
}

/** The incubator's startups in each phase it has, each count a link to them in the finder. */
function phaseTable(name: string, rows: readonly StartupRow[], mine: Partial<FinderState>) {
  const phases = PHASES.map(([, phase, label]) => ({ phase, label, startups: rows.filter((r) => r.phase === phase).length })).filter(
    (p) => p.startups > 0,
  );
  return sortableTable({
    id: 'table-phases',
    caption: `Les startups de ${name} dans chaque phase actuelle`,
    columns: [
      {
        label: 'Phase',
        value: (p) => PHASES.findIndex(([, phase]) => phase === p.phase),
        cell: (p) => h('a', { href: finder({ ...mine, phase: p.phase }) }, p.label),
      },
      { label: 'Startups', value: (p) => p.startups, cell: (p) => count(p.startups), numeric: true },
    ],
    rows: phases,
  });
}

/** Its six-month review and cohorts (`programmeImpact(incubator:)`), drawn when they arrive. */
async function drawImpact(
  asked: Promise<GraphAnswer<{ programmeImpact: ProgrammeImpact | null }>>,
  content: HTMLElement,
  sixMonths: ReturnType<typeof figure>,
  mine: Partial<FinderState>,
): Promise<void> {
  try {
    const answer = await withProgress(content, 'de la revue des six mois', asked);
    const impact = answer.data?.programmeImpact;
    sixMonths.shown.textContent = percent(impact?.passedSixMonthShare ?? null);
    replace(
      content,
      impact
        ? [partialNotice([...new Set([...answer.missing, ...impact.missingPartners])]), cohortReport(impact, mine)]
        : failure(null, answer),
    );
  } catch (error) {
    sixMonths.shown.textContent = '—';
    replace(content, failure(error));
  }
  sixMonths.box.setAttribute('aria-busy', 'false');
}

export async function incubatorPage(main: HTMLElement, id: string): Promise<void> {
  const content = h('div');
  replace(main, content);
  // Asked beside the page itself: it takes the impact subgraph longer.
  const impact = ask<{ programmeImpact: ProgrammeImpact | null }>('ProgrammeImpact', { incubator: id });
  impact.catch(() => {});
  try {
    // Every startup of the incubator, page after page (a hundred at a time).
    const [first, { markdown, plainText }] = await withProgress(
      content,
      'de l’incubateur',
      Promise.all([ask<{ incubator: IncubatorDetail | null }>('IncubatorPage', { id, after: null }), import('../markdown.js')]),
    );
    const incubator = first.data?.incubator;
    if (!first.data) return replace(content, failure(null, first));
    if (!incubator)
      return replace(
        content,
        heading('Incubateur introuvable', []),
        alert('info', 'Aucun incubateur ne porte cet identifiant', `« ${id} » n’est pas un partenaire du graphe.`),
      );
    const rows = incubator.startups.edges.map((e) => e.node);
    let page: GraphAnswer<{ incubator: IncubatorDetail | null }> = first;
    while (page.data?.incubator?.startups.pageInfo.hasNextPage && rows.length < 2_000) {
      page = await ask<{ incubator: IncubatorDetail | null }>('IncubatorPage', {
        id,
        after: page.data.incubator.startups.pageInfo.endCursor,
      });
      rows.push(...(page.data?.incubator?.startups.edges.map((e) => e.node) ?? []));
    }
    // The address often ends with the city already.
    const place = [incubator.address, incubator.city && !incubator.address?.includes(incubator.city) ? incubator.city : null]
      .filter(Boolean)
      .join(', ');
    const mine = { incubateur: incubator.id };
    const sixMonths = figure('six-months', '…', 'passent la revue des six mois', '#cohortes');
    sixMonths.box.setAttribute('aria-busy', 'true');
    const cohorts = h('div', { 'aria-live': 'polite' });
    replace(
      content,
      heading(incubator.name, []),
      partialNotice([...new Set([...first.missing, ...incubator.startups.missingPartners])]),
      incubator.shortDescription ? h('p', { class: 'fr-text--lead' }, plainText(incubator.shortDescription)) : null,
      incubator.owner ? h('p', { class: 'fr-mb-1w' }, `${colon('Porté par')}${incubator.owner.name}`) : null,
      place ? h('p', { class: 'fr-mb-1w' }, `Adresse : ${place}`) : null,
      h('ul', {}, external(incubator.website, 'Site de l’incubateur'), external(incubator.sourceCode, 'Code source')),
      h(
        'div',
        { class: 'fr-grid-row fr-grid-row--gutters fr-mb-3w' },
        figure('startups', count(incubator.startups.totalCount), 'startups', finder(mine)).element,
        figure('active', count(incubator.active.totalCount), 'actives', finder({ ...mine, actif: 'oui' })).element,
        figure('ended', count(incubator.startups.totalCount - incubator.active.totalCount), 'terminées', finder({ ...mine, actif: 'non' }))
          .element,
        sixMonths.element,
      ),
      incubator.description
        ? [
            h('h2', {}, 'Présentation'),
            // Its beta.gouv.fr page has the rest of a text the import cut (a partner's id is its beta.gouv.fr id).
            markdown(incubator.description, {
              headingLevel: 3,
              base: 'https://beta.gouv.fr',
              source: { href: `https://beta.gouv.fr/incubateurs/${encodeURIComponent(incubator.id)}.html`, site: 'beta.gouv.fr' },
            }),
          ]
        : null,
      rows.length ? [h('h2', { id: 'phases' }, 'Ses startups par phase'), phaseTable(incubator.name, rows, mine)] : null,
      h('h2', { id: 'cohortes' }, 'Entrées par année et revue des six mois'),
      cohorts,
      h('h2', {}, 'Ses startups'),
      rows.length
        ? sortableTable({
            id: 'table-startups',
            caption: `Les startups de ${incubator.name}, les plus récemment entrées dans leur phase d’abord`,
            columns: [
              { label: 'Startup', value: (s) => s.name, cell: (s) => startupLink(s.id, s.name) },
              { label: 'Phase', value: (s) => phaseLabel(s.phase) },
              { label: 'Depuis', value: (s) => s.phaseStart, cell: (s) => date(s.phaseStart) },
              { label: 'Active', value: (s) => (s.active ? 'oui' : 'non') },
            ],
            rows,
            sortBy: 2,
            descending: true,
          })
        : h('p', {}, 'Cet incubateur n’a pas encore de startup.'),
    );
    // Not awaited: the page is shown (and its title focused) without waiting for the six-month numbers.
    void drawImpact(impact, cohorts, sixMonths, mine);
  } catch (error) {
    replace(content, failure(error));
  }
}
