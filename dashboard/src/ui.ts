/** What every page shares: loading, error, partial-result and empty states, in the DSFR's words and styles. */
import { h, replace, type Child } from './dom.js';
import { colon, quoted } from './format.js';
import { GraphUnavailable, type GraphAnswer } from './graph.js';

/** Shows a progress message in `container` if `work` takes more than a moment. */
export async function withProgress<T>(container: Element, what: string, work: Promise<T>): Promise<T> {
  const timer = setTimeout(() => {
    replace(
      container,
      h(
        'p',
        { class: 'gg-loading', role: 'status' },
        h('span', { class: 'fr-icon-refresh-line', 'aria-hidden': 'true' }),
        ` Chargement ${what}…`,
      ),
    );
  }, 200);
  try {
    return await work;
  } finally {
    clearTimeout(timer);
  }
}

export function alert(kind: 'error' | 'warning' | 'info', title: string, ...text: Child[]): HTMLElement {
  return h(
    'div',
    { class: `fr-alert fr-alert--${kind} fr-mb-3w`, role: kind === 'info' ? 'status' : 'alert' },
    h('h2', { class: 'fr-alert__title' }, title),
    h('p', {}, ...text),
  );
}

/** Says plainly which partners are missing from an answer, or nothing when it is complete. */
export function partialNotice(missing: readonly string[]): HTMLElement | null {
  if (missing.length === 0) return null;
  const names = missing.map(quoted).join(', ');
  return alert(
    'warning',
    'Résultat partiel',
    missing.length === 1
      ? `${colon(`Le partenaire ${names} n’a pas répondu`)}ses données manquent dans les chiffres ci-dessous, le reste est complet.`
      : `${colon(`Les partenaires ${names} n’ont pas répondu`)}leurs données manquent dans les chiffres ci-dessous, le reste est complet.`,
  );
}

/** The page when the graph gave nothing usable. */
export function failure(error: unknown, answer?: GraphAnswer<unknown>): HTMLElement {
  if (error instanceof GraphUnavailable) return alert('error', 'Données indisponibles', error.message);
  const first = answer?.errors[0];
  if (first)
    return alert('error', 'Le graphe a refusé la demande', first.message, first.extensions?.code ? ` (${first.extensions.code})` : '');
  return alert('error', 'Erreur inattendue', 'La page n’a pas pu afficher les données. Réessayez dans un instant.');
}

/** A step of the breadcrumb above the current page. */
export interface Crumb {
  label: string;
  href: string;
}

/**
 * The page's title, and above it the breadcrumb (DSFR `fr-breadcrumb`): « Accueil », the pages
 * above this one, then this page, marked as the current one. The home page has no `trail` and so
 * no breadcrumb; every other page gives one, `[]` when it sits right under the home page.
 */
export function heading(text: string, trail?: readonly Crumb[]): Child[] {
  const title = h('h1', { tabindex: '-1', class: trail ? null : 'fr-mt-4w' }, text);
  if (!trail) return [title];
  const link = (crumb: Crumb) => h('li', {}, h('a', { class: 'fr-breadcrumb__link', href: crumb.href }, crumb.label));
  return [
    h(
      'nav',
      { role: 'navigation', class: 'fr-breadcrumb', 'aria-label': 'vous êtes ici\u00a0:' },
      h(
        'ol',
        { class: 'fr-breadcrumb__list' },
        link({ label: 'Accueil', href: '#/' }),
        trail.map(link),
        // The current page is not a link to itself (DSFR: a link without href, aria-current).
        h('li', {}, h('a', { class: 'fr-breadcrumb__link', 'aria-current': 'page' }, text)),
      ),
    ),
    title,
  ];
}

/** A link that leaves the site, said so to everyone (it opens in a new window). */
export const externalLink = (href: string, label: string) =>
  h('a', { href, rel: 'noopener', target: '_blank', title: `${label} (nouvelle fenêtre)` }, label);

/** The same in a list item; nothing when there is no address. */
export const external = (href: string | null, label: string) => (href ? h('li', {}, externalLink(href, label)) : null);

/** The same as a DSFR button, for a group of actions (`ul.fr-btns-group`). */
export const externalButton = (href: string | null, label: string, kind: 'primary' | 'secondary' | 'tertiary') =>
  href
    ? h(
        'li',
        {},
        h(
          'a',
          {
            class: `fr-btn${kind === 'primary' ? '' : ` fr-btn--${kind}`}`,
            href,
            rel: 'noopener',
            target: '_blank',
            title: `${label} (nouvelle fenêtre)`,
          },
          label,
        ),
      )
    : null;
