/** One startup: its mission, its phases drawn on a timeline, its committees, funding, sponsors, links and APIs. */
import { h, replace } from '../dom.js';
import { ACCESS, date, euros, phaseLabel } from '../format.js';
import { ask } from '../graph.js';
import { alert, external, failure, heading, partialNotice, withProgress } from '../ui.js';

interface StartupDetail {
  id: string;
  slug: string;
  name: string;
  pitch: string;
  description: string | null;
  phase: string;
  phaseStart: string;
  active: boolean;
  incubator: { id: string; name: string };
  sponsors: { id: string; name: string }[];
  phases: { phase: string; start: string; end: string | null }[];
  events: { kind: string; date: string; comment: string | null }[];
  thematics: string[];
  website: string | null;
  repository: string | null;
  accessibility: string | null;
  fastFunding: { round: number | null; amountEuros: number | null } | null;
  statsUrl: string | null;
  budgetUrl: string | null;
  impactUrl: string | null;
  impact: { outcome: string; sixMonthReviewDue: string; committeeReviews: number; daysToAcceleration: number | null } | null;
  apis: { id: string; title: string; tagline: string | null; access: string }[];
}

const EVENTS: Record<string, string> = {
  COMMITTEE: 'Comité',
  PRODUCT_LAUNCH: 'Lancement du produit',
  NATIONAL_IMPACT: 'Impact national',
  FAST: 'Financement FAST',
  EIG: 'Entrepreneurs d’intérêt général',
  END: 'Fin',
  OTHER: 'Autre',
};
const OUTCOMES: Record<string, string> = {
  CONTINUED: 'a continué après sa revue des six mois',
  ABANDONED: 's’est arrêtée avant la construction',
  PENDING: 'est encore en investigation',
};
const ACCESSIBILITY: Record<string, string> = {
  NON_COMPLIANT: 'non conforme',
  PARTIALLY_COMPLIANT: 'partiellement conforme',
  FULLY_COMPLIANT: 'totalement conforme',
};

const DAY = 86_400_000;
const BETA = 'https://beta.gouv.fr';

/** The State Startups' acceleration fund (FAST), as much as the data says of it. */
const fast = ({ round, amountEuros }: NonNullable<StartupDetail['fastFunding']>) =>
  `Lauréate du Fonds d’accélération des startups d’État (FAST)${round ? `, promotion ${round}` : ''}${
    amountEuros ? `\u00a0: ${euros(amountEuros)}` : ''
  }.`;

/**
 * The phases on a line, each as long as it lasted (the current one up to today), with the same
 * periods as an ordered list for those who do not see it.
 */
function timeline(phases: StartupDetail['phases']): HTMLElement {
  const today = new Date().toISOString().slice(0, 10);
  const spans = phases.map((p) => ({ ...p, days: Math.max(1, (Date.parse(p.end ?? today) - Date.parse(p.start)) / DAY) }));
  const total = spans.reduce((n, s) => n + s.days, 0);
  return h(
    'div',
    { class: 'fr-mb-3w' },
    h(
      'div',
      { class: 'gg-timeline', 'aria-hidden': 'true' },
      spans.map((s, i) =>
        h(
          'span',
          { class: `gg-timeline__phase gg-timeline__phase--${i % 4}`, style: `flex-grow: ${s.days / total}`, title: phaseLabel(s.phase) },
          phaseLabel(s.phase),
        ),
      ),
    ),
    h(
      'ol',
      { class: 'gg-timeline__list', id: 'phases' },
      spans.map((s) =>
        h('li', {}, h('strong', {}, phaseLabel(s.phase)), `\u00a0: du ${date(s.start)} ${s.end ? `au ${date(s.end)}` : 'à aujourd’hui'}`),
      ),
    ),
  );
}

