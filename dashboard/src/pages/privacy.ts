/**
 * Personal data: what the graph holds (none: data/README.md, docs/security.md and
 * test/privacy.e2e.test.ts), what the browser keeps, and what the servers log and count
 * (internal/http/src/request-log.ts, gateway/core/src/rate-limit.ts, the registry's audit).
 */
import { h, replace } from '../dom.js';
import { colon } from '../format.js';
import { contactLink } from '../instance.js';
import { heading } from '../ui.js';

export function privacyPage(main: HTMLElement): void {
  replace(
    main,
    heading('Données personnelles', []),

    h('h2', {}, 'Le graphe ne contient aucune donnée personnelle'),
    h(
      'p',
      {},
      'Les fiches des startups et des incubateurs sont publiques. À l’import, GouvGraph en retire les noms des membres des équipes, leurs coordonnées et toute adresse électronique personnelle (de la forme prénom.nom@…) ; seules restent les adresses fonctionnelles (comme support@…). ',
      'Un test automatique interroge toutes les parties du graphe, avec tous les droits, et vérifie qu’aucun nom de membre ni aucune adresse personnelle des sources n’en sort.',
    ),

    h('h2', {}, 'Ni cookie, ni traceur, ni mesure d’audience'),
    h(
      'p',
      {},
      'Ce site ne dépose aucun cookie, n’utilise aucun outil de mesure d’audience et ne charge rien depuis un autre site\u00a0: polices, styles et scripts sont servis par la passerelle elle-même. ',
      'Le tableau de bord ne garde rien dans votre navigateur. L’éditeur GraphQL y garde vos requêtes et vos onglets (stockage local du navigateur), sur votre appareil seulement\u00a0: rien n’en est envoyé.',
    ),

    h('h2', {}, 'Journaux des serveurs'),
    h('p', {}, 'Pour chaque requête au graphe, la passerelle et les sous-graphes écrivent une ligne de journal qui contient\u00a0:'),
    h(
      'ul',
      {},
      h('li', {}, 'l’heure et le service qui a répondu ;'),
      h('li', {}, 'un identifiant de requête (tiré au hasard, ou celui que l’appelant a envoyé) ;'),
      h('li', {}, 'le nom et le type de l’opération, sa durée et les codes des erreurs éventuelles.'),
    ),
    h(
      'p',
      {},
      'Ces lignes ne contiennent jamais le texte de la requête, ses variables, les jetons d’accès ni l’adresse IP de l’appelant. ',
      'Leur durée de conservation est celle que fixe l’exploitant de cette instance, comme pour les journaux de son hébergeur (serveur web, répartiteur de charge), qui peuvent contenir les adresses IP.',
    ),

    h('h2', {}, 'Adresses IP comptées une minute'),
    h(
      'p',
      {},
      'Pour limiter le nombre de requêtes par appelant, la passerelle compte les requêtes de chaque adresse IP (ou de chaque partenaire ou agent authentifié) pendant une minute, en mémoire ou dans Redis. Chaque compteur s’efface de lui-même au bout d’une minute.',
    ),

    h('h2', {}, 'Partenaires et administrateurs'),
    h(
      'p',
      {},
      colon('Seuls les partenaires (des organismes, identifiés par un jeton) écrivent dans le graphe'),
      'les visiteurs ne font que lire. Les modifications du registre des partenaires (inscriptions, jetons, publications de schéma) sont journalisées dans sa base de données avec leur auteur (administrateur ou partenaire) et l’adresse IP d’où elles viennent, et gardées tant que l’exploitant ne les efface pas.',
    ),

    h('h2', {}, 'Contact'),
    h('p', {}, 'Pour toute question sur les données de ce site, écrivez à son éditeur\u00a0:'),
    contactLink(),
  );
}
