/**
 * The legal notice: who publishes and hosts this instance (its operator, src/instance.ts), the
 * code's licence, and where the data come from under which licence (data/README.md, README's
 * "Data and licences": keep them in step).
 */
import { h, replace } from '../dom.js';
import { colon } from '../format.js';
import { INSTANCE, instanceText } from '../instance.js';
import { externalLink, heading } from '../ui.js';

export function legalNoticePage(main: HTMLElement): void {
  replace(
    main,
    heading('Mentions légales', []),

    h('h2', {}, 'Éditeur'),
    h(
      'p',
      {},
      'GouvGraph est un logiciel libre\u00a0: chacun peut le déployer. L’éditeur de ce site est l’organisme qui exploite cette instance, pas les auteurs du logiciel.',
    ),
    instanceText(
      INSTANCE.publisher,
      'le nom de l’organisme, son adresse et le nom de la personne directrice de la publication (variable GOUVGRAPH_PUBLIC_EDITEUR)',
    ),

    h('h2', {}, 'Hébergement'),
    instanceText(INSTANCE.host, 'le nom, l’adresse et le téléphone de l’hébergeur (variable GOUVGRAPH_PUBLIC_HEBERGEUR)'),

    h('h2', {}, 'Licence du logiciel'),
    h(
      'p',
      {},
      'Le code de GouvGraph est publié sous licence MIT. ',
      'La passerelle s’appuie sur Apollo Federation, dont trois modules (@apollo/gateway, @apollo/composition, @apollo/query-planner) sont sous Elastic License 2.0.',
    ),

    h('h2', {}, 'Sources des données'),
    h(
      'p',
      {},
      'Chaque incubateur tient ses propres données ; GouvGraph les lit à la demande, dans un seul graphe. Les données de départ viennent de deux sources publiques\u00a0:',
    ),
    h(
      'ul',
      {},
      h(
        'li',
        {},
        h('strong', {}, 'beta.gouv.fr'),
        ' (startups, incubateurs, organisations, phases), instantané du 20 août 2026 — ',
        colon('attribution'),
        '«\u00a0beta.gouv.fr / DINUM\u00a0». Le dépôt source indique la licence ',
        externalLink('https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr', 'CC BY-NC-SA 4.0'),
        ', son site la Licence Ouverte / Etalab 2.0\u00a0: tant que ses responsables n’ont pas confirmé la seconde, ces données sont traitées comme étant sous CC BY-NC-SA 4.0 (attribution, pas d’usage commercial, partage dans les mêmes conditions).',
      ),
      h(
        'li',
        {},
        h('strong', {}, 'api.gouv.fr'),
        ' (le catalogue des API de l’État), instantané du 7 janvier 2026 — textes sous ',
        externalLink('https://www.etalab.gouv.fr/licence-ouverte-open-licence/', 'Licence Ouverte / Etalab 2.0'),
        ', ',
        colon('attribution'),
        '«\u00a0api.gouv.fr / DINUM\u00a0».',
      ),
    ),
    h(
      'p',
      {},
      'Aucune des deux sources ne dit quelle startup construit quelle API\u00a0: ces liens sont déduits par GouvGraph, et chacun garde sa nature, son niveau de confiance et ce qui le justifie. Les données ouvertes (CSV, JSON, flux) en précisent la licence.',
    ),

    h('h2', {}, 'Système de design'),
    h(
      'p',
      {},
      'Ce site utilise le ',
      externalLink('https://www.systeme-de-design.gouv.fr/', 'Système de design de l’État (DSFR)'),
      '. Le bloc-marque «\u00a0République française\u00a0» et la police Marianne sont réservés aux sites de l’État.',
    ),
  );
}
