/** What every page shares: loading, error, partial-result and empty states, in the DSFR's words and styles. */
import { h, replace, type Child } from './dom.js';
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
  const names = missing.map((id) => `« ${id} »`).join(', ');
  return alert(
    'warning',
    'Résultat partiel',
    missing.length === 1 ? `Le partenaire ${names} n’a pas répondu : ` : `Les partenaires ${names} n’ont pas répondu : `,
    'ses données manquent dans les chiffres ci-dessous, le reste est complet.',
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

export const heading = (text: string) => h('h1', { tabindex: '-1', class: 'fr-mt-4w' }, text);

/** A link that leaves the site, said so to everyone (it opens in a new window); nothing when there is no address. */
export const external = (href: string | null, label: string) =>
  href ? h('li', {}, h('a', { href, rel: 'noopener', target: '_blank', title: `${label} (nouvelle fenêtre)` }, label)) : null;

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
