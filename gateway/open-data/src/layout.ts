/**
 * The frame of every page of the open data site, in the French State's design system (DSFR) as
 * the dashboard has it (dashboard/index.html): the same header, with the dashboard's pages in its
 * menu, a breadcrumb from the dashboard's home, and the same footer, with the links every State
 * site carries. The DSFR's styles and script are the dashboard's own built files (`PageAssets`):
 * nothing from elsewhere, which the pages' Content-Security-Policy would refuse anyway.
 */
import { frenchSpacing } from './french.js';
import { escapeMarkup as escape } from './markup.js';

/** The built dashboard's files a page links to (its Vite entry `src/server-pages.ts`). */
export interface PageAssets {
  styles: readonly string[];
  scripts: readonly string[];
}

export interface SitePage {
  /** The page's own title: the `<title>` and the breadcrumb's last step. */
  title: string;
  /** Steps between the dashboard's home and this page. */
  trail?: readonly { title: string; href: string }[];
  /** Whether this page is the open data's home, or a page within it (the menu marks either). */
  current: 'page' | 'section';
  /** Extra elements of `<head>` (feeds). */
  head?: string;
  /** The content of `<main>`, its `<h1>` included. */
  main: string;
  assets: PageAssets | null;
}

/** The dashboard's pages (the address after `#` is its router's), and the open data's home. */
const MENU = [
  { title: 'Vue d’ensemble', href: '/' },
  { title: 'Explorer les API', href: '/#/apis' },
  { title: 'État des partenaires', href: '/#/partenaires' },
] as const;
const OPEN_DATA_HOME = { title: 'Données ouvertes', href: '/donnees/' } as const;

/** The sites of the State every footer of a State site links to. */
const STATE_SITES = [
  ['info.gouv.fr', 'https://www.info.gouv.fr'],
  ['service-public.gouv.fr', 'https://www.service-public.gouv.fr'],
  ['legifrance.gouv.fr', 'https://www.legifrance.gouv.fr'],
  ['data.gouv.fr', 'https://www.data.gouv.fr'],
] as const;

/** The service's mandatory pages (the dashboard's), and the other pages of GouvGraph. */
const FOOTER_LINKS = [
  { title: 'Accessibilité : non conforme', href: '/#/accessibilite' },
  { title: 'Mentions légales', href: '/#/mentions-legales' },
  { title: 'Données personnelles', href: '/#/donnees-personnelles' },
  { title: 'Plan du site', href: '/#/plan-du-site' },
  { title: 'Éditeur GraphQL', href: '/graphiql' },
  { title: 'Données ouvertes (CSV, JSON, flux)', href: '/donnees/' },
  { title: 'Journal des versions du graphe', href: '/donnees/journal-du-graphe' },
] as const;

/** Without the dashboard's build (a gateway serving the API only): readable, not the DSFR. */
const FALLBACK_STYLE = `<style>
  body { font-family: Marianne, system-ui, sans-serif; max-width: 72rem; margin: 0 auto; padding: 0 1rem; color: #161616; line-height: 1.5; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: .5rem; border-bottom: 1px solid #ddd; }
  a { color: #000091; }
  .fr-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
</style>`;

function header(current: SitePage['current']): string {
  const item = (link: { title: string; href: string }, aria = '') =>
    `<li class="fr-nav__item"><a class="fr-nav__link" href="${link.href}"${aria}>${escape(link.title)}</a></li>`;
  return `<header role="banner" class="fr-header">
<div class="fr-header__body">
<div class="fr-container">
<div class="fr-header__body-row">
<div class="fr-header__brand fr-enlarge-link">
<div class="fr-header__brand-top">
<div class="fr-header__logo"><p class="fr-logo">République<br>française</p></div>
<div class="fr-header__navbar">
<button class="fr-btn--menu fr-btn" data-fr-opened="false" aria-controls="menu" aria-haspopup="menu" id="bouton-menu" title="Menu">Menu</button>
</div>
</div>
<div class="fr-header__service">
<a href="/" title="Accueil — GouvGraph"><p class="fr-header__service-title">GouvGraph</p></a>
<p class="fr-header__service-tagline">Le graphe des startups d’État et des API de l’État</p>
</div>
</div>
<div class="fr-header__tools">
<div class="fr-header__tools-links">
<ul class="fr-btns-group">
<li><a class="fr-btn fr-icon-code-s-slash-line" href="/graphiql">Éditeur GraphQL</a></li>
</ul>
</div>
</div>
</div>
</div>
</div>
<div class="fr-header__menu fr-modal" id="menu" aria-labelledby="bouton-menu">
<div class="fr-container">
<button class="fr-btn--close fr-btn" aria-controls="menu" title="Fermer">Fermer</button>
<div class="fr-header__menu-links"></div>
<nav class="fr-nav" id="navigation" role="navigation" aria-label="Menu principal">
<ul class="fr-nav__list">
${MENU.map((link) => item(link)).join('\n')}
${item(OPEN_DATA_HOME, ` aria-current="${current === 'page' ? 'page' : 'true'}"`)}
</ul>
</nav>
</div>
</div>
</header>`;
}