export async function startupPage(main: HTMLElement, id: string): Promise<void> {
  const content = h('div');
  replace(main, content);
  try {
    const [answer, { markdown }] = await withProgress(
      content,
      'de la startup',
      Promise.all([ask<{ startup: StartupDetail | null }>('StartupPage', { id }), import('../markdown.js')]),
    );
    const startup = answer.data?.startup;
    if (!answer.data) return replace(content, failure(null, answer));
    if (!startup)
      return replace(
        content,
        heading('Startup introuvable', []),
        alert('info', 'Aucune startup ne porte cet identifiant', `« ${id} » n’est dans aucun incubateur du graphe.`),
      );
    replace(
      content,
      heading(startup.name, [{ label: startup.incubator.name, href: `#/incubateurs/${encodeURIComponent(startup.incubator.id)}` }]),
      partialNotice(answer.missing),
      h('p', { class: 'fr-text--lead' }, startup.pitch),
      h(
        'ul',
        { class: 'fr-badges-group fr-mb-2w' },
        h('li', {}, h('p', { class: `fr-badge ${startup.active ? 'fr-badge--success' : ''}` }, startup.active ? 'Active' : 'Terminée')),
        h('li', {}, h('p', { class: 'fr-badge fr-badge--info' }, `${phaseLabel(startup.phase)} depuis le ${date(startup.phaseStart)}`)),
        startup.thematics.map((t) => h('li', {}, h('p', { class: 'fr-badge fr-badge--blue-cumulus' }, t))),
      ),
      startup.description
        ? [
            h('h2', {}, 'Présentation'),
            // Its beta.gouv.fr page has the rest of a text the import cut (the slug is its beta.gouv.fr id).
            markdown(startup.description, {
              headingLevel: 3,
              base: BETA,
              source: { href: `${BETA}/startups/${encodeURIComponent(startup.slug)}.html`, site: 'beta.gouv.fr' },
            }),
          ]
        : null,
      h('h2', {}, 'Ses phases'),
      timeline(startup.phases),
      startup.impact
        ? h(
            'p',
            {},
            `${startup.name} ${OUTCOMES[startup.impact.outcome] ?? ''} (revue prévue le ${date(startup.impact.sixMonthReviewDue)}).`,
          )
        : null,
      h('h2', {}, 'Comités et événements'),
      startup.events.length
        ? h(
            'ul',
            {},
            [...startup.events]
              .sort((a, b) => a.date.localeCompare(b.date))
              .map((e) =>
                h('li', {}, h('strong', {}, `${date(e.date)} — ${EVENTS[e.kind] ?? e.kind}`), e.comment ? ` : ${e.comment}` : ''),
              ),
          )
        : h('p', {}, 'Aucun événement enregistré.'),
      startup.fastFunding ? [h('h2', {}, 'Financement'), h('p', {}, fast(startup.fastFunding))] : null,
      h('h2', {}, 'Sponsors'),
      startup.sponsors.length
        ? h(
            'ul',
            {},
            startup.sponsors.map((s) => h('li', {}, s.name)),
          )
        : h('p', {}, 'Aucun sponsor enregistré.'),
      h('h2', {}, 'Liens de l’équipe'),
      h(
        'ul',
        {},
        external(startup.website, 'Le service'),
        external(startup.repository, 'Code source'),
        external(startup.statsUrl, 'Statistiques'),
        external(startup.budgetUrl, 'Budget'),
        external(startup.impactUrl, 'Mesure d’impact'),
      ),
      startup.accessibility
        ? h('p', { class: 'fr-text--sm' }, `Accessibilité : ${ACCESSIBILITY[startup.accessibility] ?? startup.accessibility}.`)
        : null,
      h('h2', {}, 'Les API qu’elle publie'),
      startup.apis.length
        ? h(
            'ul',
            {},
            startup.apis.map((a) =>
              h(
                'li',
                {},
                h('a', { href: `#/apis/${encodeURIComponent(a.id)}` }, a.title),
                ` — accès ${ACCESS[a.access]?.label ?? a.access}`,
                a.tagline ? ` : ${a.tagline}` : '',
              ),
            ),
          )
        : h('p', {}, 'Aucune API connue du catalogue.'),
    );
  } catch (error) {
    replace(content, failure(error));
  }
}
