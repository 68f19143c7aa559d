/**
 * The dashboard: a page per address after `#`, drawn into `<main>`. Moving to another page puts
 * the keyboard focus on its title, as screen reader users expect.
 */
import '@gouvfr/dsfr/dist/dsfr.min.css';
// Only the icon families the page uses: all of them would weigh 2 MB of CSS.
import '@gouvfr/dsfr/dist/utility/icons/icons-system/icons-system.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-development/icons-development.min.css';
import '@gouvfr/dsfr/dist/dsfr.module.min.js';
import './style.css';
import { accessibilityPage } from './pages/accessibility.js';
import { apiPage } from './pages/api.js';
import { apiExplorer } from './pages/apis.js';
import { incubatorPage } from './pages/incubator.js';
import { legalNoticePage } from './pages/legal-notice.js';
import { overview } from './pages/overview.js';
import { partnersPage } from './pages/partners.js';
import { privacyPage } from './pages/privacy.js';
import { sitemapPage } from './pages/sitemap.js';
import { startupPage } from './pages/startup.js';
import { startupFinder } from './pages/startups.js';

const main = document.getElementById('contenu') as HTMLElement;

const TITLES: Record<string, string> = {
  overview: 'Vue d’ensemble',
  apis: 'Explorer les API',
  api: 'API',
  incubator: 'Incubateur',
  startups: 'Startups',
  startup: 'Startup',
  partners: 'État des partenaires',
  accessibility: 'Accessibilité',
  legal: 'Mentions légales',
  privacy: 'Données personnelles',
  sitemap: 'Plan du site',
};

/** The footer's pages, by address (`/donnees/` links to them: keep these addresses). */
const FOOTER_PAGES: Record<string, string> = {
  accessibilite: 'accessibility',
  'mentions-legales': 'legal',
  'donnees-personnelles': 'privacy',
  'plan-du-site': 'sitemap',
};

/**
 * The page an address names: `#/`, `#/apis`, `#/apis/<id>`, `#/incubateurs/<id>`, `#/startups`,
 * `#/startups/<incubator>/<slug>`, `#/partenaires`, and the footer's pages.
 */
function pageOf(parts: readonly string[]): string {
  const footer = FOOTER_PAGES[parts[0] ?? ''];
  if (footer && !parts[1]) return footer;
  if (parts[0] === 'apis') return parts[1] ? 'api' : 'apis';
  if (parts[0] === 'incubateurs' && parts[1]) return 'incubator';
  if (parts[0] === 'startups') return parts[1] ? 'startup' : 'startups';
  if (parts[0] === 'partenaires') return 'partners';
  return 'overview';
}

async function route(navigated: boolean): Promise<void> {
  const [path = '', search = ''] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const page = pageOf(parts);
  // Incubators are reached from the overview: it stays the current section. A startup is one of
  // the finder's. The footer's pages are in no section of the menu.
  const section =
    page === 'api' || page === 'apis'
      ? 'apis'
      : page === 'partners'
        ? 'partners'
        : Object.values(FOOTER_PAGES).includes(page)
          ? null
          : page === 'startups' || page === 'startup'
            ? 'startups'
            : 'overview';
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.fr-nav__link')) {
    if (link.dataset.page === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${TITLES[page] ?? ''} — GouvGraph`;
  if (page === 'api') await apiPage(main, parts[1] ?? '');
  else if (page === 'incubator') await incubatorPage(main, parts[1] ?? '');
  else if (page === 'startup') await startupPage(main, parts.slice(1).join('/'));
  else if (page === 'partners') await partnersPage(main);
  else if (page === 'apis') await apiExplorer(main, new URLSearchParams(search));
  else if (page === 'startups') await startupFinder(main, new URLSearchParams(search));
  else if (page === 'accessibility') accessibilityPage(main);
  else if (page === 'legal') legalNoticePage(main);
  else if (page === 'privacy') privacyPage(main);
  else if (page === 'sitemap') sitemapPage(main);
  else await overview(main);
  if (navigated) main.querySelector<HTMLElement>('h1')?.focus();
  main.setAttribute('aria-busy', 'false');
}

// The skip links point at elements, not at pages: they move the focus and leave the address.
document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a[href^="#"]');
  const target =
    link && !link.getAttribute('href')?.startsWith('#/') ? document.getElementById(link.getAttribute('href')?.slice(1) ?? '') : null;
  if (!target) return;
  event.preventDefault();
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus();
});

let previous = '';
window.addEventListener('hashchange', () => {
  // The explorer rewrites its own address as you type: only another page is a navigation.
  const page = location.hash.split('?')[0] ?? '';
  // The finder's address changes by Back through its pages and by its own links: it redraws its results.
  if (page === previous && page === '#/startups') return void route(false);
  if (page === previous) return;
  previous = page;
  void route(true);
});
previous = location.hash.split('?')[0] ?? '';
void route(false);
