/** One API: what it does, who may use it and how, who publishes it, and the startup that builds it. */
import { h, replace } from '../dom.js';
import { ACCESS, colon, date, ELIGIBILITY, phaseLabel } from '../format.js';
import { ask } from '../graph.js';
import type { MarkdownOptions } from '../markdown.js';
import { startupLink } from './incubator.js';
import { alert, external, externalButton, failure, heading, partialNotice, withProgress } from '../ui.js';

interface ApiDetail {
  id: string;
  title: string;
  tagline: string | null;
  description: string | null;
  access: string;
  themes: string[];
  keywords: string[];
  producer: { name: string; acronym: string | null; website: string | null };
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

/** An API's page sits under the explorer. */
const TRAIL = [{ label: 'Explorer les API', href: '#/apis' }];

export async function apiPage(main: HTMLElement, id: string): Promise<void> {
  const content = h('div');
  replace(main, content);
  try {
    // The Markdown renderer is loaded with the first page that needs it, beside the answer.
    const [answer, { markdown }] = await withProgress(
      content,
      'de l’API',
      Promise.all([ask<{ api: ApiDetail | null }>('ApiPage', { id }), import('../markdown.js')]),
    );
    const api = answer.data?.api;
    if (!answer.data) return replace(content, failure(null, answer));
    if (!api)
      return replace(
        content,
        heading('API introuvable', TRAIL),
        alert('info', 'Aucune API ne porte cet identifiant', `« ${id} » n’est pas dans le catalogue.`),
        h('p', {}, h('a', { href: '#/apis' }, 'Retour à l’explorateur')),
      );
    const access = ACCESS[api.access] ?? { label: api.access, badge: '' };
    // The catalogue's texts sit under an h2 of this page; what the source cut is read on its page.
    const text: MarkdownOptions = {
      headingLevel: 3,
      base: new URL(api.page).origin,
      source: { href: api.page, site: new URL(api.page).host },
    };
    const prose = (markdownText: string | null) => {
      const rendered = markdownText ? markdown(markdownText, text) : null;
      return rendered?.textContent?.trim() ? rendered : null;
    };
    const presentation = prose(api.description);
    const producer = api.producer;
    replace(
      content,
      heading(api.title, TRAIL),
      partialNotice(answer.missing),
      h('p', { class: 'fr-text--lead' }, api.tagline ?? ''),
      h(
        'ul',
        { class: 'fr-badges-group' },
        h('li', {}, h('p', { class: `fr-badge ${access.badge}` }, `${colon('Accès')}${access.label}`)),
        api.themes.map((t) => h('li', {}, h('p', { class: 'fr-badge fr-badge--blue-cumulus' }, t))),
      ),
      // What a developer came for, the access request first.
      h(
        'ul',
        { class: 'fr-btns-group fr-btns-group--inline-md fr-mt-3w fr-mb-2w', id: 'actions' },
        externalButton(api.accessRequest, 'Demander l’accès', 'primary'),
        externalButton(api.documentation, 'Documentation', api.accessRequest ? 'secondary' : 'primary'),
        externalButton(api.openApi, 'Spécification OpenAPI', 'secondary'),
        externalButton(api.website, 'Site du service', 'tertiary'),
        externalButton(api.page, 'Fiche sur api.gouv.fr', 'tertiary'),
      ),
      presentation ? [h('h2', {}, 'Présentation'), presentation] : null,
      h('h2', {}, 'Qui peut l’utiliser'),
      api.eligibility.length
        ? h(
            'ul',
            { class: 'gg-eligibility' },
            api.eligibility.map((e) =>
              h(
                'li',
                {},
                h('p', {}, h('strong', {}, e.who.join(', ')), ` : ${ELIGIBILITY[e.eligible] ?? e.eligible}`),
                prose(e.description),
              ),
            ),
          )
        : h(
            'p',
            {},
            api.access === 'OPEN'
              ? `${colon('Ouverte à tous')}elle s’utilise sans compte ni demande d’accès.`
              : 'Le catalogue ne le précise pas.',
          ),
      h('h2', {}, 'Producteur'),
      h(
        'p',
        {},
        colon('Publiée par'),
        producer.name,
        producer.acronym && !producer.name.includes(producer.acronym) ? ` (${producer.acronym})` : '',
        '.',
      ),
      h(
        'ul',
        {},
        external(producer.website, 'Site du producteur'),
        // The support contact is for signed-in agents in the graph (Api.contact, @authenticated):
        // the public finds it where api.gouv.fr publishes it, on the API's own page.
        external(api.page, 'Contacter le producteur (fiche api.gouv.fr)'),
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
      h(
        'p',
        { class: 'fr-text--sm fr-mt-3w' },
        api.lastUpdate ? `Fiche mise à jour le ${date(api.lastUpdate)}.` : '',
        api.franceConnect ? ' Compatible FranceConnect.' : '',
      ),
    );
  } catch (error) {
    replace(content, failure(error));
  }
}
