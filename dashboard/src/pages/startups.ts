/**
 * The startup finder (`#/startups`): search as you type over every incubator's startups, filtered
 * by phase, incubator, thematic, state and year of entry, in the order chosen, twenty at a time.
 * What it shows is all in its address (finder-address.ts): a reload or a shared link gives the
 * same page. Each page of results is a history entry, so Back returns to the one before.
 */
import { h, replace } from '../dom.js';
import { type FinderState, filtered, finder, finderVariables, readFinder, SORTS } from '../finder-address.js';
import { type Choices, type ChoicesAnswer, choicesFrom, fold } from '../finder-choices.js';
import { count, PHASES } from '../format.js';
import { ask } from '../graph.js';
import { failure, heading, partialNotice, withProgress } from '../ui.js';
import { type Card, card, empty, pagination, type Trail } from './finder-results.js';

interface FinderPage {
  startups: {
    totalCount: number;
    missingPartners: string[];
    edges: { node: Card }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const PAGE_SIZE = 20;

/** What the history entry says of the pages before this one. */
function trailOf(state: FinderState): Trail {
  if (!state.apres) return [];
  const kept: unknown = (history.state as { finderTrail?: unknown } | null)?.finderTrail;
  return Array.isArray(kept) && kept.every((c) => typeof c === 'string') ? kept : null;
}

/** The finder on the page, if one is: a change of its address (Back, its own links) redraws its results, not the page. */
let live: { root: HTMLElement; show(state: FinderState): Promise<void> } | null = null;

let asked: Promise<Choices> | null = null;
/** The filters' choices, asked once a visit (a partial answer is asked again next time). */
function finderChoices(): Promise<Choices> {
  asked ??= ask<ChoicesAnswer>('StartupFinderChoices').then((answer) => {
    if (!answer.data) throw new Error('no choices');
    if (answer.missing.length) asked = null;
    return choicesFrom(answer.data, new Date().getFullYear());
  });
  asked.catch(() => {
    asked = null;
  });
  return asked;
}

const option = (value: string, label: string) => h('option', { value }, label);

/** Selects `value`, adding it as its own choice when the list does not have it (yet). */
function choose(select: HTMLSelectElement, value: string, same = (a: string, b: string) => a === b): void {
  const found = [...select.options].find((o) => same(o.value, value));
  if (found) select.value = found.value;
  else {
    select.append(option(value, value));
    select.value = value;
  }
}

const field = (id: string, label: string, control: HTMLElement) =>
  h(
    'div',
    { class: 'fr-col-12 fr-col-sm-6 fr-col-lg-4' },
    h('div', { class: 'fr-select-group' }, h('label', { class: 'fr-label', for: id }, label), control),
  );

export async function startupFinder(main: HTMLElement, params: URLSearchParams): Promise<void> {
  if (live && main.contains(live.root)) return live.show(readFinder(params));
  let current = readFinder(params);
  let trail = trailOf(current);

  const search = h('input', {
    class: 'fr-input',
    type: 'search',
    id: 'recherche',
    name: 'q',
    placeholder: 'rénovation, emploi, santé…',
    autocomplete: 'off',
  });
  const select = (id: string) => h('select', { class: 'fr-select', id, name: id });
  const selects = {
    phase: select('phase'),
    incubateur: select('incubateur'),
    thematique: select('thematique'),
    actif: select('actif'),
    annee: select('annee'),
    tri: select('tri'),
  };
  replace(
    selects.phase,
    option('', 'Toutes les phases'),
    PHASES.map(([, value, label]) => option(value, label)),
  );
  replace(selects.incubateur, option('', 'Tous les incubateurs'));
  replace(selects.thematique, option('', 'Toutes les thématiques'));
  replace(selects.actif, option('', 'Actives et terminées'), option('oui', 'Actives'), option('non', 'Terminées'));
  replace(selects.annee, option('', 'Toutes les années'));
  replace(
    selects.tri,
    Object.entries(SORTS).map(([value, sort]) => option(value, sort.label)),
  );
  const clearLink = h('a', { class: 'fr-btn fr-btn--tertiary fr-btn--sm', href: '#/startups' }, 'Effacer les filtres');
  // Hidden by its box: the DSFR's buttons set their own display.
  const clear = h('div', { class: 'fr-mt-2w' }, clearLink);
  const status = h('p', { role: 'status', id: 'resultats-nombre', class: 'fr-mb-2w' });
  const title = h('h2', { id: 'resultats-titre', tabindex: '-1', class: 'fr-h3 fr-mt-4w fr-mb-1w' }, 'Résultats');
  const notice = h('div');
  const results = h('div', { id: 'resultats' });
  const pages = h('div');
  const root = h(
    'div',
    { id: 'chercheur-startups' },
    h(
      'form',
      { role: 'search', 'aria-label': 'Chercher des startups', onsubmit: (e: Event) => e.preventDefault() },
      h(
        'div',
        { class: 'fr-input-group' },
        h(
          'label',
          { class: 'fr-label', for: 'recherche' },
          'Rechercher une startup',
          h('span', { class: 'fr-hint-text' }, 'Dans son nom et sa mission, sans tenir compte des accents ni des majuscules.'),
        ),
        search,
      ),
      h(
        'div',
        { class: 'fr-grid-row fr-grid-row--gutters' },
        field('phase', 'Phase actuelle', selects.phase),
        field('incubateur', 'Incubateur', selects.incubateur),
        field('thematique', 'Thématique', selects.thematique),
        field('actif', 'État', selects.actif),
        field('annee', 'Année d’entrée dans le programme', selects.annee),
        field('tri', 'Trier par', selects.tri),
      ),
      clear,
    ),
    title,
    status,
    notice,
    results,
    pages,
  );
  replace(
    main,
    heading('Les startups d’État', []),
    h('p', { class: 'fr-text--lead' }, 'Toutes les startups de tous les incubateurs, lues dans le graphe unifié.'),
    root,
  );

  const showControls = () => {
    // The graph compares thematics without case or accents: so does the list.
    for (const [key, control] of Object.entries(selects))
      choose(control, current[key as keyof typeof selects], key === 'thematique' ? (a, b) => fold(a) === fold(b) : undefined);
    clear.hidden = !filtered(current);
    clearLink.setAttribute('href', finder({ tri: current.tri }));
  };

  let inFlight: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Draws the results the state says; `focus` moves the keyboard to them (a new page, not a keystroke). */
  const draw = async (focus: boolean) => {
    clearTimeout(timer);
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    const shown = current;
    const shownTrail = trail;
    clear.hidden = !filtered(shown);
    clearLink.setAttribute('href', finder({ tri: shown.tri }));
    try {
      const answer = await withProgress(
        results,
        'des startups',
        ask<FinderPage>('StartupFinder', finderVariables(shown), controller.signal),
      );
      if (controller.signal.aborted) return;
      const startups = answer.data?.startups;
      if (!startups) {
        status.textContent = '';
        title.textContent = 'Résultats';
        replace(notice);
        replace(
          results,
          failure(null, answer),
          // A cursor from another order or an older list: its first page still is one.
          shown.apres
            ? h('a', { class: 'fr-btn fr-btn--secondary', href: finder({ ...shown, apres: '' }) }, 'Revenir à la première page')
            : null,
        );
        replace(pages);
      } else drawPage(shown, shownTrail, startups, answer.missing);
    } catch (error) {
      if (controller.signal.aborted) return;
      status.textContent = '';
      title.textContent = 'Résultats';
      replace(results, failure(error));
      replace(pages);
    }
    if (focus) title.focus();
  };

  const drawPage = (shown: FinderState, shownTrail: Trail, startups: FinderPage['startups'], missing: readonly string[]) => {
    const total = startups.totalCount;
    const q = shown.q.trim();
    status.textContent =
      total === 0 ? 'Aucune startup trouvée' : `${count(total)} startup${total > 1 ? 's' : ''}${q ? ` pour « ${q} »` : ''}`;
    const pageCount = Math.ceil(total / PAGE_SIZE);
    const number = shownTrail ? shownTrail.length + 1 : null;
    title.textContent = `Résultats${number === null ? ', suite de la liste' : pageCount > 1 ? `, page ${number} sur ${pageCount}` : ''}`;
    replace(notice, partialNotice([...new Set([...missing, ...startups.missingPartners])].sort()));
    if (startups.edges.length === 0) {
      replace(results, empty(shown, total));
    } else {
      replace(
        results,
        h(
          'ul',
          { class: 'fr-grid-row fr-grid-row--gutters gg-cards' },
          startups.edges.map((e) => card(e.node)),
        ),
      );
    }
    const next = startups.pageInfo.hasNextPage ? startups.pageInfo.endCursor : null;
    replace(pages, pagination(shown, shownTrail, pageCount, next, go));
  };

  /** Moves to another page of the same list: a new history entry (Back returns here), the keyboard on its results. */
  const go = (apres: string, nextTrail: Trail) => (event: Event) => {
    const click = event as MouseEvent;
    // A new tab or window is the browser's to open, from the link's address.
    if (click.button !== 0 || click.ctrlKey || click.metaKey || click.shiftKey || click.altKey) return;
    event.preventDefault();
    current = { ...current, apres };
    trail = nextTrail;
    history.pushState({ finderTrail: nextTrail }, '', finder(current));
    void draw(true);
  };

  // A change of a filter or of the order starts the list again, on its first page: the address
  // is rewritten, not added to history (Back leaves the finder, as after a search in the explorer).
  const change = (patch: Partial<FinderState>, wait: boolean) => {
    current = { ...current, ...patch, apres: '' };
    trail = [];
    history.replaceState({ finderTrail: [] }, '', finder(current));
    if (!wait) return void draw(false);
    clearTimeout(timer);
    timer = setTimeout(() => void draw(false), 250);
  };
  search.addEventListener('input', () => change({ q: search.value }, true));
  for (const [key, control] of Object.entries(selects)) control.addEventListener('change', () => change({ [key]: control.value }, false));

  live = {
    root,
    show(state) {
      current = state;
      trail = trailOf(state);
      search.value = state.q;
      showControls();
      return draw(true);
    },
  };
  search.value = current.q;
  showControls();

  void finderChoices().then(
    (choices) => {
      replace(
        selects.incubateur,
        option('', 'Tous les incubateurs'),
        choices.incubators.map((i) => option(i.id, i.name)),
      );
      replace(
        selects.thematique,
        option('', 'Toutes les thématiques'),
        choices.thematics.map((t) => option(t.name, `${t.name} (${count(t.startups)})`)),
      );
      replace(
        selects.annee,
        option('', 'Toutes les années'),
        choices.years.map((y) => option(String(y.year), y.startups === null ? String(y.year) : `${y.year} (${count(y.startups)})`)),
      );
      showControls();
    },
    () => {},
  );
  await draw(false);
}