function breadcrumb(trail: readonly { title: string; href: string }[], title: string): string {
  const steps = [{ title: 'Accueil', href: '/' }, ...trail];
  return `<nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
<button class="fr-breadcrumb__button" aria-expanded="false" aria-controls="fil-d-ariane">Voir le fil d’Ariane</button>
<div class="fr-collapse" id="fil-d-ariane">
<ol class="fr-breadcrumb__list">
${steps.map((s) => `<li><a class="fr-breadcrumb__link" href="${s.href}">${escape(s.title)}</a></li>`).join('\n')}
<li><a class="fr-breadcrumb__link" aria-current="page">${escape(title)}</a></li>
</ol>
</div>
</nav>`;
}

const footer = `<footer class="fr-footer" role="contentinfo" id="footer">
<div class="fr-container">
<div class="fr-footer__body">
<div class="fr-footer__brand fr-enlarge-link">
<a href="/" title="Accueil — GouvGraph"><p class="fr-logo">République<br>française</p></a>
</div>
<div class="fr-footer__content">
<p class="fr-footer__content-desc">Chaque incubateur tient ses propres données ; GouvGraph les relie en un seul graphe. Données : beta.gouv.fr et api.gouv.fr (DINUM).</p>
<ul class="fr-footer__content-list">
${STATE_SITES.map(
  ([site, href]) =>
    `<li class="fr-footer__content-item"><a class="fr-footer__content-link" href="${href}" target="_blank" rel="noopener" title="${site} — nouvelle fenêtre">${site}</a></li>`,
).join('\n')}
</ul>
</div>
</div>
<div class="fr-footer__bottom">
<ul class="fr-footer__bottom-list">
${FOOTER_LINKS.map((l) => `<li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="${l.href}">${escape(l.title)}</a></li>`).join('\n')}
</ul>
<div class="fr-footer__bottom-copy">
<p>Code sous licence MIT. Sauf mention contraire, les textes du catalogue sont sous Licence Ouverte / Etalab 2.0.</p>
</div>
</div>
</div>
</footer>`;

/** A whole page of the open data site. */
export function sitePage(page: SitePage): string {
  const assets = page.assets
    ? [
        ...page.assets.styles.map((href) => `<link rel="stylesheet" href="${escape(href)}">`),
        ...page.assets.scripts.map((src) => `<script type="module" src="${escape(src)}"></script>`),
      ].join('\n')
    : FALLBACK_STYLE;
  const html = `<!doctype html>
<html lang="fr" data-fr-scheme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
<meta name="format-detection" content="telephone=no">
<title>${escape(page.title)} — GouvGraph</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
${assets}
${page.head ?? ''}
</head>
<body>
<div class="fr-skiplinks">
<nav class="fr-container" role="navigation" aria-label="Accès rapide">
<ul class="fr-skiplinks__list">
<li><a class="fr-link" href="#contenu">Contenu</a></li>
<li><a class="fr-link" href="#navigation">Menu</a></li>
</ul>
</nav>
</div>
${header(page.current)}
<main id="contenu" class="fr-container fr-pb-6w" role="main" tabindex="-1">
${breadcrumb(page.trail ?? [], page.title)}
${page.main}
</main>
${footer}
</body>
</html>
`;
  // Every text here is the site's own (titles, descriptions, schema changes): no value of a
  // partner's, whose spacing it would change.
  return frenchSpacing(html);
}
