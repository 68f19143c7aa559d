/** One incubator: who runs it, where, and its startups with their current phase. */
import { h, replace } from '../dom.js';
import { colon, count, date, phaseLabel } from '../format.js';
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

export async function incubatorPage(main: HTMLElement, id: string): Promise<void> {
  const content = h('div');
  replace(main, content);
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
        h(
          'div',
          { class: 'fr-col-6 fr-col-md-3' },
          h(
            'div',
            { class: 'gg-figure', 'data-figure': 'startups' },
            h('p', { class: 'gg-figure__value' }, count(incubator.startups.totalCount)),
            h('p', { class: 'gg-figure__label' }, 'startups'),
          ),
        ),
        h(
          'div',
          { class: 'fr-col-6 fr-col-md-3' },
          h(
            'div',
            { class: 'gg-figure', 'data-figure': 'active' },
            h('p', { class: 'gg-figure__value' }, count(incubator.active.totalCount)),
            h('p', { class: 'gg-figure__label' }, 'actives'),
          ),
        ),
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
  } catch (error) {
    replace(content, failure(error));
  }
}
