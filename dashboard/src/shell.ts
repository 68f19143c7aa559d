/**
 * The frame every page of GouvGraph wears, in the French State's design system (DSFR): the
 * header with its menu, and the footer with the links every State site carries. One source for
 * the dashboard (its build writes it into index.html) and for the pages the gateway renders
 * itself (the open data site), so that neither drifts from the other. Plain strings: nothing here
 * touches the DOM, and every text is ours.
 *
 * `base` is how a link reaches the dashboard's pages: `''` from the dashboard (`#/apis`), `'/'`
 * from another page of the site (`/#/apis`).
 */

interface Link {
  title: string;
  /** Within the dashboard: the address after its `#`, or an absolute path elsewhere on the site. */
  to: string;
  /** The dashboard's name for the menu's section (main.ts marks the current one). */
  page?: string;
}

const NBSP = '\u00a0';

/** The dashboard's sections. */
const MENU: readonly Link[] = [
  { title: 'Vue d’ensemble', to: '#/', page: 'overview' },
  { title: 'Startups', to: '#/startups', page: 'startups' },
  { title: 'Explorer les API', to: '#/apis', page: 'apis' },
  { title: 'État des partenaires', to: '#/partenaires', page: 'partners' },
];

/** The sites of the State every footer of a State site links to. */
const STATE_SITES = [
  ['info.gouv.fr', 'https://www.info.gouv.fr'],
  ['service-public.gouv.fr', 'https://www.service-public.gouv.fr'],
  ['legifrance.gouv.fr', 'https://www.legifrance.gouv.fr'],
  ['data.gouv.fr', 'https://www.data.gouv.fr'],
] as const;

/** The mandatory pages first (RGAA, DSFR), then GouvGraph's other pages. */
const FOOTER_LINKS: readonly Link[] = [
  { title: 'Plan du site', to: '#/plan-du-site' },
  { title: `Accessibilité${NBSP}: non conforme`, to: '#/accessibilite' },
  { title: 'Mentions légales', to: '#/mentions-legales' },
  { title: 'Données personnelles', to: '#/donnees-personnelles' },
  { title: 'Éditeur GraphQL', to: '/graphiql' },
  { title: 'Données ouvertes (CSV, JSON, flux)', to: '/donnees/' },
  { title: 'Journal des versions du graphe', to: '/donnees/journal-du-graphe' },
];

/** A link's address from a page with this `base`. */
const href = (to: string, base: string) => (to.startsWith('#') ? (base === '' ? to : to === '#/' ? base : `${base}${to}`) : to);

const logo = '<p class="fr-logo">République<br>française</p>';

/** The DSFR's quick-access links, first in the page (RGAA 12.7): to the content, to the menu. */
const skipLinks = `<div class="fr-skiplinks">
<nav class="fr-container" role="navigation" aria-label="Accès rapide">
<ul class="fr-skiplinks__list">
<li><a class="fr-link" href="#contenu">Contenu</a></li>
<li><a class="fr-link" href="#navigation">Menu</a></li>
</ul>
</nav>
</div>`;

/**
 * The quick-access links, then the header; `after`: menu items a page adds after the dashboard's
 * (the open data marks its own). The page's `<main>` must be `#contenu`.
 */
export function shellHeader(base: string, after = ''): string {
  const home = href('#/', base);
  const items = MENU.map(
    (l) => `<li class="fr-nav__item"><a class="fr-nav__link" data-page="${l.page}" href="${href(l.to, base)}">${l.title}</a></li>`,
  );
  return `${skipLinks}
<header role="banner" class="fr-header">
<div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row">
<div class="fr-header__brand fr-enlarge-link">
<div class="fr-header__brand-top">
<div class="fr-header__logo">${logo}</div>
<div class="fr-header__navbar"><button class="fr-btn--menu fr-btn" data-fr-opened="false" aria-controls="menu" aria-haspopup="menu" id="bouton-menu" title="Menu">Menu</button></div>
</div>
<div class="fr-header__service">
<a href="${home}" title="Accueil — GouvGraph"><p class="fr-header__service-title">GouvGraph</p></a>
<p class="fr-header__service-tagline">Le graphe des startups d’État et des API de l’État</p>
</div>
</div>
<div class="fr-header__tools"><div class="fr-header__tools-links"><ul class="fr-btns-group">
<li><a class="fr-btn fr-icon-code-s-slash-line" href="/graphiql">Éditeur GraphQL</a></li>
</ul></div></div>
</div></div></div>
<div class="fr-header__menu fr-modal" id="menu" aria-labelledby="bouton-menu">
<div class="fr-container">
<button class="fr-btn--close fr-btn" aria-controls="menu" title="Fermer">Fermer</button>
<div class="fr-header__menu-links"></div>
<nav class="fr-nav" id="navigation" role="navigation" aria-label="Menu principal">
<ul class="fr-nav__list">
${items.join('\n')}${after ? `\n${after}` : ''}
</ul>
</nav>
</div>
</div>
</header>`;
}

export function shellFooter(base: string): string {
  const sites = STATE_SITES.map(
    ([site, url]) =>
      `<li class="fr-footer__content-item"><a class="fr-footer__content-link" href="${url}" target="_blank" rel="noopener" title="${site} (nouvelle fenêtre)">${site}</a></li>`,
  );
  const bottom = FOOTER_LINKS.map(
    (l) => `<li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="${href(l.to, base)}">${l.title}</a></li>`,
  );
  return `<footer class="fr-footer" role="contentinfo" id="footer">
<div class="fr-container">
<div class="fr-footer__body">
<div class="fr-footer__brand fr-enlarge-link"><a href="${href('#/', base)}" title="Accueil — GouvGraph">${logo}</a></div>
<div class="fr-footer__content">
<p class="fr-footer__content-desc">Chaque incubateur tient ses propres données${NBSP}; GouvGraph les relie en un seul graphe. Données${NBSP}: beta.gouv.fr et api.gouv.fr (DINUM).</p>
<ul class="fr-footer__content-list">
${sites.join('\n')}
</ul>
</div>
</div>
<div class="fr-footer__bottom">
<ul class="fr-footer__bottom-list">
${bottom.join('\n')}
</ul>
<div class="fr-footer__bottom-copy">
<p>Code sous licence MIT. Données de beta.gouv.fr et d’api.gouv.fr (DINUM), sous leurs licences${NBSP}: voir les <a href="${href('#/mentions-legales', base)}">mentions légales</a>.</p>
</div>
</div>
</div>
</footer>`;
}
