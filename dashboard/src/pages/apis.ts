/** The API explorer: search as you type over the catalogue, filtered by theme, access and producer. */
import { h, replace } from '../dom.js';
import { ACCESS, colon, count, ELIGIBILITY, quoted } from '../format.js';
import { ask } from '../graph.js';
import { alert, failure, heading, partialNotice, withProgress } from '../ui.js';

interface ApiCard {
  id: string;
  title: string;
  tagline: string | null;
  access: string;
  themes: string[];
  producer: { id: string; name: string; acronym: string | null };
  eligibility: { who: string[]; eligible: string }[];
}
interface SearchPage {
  apis: { totalCount: number; edges: { node: ApiCard }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
interface Criteria {
  q: string;
  theme: string;
  access: string;
  producer: string;
}

function card(api: ApiCard): HTMLElement {
  const access = ACCESS[api.access] ?? { label: api.access, badge: '' };
  const eligible = api.eligibility.filter((e) => e.eligible !== 'NOT_ELIGIBLE');
  return h(
    'li',
    { class: 'fr-col-12 fr-col-md-6 fr-col-lg-4' },
    h(
      'div',
      { class: 'fr-card fr-enlarge-link' },
      h(
        'div',
        { class: 'fr-card__body' },
        h(
          'div',
          { class: 'fr-card__content' },
          h('h3', { class: 'fr-card__title' }, h('a', { href: `#/apis/${encodeURIComponent(api.id)}` }, api.title)),
          h('p', { class: 'fr-card__desc' }, api.tagline ?? ''),
          h(
            'div',
            { class: 'fr-card__start' },
            h(
              'ul',
              { class: 'fr-badges-group' },
              h('li', {}, h('p', { class: `fr-badge fr-badge--sm ${access.badge}` }, `${colon('Accès')}${access.label}`)),
            ),
            h('p', { class: 'fr-card__detail' }, api.producer.acronym ?? api.producer.name),
          ),
          eligible.length
            ? h(
                'p',
                { class: 'fr-card__end fr-text--xs' },
                colon('Pour'),
                eligible.map((e) => `${e.who.join(', ')} (${ELIGIBILITY[e.eligible] ?? e.eligible})`).join(' ; '),
              )
            : null,
        ),
      ),
    ),
  );
}

const option = (value: string, label: string, selected: string) => h('option', { value, selected: value === selected }, label);

export async function apiExplorer(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const criteria: Criteria = {
    q: params.get('q') ?? '',
    theme: params.get('theme') ?? '',
    access: params.get('access') ?? '',
    producer: params.get('producer') ?? '',
  };
  const status = h('p', { class: 'fr-mt-2w', role: 'status', 'aria-live': 'polite', id: 'resultats-nombre' });
  const results = h('div', { id: 'resultats' });
  const search = h('input', {
    class: 'fr-input',
    type: 'search',
    id: 'recherche',
    name: 'q',
    value: criteria.q,
    placeholder: 'adresse, entreprise, énergie…',
    autocomplete: 'off',
  });
  const themeSelect = h('select', { class: 'fr-select', id: 'theme', name: 'theme' }, option('', 'Tous les thèmes', criteria.theme));
  const accessSelect = h(
    'select',
    { class: 'fr-select', id: 'acces', name: 'access' },
    option('', 'Tous les accès', criteria.access),
    Object.entries(ACCESS).map(([value, a]) => option(value, `Accès ${a.label}`, criteria.access)),
  );
  const producerSelect = h(
    'select',
    { class: 'fr-select', id: 'producteur', name: 'producer' },
    option('', 'Tous les producteurs', criteria.producer),
  );
  const field = (label: string, control: HTMLElement, id: string) =>
    h(
      'div',
      { class: 'fr-col-12 fr-col-md-4' },
      h('div', { class: 'fr-select-group' }, h('label', { class: 'fr-label', for: id }, label), control),
    );

  replace(
    main,
    heading('Explorer les API de l’État', []),
    h('p', { class: 'fr-text--lead' }, 'Les API réutilisables du catalogue api.gouv.fr, et les startups d’État qui les construisent.'),
    h(
      'form',
      { role: 'search', onsubmit: (e: Event) => e.preventDefault() },
      h(
        'div',
        { class: 'fr-input-group' },
        h(
          'label',
          { class: 'fr-label', for: 'recherche' },
          'Rechercher une API',
          h('span', { class: 'fr-hint-text' }, 'Les résultats s’affichent pendant la saisie.'),
        ),
        search,
      ),
      h(
        'div',
        { class: 'fr-grid-row fr-grid-row--gutters' },
        field('Thème', themeSelect, 'theme'),
        field('Accès', accessSelect, 'acces'),
        field('Producteur', producerSelect, 'producteur'),
      ),
    ),
    status,
    results,
  );

  // The filters' choices, from the graph.
  void Promise.all([
    ask<{ apiThemes: { name: string; apiCount: number }[] }>('ApiThemes'),
    ask<{ apis: { edges: { node: { producer: { id: string; name: string } } }[] } }>('ApiProducers', { after: null }),
  ]).then(
    ([themes, producers]) => {
      for (const t of themes.data?.apiThemes ?? []) themeSelect.append(option(t.name, `${t.name} (${t.apiCount})`, criteria.theme));
      const seen = new Map((producers.data?.apis.edges ?? []).map((e) => [e.node.producer.id, e.node.producer.name]));
      for (const [id, name] of [...seen].sort((a, b) => a[1].localeCompare(b[1], 'fr')))
        producerSelect.append(option(id, name, criteria.producer));
    },
    () => {},
  );

  let inFlight: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async (after: string | null = null) => {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    // The address says the search: it can be shared, and the back button returns to it.
    const query = new URLSearchParams(Object.entries(criteria).filter(([, v]) => v));
    history.replaceState(null, '', `#/apis${query.size ? `?${query}` : ''}`);
    const filter = {
      ...(criteria.theme ? { theme: criteria.theme } : {}),
      ...(criteria.access ? { access: criteria.access } : {}),
      ...(criteria.producer ? { producer: criteria.producer } : {}),
    };
    try {
      const answer = await withProgress(
        after ? h('div') : results,
        'des API',
        ask<SearchPage>('ApiSearch', { search: criteria.q.trim() || null, filter, after }, controller.signal),
      );
      if (controller.signal.aborted) return;
      const apis = answer.data?.apis;
      if (!apis) {
        replace(results, failure(null, answer));
        status.textContent = '';
        return;
      }
      status.textContent =
        apis.totalCount === 0 ? '' : `${count(apis.totalCount)} API${criteria.q.trim() ? ` pour ${quoted(criteria.q.trim())}` : ''}`;
      const list = after ? results.querySelector('ul.gg-cards') : null;
      const cards = apis.edges.map((e) => card(e.node));
      results.querySelector('.gg-more')?.remove();
      const more = apis.pageInfo.hasNextPage
        ? h(
            'button',
            { type: 'button', class: 'fr-btn fr-btn--secondary gg-more fr-mt-2w', onclick: () => void run(apis.pageInfo.endCursor) },
            'Afficher plus d’API',
          )
        : null;
      if (list) {
        list.append(...cards);
        if (more) results.append(more);
      } else if (apis.totalCount === 0) {
        replace(
          results,
          partialNotice(answer.missing),
          alert('info', 'Aucune API trouvée', `Aucune API ne correspond à ces critères. Essayez un autre mot ou retirez un filtre.`),
        );
      } else {
        replace(results, partialNotice(answer.missing), h('ul', { class: 'fr-grid-row fr-grid-row--gutters gg-cards' }, cards), more);
      }
    } catch (error) {
      if (!controller.signal.aborted) replace(results, failure(error));
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 250);
  };
  search.addEventListener('input', () => ((criteria.q = search.value), later()));
  for (const [select, key] of [
    [themeSelect, 'theme'],
    [accessSelect, 'access'],
    [producerSelect, 'producer'],
  ] as const) {
    select.addEventListener('change', () => ((criteria[key] = select.value), void run()));
  }
  await run();
}
