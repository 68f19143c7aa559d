/**
 * The accessibility statement, on the RGAA's model. Its level is « non conforme »: no RGAA audit
 * of this site has been made, and without one the RGAA has a site say so, whatever automated
 * checks find. What those checks are is said here as the browser tests run them
 * (test/dashboard.e2e.test.ts): keep the two in step.
 */
import { h, replace } from '../dom.js';
import { colon, count } from '../format.js';
import { contactLink, INSTANCE, instanceText } from '../instance.js';
import { externalLink, heading } from '../ui.js';

/** The level the footer's link and this page state. */
const CONFORMITY = 'non conforme';
/** When this statement was last written. */
const WRITTEN = '3 décembre 2026';

/** The pages the automated checks open, at 1280 px wide, and those also checked at 390 px. */
const CHECKED = [
  ['Vue d’ensemble', true],
  ['Explorer les API (recherche et filtres)', false],
  ['Une API (trois fiches différentes)', true],
  ['Un incubateur', false],
  ['Une startup (deux fiches différentes)', true],
  ['État des partenaires (un partenaire injoignable, un partenaire non conforme)', true],
  ['Accessibilité, Mentions légales, Données personnelles, Plan du site', true],
  ['Données ouvertes et Journal des versions du graphe', false],
] as const;

export function accessibilityPage(main: HTMLElement): void {
  replace(
    main,
    heading('Déclaration d’accessibilité', []),
    h(
      'p',
      {},
      'L’éditeur de ce site s’engage à rendre ses services numériques accessibles, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005. ',
      `Cette déclaration s’applique au tableau de bord GouvGraph publié à l’adresse ${location.origin}/ et à son éditeur GraphQL (${location.origin}/graphiql).`,
    ),
    instanceText(INSTANCE.publisher, 'le nom de l’organisme qui publie ce site (variable GOUVGRAPH_PUBLIC_EDITEUR)'),

    h('h2', {}, 'État de conformité'),
    h(
      'p',
      { id: 'etat' },
      'Ce site est ',
      h('strong', {}, CONFORMITY),
      ' avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1.2. ',
      'Aucun audit de conformité n’a été réalisé\u00a0: sans audit, le RGAA demande d’afficher «\u00a0non conforme\u00a0», quels que soient les résultats des vérifications automatiques décrites ci-dessous.',
    ),

    h('h2', {}, 'Résultats des tests'),
    h(
      'p',
      {},
      'Aucun audit RGAA complet (les 106 critères, vérifiés par une personne sur un échantillon de pages) n’a été réalisé\u00a0: le taux de conformité n’est pas connu. ',
      'Ce qui est vérifié, à chaque modification du code, par des tests automatiques dans un vrai navigateur (Chromium)\u00a0:',
    ),
    h(
      'ul',
      {},
      h(
        'li',
        {},
        `axe-core 4.11 (règles WCAG 2.0 et 2.1, niveaux A et AA) ne trouve aucune erreur grave ou critique sur les pages suivantes, affichées à ${count(1280)} pixels de large, et certaines aussi à 390 pixels (largeur d’un téléphone)\u00a0:`,
        h(
          'ul',
          {},
          CHECKED.map(([page, narrow]) => h('li', {}, page, narrow ? ' — aussi à 390 pixels' : '')),
        ),
      ),
      h('li', {}, 'le tri des tableaux au clavier\u00a0: le focus reste sur le bouton de la colonne et l’ordre choisi est annoncé ;'),
      h('li', {}, 'le fil d’Ariane de chaque page autre que l’accueil indique la page en cours ;'),
      h(
        'li',
        {},
        'les couleurs des graphiques\u00a0: contraste d’au moins 3:1 avec le fond, légende en toutes lettres, et les valeurs dans un tableau à côté de chaque graphique ;',
      ),
      h('li', {}, 'à 390 pixels de large, aucun texte des graphiques n’est coupé ni ne déborde.'),
    ),
    h(
      'p',
      {},
      'Les outils automatiques ne détectent qu’une partie des défauts d’accessibilité\u00a0: ces résultats ne remplacent pas un audit.',
    ),

    h('h2', {}, 'Contenus non accessibles'),
    h('h3', {}, 'Non-conformités connues'),
    h(
      'ul',
      {},
      h(
        'li',
        {},
        colon('L’éditeur GraphQL (GraphiQL)'),
        'outil tiers, dont les boutons et les panneaux sont en anglais (il n’a pas de traduction), et qui n’a pas été évalué. Les mêmes données sont lisibles dans le tableau de bord et dans les fichiers des données ouvertes.',
      ),
      h(
        'li',
        {},
        colon('Les graphiques'),
        'leurs bulles d’information ne s’affichent qu’au survol de la souris ; chaque valeur est aussi dans le tableau qui suit le graphique.',
      ),
      h(
        'li',
        {},
        colon('Les présentations des API, des incubateurs et des startups'),
        'elles sont écrites par leurs sources (api.gouv.fr, beta.gouv.fr) ; leurs intitulés de liens et leurs titres ne sont pas revus.',
      ),
    ),
    h('h3', {}, 'Dérogations pour charge disproportionnée'),
    h('p', {}, 'Aucune.'),

    h('h2', {}, 'Établissement de cette déclaration'),
    h('p', {}, `Cette déclaration a été établie le ${WRITTEN}.`),
    h(
      'ul',
      {},
      h('li', {}, colon('Technologies utilisées'), 'HTML5, CSS, JavaScript, SVG, WAI-ARIA ;'),
      h('li', {}, colon('Environnement de test'), 'Chromium (sans affichage) sous Linux ;'),
      h('li', {}, colon('Outil d’évaluation'), 'axe-core 4.11, dans les tests automatiques du projet.'),
    ),
    h('p', {}, 'Le schéma pluriannuel de mise en accessibilité et son plan d’action sont ceux de l’organisme qui publie ce site.'),

    h('h2', {}, 'Retour d’information et contact'),
    h(
      'p',
      {},
      'Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter l’éditeur du site pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme\u00a0:',
    ),
    contactLink(),

    h('h2', {}, 'Voies de recours'),
    h(
      'p',
      {},
      'Si vous avez signalé à l’éditeur du site un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service, et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez\u00a0:',
    ),
    h(
      'ul',
      {},
      h('li', {}, externalLink('https://formulaire.defenseurdesdroits.fr/', 'écrire un message au Défenseur des droits'), ' ;'),
      h(
        'li',
        {},
        externalLink('https://www.defenseurdesdroits.fr/saisir/delegues', 'contacter le délégué du Défenseur des droits dans votre région'),
        ' ;',
      ),
      h(
        'li',
        {},
        'envoyer un courrier par la poste (gratuit, ne pas mettre de timbre)\u00a0: Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.',
      ),
    ),
  );
}
