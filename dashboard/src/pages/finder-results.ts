/** The finder's results: a startup's card, the empty list, the pages. */
import { h } from '../dom.js';
import { type FinderState, filtered, finder } from '../finder-address.js';
import { ACTIVE_PHASES, phaseLabel } from '../format.js';
import { startupLink } from './incubator.js';

export interface Card {
  id: string;
  name: string;
  pitch: string;
  phase: string;
  incubator: { id: string; name: string };
  phases: { start: string }[];
}

/**
 * The `apres` of every page before this one ('' for the first), kept in the page's history entry:
 * the contract pages forwards only, so « Page précédente » needs them. Null when they are not
 * known (a shared link to a later page).
 */
export type Trail = readonly string[] | null;

const phaseBadge = (phase: string) =>
  ACTIVE_PHASES.has(phase) ? 'fr-badge--green-emeraude' : phase === 'TRANSFERRED' ? 'fr-badge--blue-cumulus' : '';

export function card(startup: Card): HTMLElement {
  const entered = startup.phases[0]?.start.slice(0, 4);
  return h(
    'li',
    { class: 'fr-col-12 fr-col-md-6 fr-col-lg-4' },
    h(
      'div',
      { class: 'fr-card fr-card--sm fr-enlarge-link' },
      h(
        'div',
        { class: 'fr-card__body' },
        h(
          'div',
          { class: 'fr-card__content' },
          h('h3', { class: 'fr-card__title' }, startupLink(startup.id, startup.name)),
          h('p', { class: 'fr-card__desc' }, startup.pitch),
          h(
            'div',
            { class: 'fr-card__start' },
            h(
              'ul',
              { class: 'fr-badges-group' },
              h('li', {}, h('p', { class: `fr-badge fr-badge--sm ${phaseBadge(startup.phase)}` }, phaseLabel(startup.phase))),
            ),
            h('p', { class: 'fr-card__detail' }, startup.incubator.name),
          ),
          h(
            'div',
            { class: 'fr-card__end' },
            entered ? h('p', { class: 'fr-card__detail' }, `Entrée dans le programme en ${entered}`) : null,
          ),
        ),
      ),
    ),
  );
}

/** Nothing on this page: nothing matches (and a way to clear the filters), or a cursor past the end. */
export const empty = (shown: FinderState, total: number) =>
  h(
    'div',
    { class: 'fr-callout' },
    h(
      'p',
      { class: 'fr-callout__text' },
      total > 0
        ? 'Il n’y a plus de startup après ce point de la liste.'
        : filtered(shown)
          ? 'Aucune startup ne correspond à ces critères. Essayez un autre mot, ou retirez un filtre.'
          : 'Le graphe ne connaît aucune startup pour le moment.',
    ),
    total > 0
      ? h('a', { class: 'fr-btn fr-btn--secondary', href: finder({ ...shown, apres: '' }) }, 'Revenir à la première page')
      : filtered(shown)
        ? h('a', { class: 'fr-btn fr-btn--secondary', href: finder({ tri: shown.tri }) }, 'Effacer les filtres')
        : null,
  );

/**
 * The DSFR's pagination, with what cursors allow: the first page, the one before when the trail
 * knows it, this one's number, the next. `go` follows a link to another page of the same list.
 */
export function pagination(
  shown: FinderState,
  shownTrail: Trail,
  pageCount: number,
  next: string | null,
  go: (apres: string, trail: Trail) => (event: Event) => void,
): HTMLElement | null {
  if (!shown.apres && !next) return null;
  const number = shownTrail ? shownTrail.length + 1 : null;
  const previous = shownTrail?.at(-1);
  const link = (kind: string, label: string, to: { apres: string; trail: Trail } | null) =>
    h(
      'li',
      {},
      to
        ? h(
            'a',
            { class: `fr-pagination__link ${kind}`, href: finder({ ...shown, apres: to.apres }), onclick: go(to.apres, to.trail) },
            label,
          )
        : h('a', { class: `fr-pagination__link ${kind}`, 'aria-disabled': 'true', role: 'link' }, label),
    );
  return h(
    'nav',
    { role: 'navigation', class: 'fr-pagination fr-mt-3w', 'aria-label': 'Pages de résultats' },
    h(
      'ul',
      { class: 'fr-pagination__list' },
      link('fr-pagination__link--first', 'Première page', shown.apres ? { apres: '', trail: [] } : null),
      link(
        'fr-pagination__link--prev fr-pagination__link--lg-label',
        'Page précédente',
        shownTrail && previous !== undefined ? { apres: previous, trail: shownTrail.slice(0, -1) } : null,
      ),
      number === null
        ? null
        : h(
            'li',
            {},
            h('a', { class: 'fr-pagination__link', 'aria-current': 'page', title: `Page ${number} sur ${pageCount}` }, String(number)),
          ),
      link(
        'fr-pagination__link--next fr-pagination__link--lg-label',
        'Page suivante',
        next ? { apres: next, trail: shownTrail ? [...shownTrail, shown.apres] : null } : null,
      ),
    ),
  );
}
