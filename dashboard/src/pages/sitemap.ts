/** Every page of the site, in one list (RGAA 12.1: a site map). Add a page here when you add one. */
import { h, replace, type Child } from '../dom.js';
import { heading } from '../ui.js';

const page = (href: string, label: string, ...under: Child[]) => h('li', {}, h('a', { href }, label), ...under);

export function sitemapPage(main: HTMLElement): void {
  replace(
    main,
    heading('Plan du site', []),
    h(
      'ul',
      { id: 'plan' },
      page(
        '#/',
        'Vue d’ensemble',
        h('ul', {}, h('li', {}, 'Chaque incubateur et chacune de ses startups, depuis le tableau «\u00a0Par incubateur\u00a0»')),
      ),
      page('#/startups', 'Les startups d’État', h('ul', {}, h('li', {}, 'Chaque startup, depuis les résultats de recherche'))),
      page('#/apis', 'Explorer les API', h('ul', {}, h('li', {}, 'Chaque API, depuis les résultats de recherche'))),
      page('#/partenaires', 'État des partenaires'),
      page('/graphiql', 'Éditeur GraphQL'),
      page(
        '/donnees/',
        'Données ouvertes (CSV, JSON, flux)',
        h('ul', {}, page('/donnees/journal-du-graphe', 'Journal des versions du graphe')),
      ),
      page('#/accessibilite', 'Accessibilité'),
      page('#/mentions-legales', 'Mentions légales'),
      page('#/donnees-personnelles', 'Données personnelles'),
      page('#/plan-du-site', 'Plan du site'),
    ),
  );
}
