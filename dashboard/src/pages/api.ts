/** One API: what it does, who may use it and how, its documentation, and the startup that builds it. */
import { h, replace } from '../dom.js';
import { ACCESS, date, ELIGIBILITY, phaseLabel } from '../format.js';
import { ask } from '../graph.js';
import { startupLink } from './incubator.js';
import { alert, external, failure, heading, partialNotice, withProgress } from '../ui.js';

interface ApiDetail {
  id: string;
  title: string;
  tagline: string | null;
  description: string | null;
  access: string;
  themes: string[];
  keywords: string[];
  producer: { name: string; acronym: string | null; website: string | null; organisation: { name: string } | null };
  eligibility: { who: string[]; eligible: string; description: string | null }[];
  website: string | null;
  documentation: string | null;
  openApi: string | null;
  accessRequest: string | null;
  franceConnect: boolean | null;
  lastUpdate: string | null;
  page: string;
  builtBy: { id: string; name: string; pitch: string; phase: string; incubator: { id: string; name: string } } | null;
}

export async function apiPage(main: HTMLElement, id: string): Promise<void> {
  const content = h('div');
  replace(
    main,
    h(
      'nav',
      { 'aria-label': 'Vous êtes ici', class: 'fr-breadcrumb' },
      h('ol', { class: 'fr-breadcrumb__list' }, h('li', {}, h('a', { class: 'fr-breadcrumb__link', href: '#/apis' }, 'API'))),
    ),
    content,
  );
  try {
    const answer = await withProgress(content, 'de l’API', ask<{ api: ApiDetail | null }>('ApiPage', { id }));
    const api = answer.data?.api;
    if (!answer.data) return replace(content, failure(null, answer));
    if (!api)
      return replace(
        content,
        heading('API introuvable'),
        alert('info', 'Aucune API ne porte cet identifiant', `« ${id} » n’est pas dans le catalogue.`),
        h('p', {}, h('a', { href: '#/apis' }, 'Retour à l’explorateur')),
      );
    const access = ACCESS[api.access] ?? { label: api.access, badge: '' };
    replace(
      content,
      heading(api.title),
      partialNotice(answer.missing),
      h('p', { class: 'fr-text--lead' }, api.tagline ?? ''),
      h(
        'ul',
        { class: 'fr-badges-group' },
        h('li', {}, h('p', { class: `fr-badge ${access.badge}` }, `Accès : ${access.label}`)),
        api.themes.map((t) => h('li', {}, h('p', { class: 'fr-badge fr-badge--blue-cumulus' }, t))),
      ),
      api.description ? h('p', {}, api.description) : null,
      h('h2', {}, 'Producteur'),
      h(
        'p',
        {},
        api.producer.name,
        api.producer.organisation && api.producer.organisation.name !== api.producer.name ? ` (${api.producer.organisation.name})` : '',
      ),
      h('h2', {}, 'Qui peut l’utiliser'),
      api.eligibility.length
        ? h(
            'ul',
            {},
            api.eligibility.map((e) =>
              h(
                'li',
                {},
                h('strong', {}, e.who.join(', ')),
                ` : ${ELIGIBILITY[e.eligible] ?? e.eligible}`,
                e.description ? ` — ${e.description}` : '',
              ),
            ),
          )
        : h('p', {}, 'Le catalogue ne le précise pas.'),
      h('h2', {}, 'Documentation et accès'),
      h(
        'ul',
        {},
        external(api.documentation, 'Documentation'),
        external(api.openApi, 'Spécification OpenAPI'),
        external(api.accessRequest, 'Demander l’accès'),
        external(api.website, 'Site du service'),
        external(api.page, 'Fiche sur api.gouv.fr'),
      ),
      h(
        'p',
        { class: 'fr-text--sm' },
        `Dernière mise à jour : ${date(api.lastUpdate)}`,
        api.franceConnect ? ' · compatible FranceConnect' : '',
      ),
      h('h2', {}, 'La startup qui la construit'),
      api.builtBy
        ? h(
            'div',
            { class: 'fr-callout' },
            h('h3', { class: 'fr-callout__title' }, startupLink(api.builtBy.id, api.builtBy.name)),
            h('p', { class: 'fr-callout__text' }, api.builtBy.pitch),
            h('p', { class: 'fr-text--sm' }, `${phaseLabel(api.builtBy.phase)} · ${api.builtBy.incubator.name}`),
          )
        : h('p', {}, 'Aucune startup d’État connue ne la construit.'),
    );
  } catch (error) {
    replace(content, failure(error));
  }
}
