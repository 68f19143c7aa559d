/**
 * The frame of every page of the open data site, in the French State's design system (DSFR): the
 * dashboard's own header and footer (`@gouvgraph/dashboard/shell`, one source for both), the open
 * data's home marked in the menu, and a breadcrumb from the dashboard's home. The DSFR's styles
 * and script are the dashboard's own built files (`PageAssets`): nothing from elsewhere, which the
 * pages' Content-Security-Policy would refuse anyway.
 */
import { shellFooter, shellHeader } from '@gouvgraph/dashboard/shell';
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

const OPEN_DATA_HOME = { title: 'Données ouvertes', href: '/donnees/' } as const;

/** Without the dashboard's build (a gateway serving the API only): readable, not the DSFR. */
const FALLBACK_STYLE = `<style>
  body { font-family: Marianne, system-ui, sans-serif; max-width: 72rem; margin: 0 auto; padding: 0 1rem; color: #161616; line-height: 1.5; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: .5rem; border-bottom: 1px solid #ddd; }
  a { color: #000091; }
  .fr-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
</style>`;

/** The dashboard's header, with the open data's home marked in its menu. */
function header(current: SitePage['current']): string {
  const mark = ` aria-current="${current === 'page' ? 'page' : 'true'}"`;
  return shellHeader(
    '/',
    `<li class="fr-nav__item"><a class="fr-nav__link" href="${OPEN_DATA_HOME.href}"${mark}>${escape(OPEN_DATA_HOME.title)}</a></li>`,
  );
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
${header(page.current)}
<main id="contenu" class="fr-container fr-pb-6w" role="main" tabindex="-1">
${breadcrumb(page.trail ?? [], page.title)}
${page.main}
</main>
${shellFooter('/')}
</body>
</html>
`;
  // Every text here is the site's own (titles, descriptions, schema changes): no value of a
  // partner's, whose spacing it would change.
  return frenchSpacing(html);
}
