/**
 * The tables of the programme's open data, one definition each: its columns (from which the
 * Table Schema is made), the query that reads it from the graph and how a node becomes rows.
 * Columns are named in French, as schema.data.gouv.fr names them; values are the graph's own
 * (phase and event codes are the GraphQL enum values, documented there).
 *
 * Over 400 lines on purpose: six table declarations side by side, read as one reference.
 */
import { PHASES } from '@gouvgraph/schema';
import type { Cell } from './csv.js';
import { listOf, pagesOf, type Ask, type Page } from './graph-walk.js';

type FieldType = 'string' | 'integer' | 'boolean' | 'date';

export interface Field {
  name: string;
  type: FieldType;
  title: string;
  description: string;
  /** `uri` for links. */
  format?: 'uri';
  required?: boolean;
  unique?: boolean;
  enum?: readonly string[];
}

export interface Table {
  /** File name without extension, e.g. `startups` → startups.csv. */
  name: string;
  title: string;
  description: string;
  fields: readonly Field[];
  primaryKey: readonly string[];
  foreignKeys?: readonly { fields: string; reference: { resource: string; fields: string } }[];
  /** Where its data comes from: the partners (incubators, startups…) or the API catalogue. */
  origin: 'partners' | 'catalogue';
  /** Reads the table from the graph, a page of rows at a time. */
  pages(ask: Ask): AsyncGenerator<Page<Cell[]>>;
}

/** Lists in one cell, separated so: no value of the graph holds one. */
export const LIST_SEPARATOR = ';';
const list = (values: readonly string[] | null | undefined): Cell => (values?.length ? values.join(LIST_SEPARATOR) : null);

const PAGE = 100;

const STARTUPS = `query OpenDataStartups($after: String) {
  startups(first: ${PAGE}, after: $after, orderBy: { field: NAME, direction: ASC }) {
    missingPartners
    pageInfo { hasNextPage endCursor }
    edges { node {
      id slug name pitch incubator { id name } phase phaseStart active
      thematics userTypes website repository accessibility sponsors { id }
      phases { phase start end }
      events { kind date comment }
    } }
  }
}`;

interface StartupNode {
  id: string;
  slug: string;
  name: string;
  pitch: string;
  incubator: { id: string; name: string };
  phase: string;
  phaseStart: string;
  active: boolean;
  thematics: string[];
  userTypes: string[];
  website: string | null;
  repository: string | null;
  accessibility: string | null;
  sponsors: { id: string }[];
  phases: { phase: string; start: string; end: string | null }[];
  events: { kind: string; date: string; comment: string | null }[];
}

const INCUBATORS = `query OpenDataIncubators {
  incubators { id name shortDescription website sourceCode city owner { id name } }
}`;

interface IncubatorNode {
  id: string;
  name: string;
  shortDescription: string | null;
  website: string | null;
  sourceCode: string | null;
  city: string | null;
  owner: { id: string; name: string } | null;
}

const APIS = `query OpenDataApis($after: String) {
  apis(first: ${PAGE}, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      id title tagline producer { id name } access themes website documentation page lastUpdate franceConnect
      builtBy { id }
      startupLinks(minConfidence: MEDIUM) { startup { id } relation confidence }
    } }
  }
}`;

interface ApiNode {
  id: string;
  title: string;
  tagline: string | null;
  producer: { id: string; name: string };
  access: string;
  themes: string[];
  website: string | null;
  documentation: string | null;
  page: string;
  lastUpdate: string | null;
  franceConnect: boolean | null;
  builtBy: { id: string } | null;
  startupLinks: { startup: { id: string }; relation: string; confidence: string }[];
}

/** Every operation the exports send, for the gateway's list of trusted documents. */
export const TABLE_OPERATIONS = [STARTUPS, INCUBATORS, APIS];

/** The rows each node gives, page by page. */
async function* rowsOf<Node>(pages: AsyncGenerator<Page<Node>>, rows: (node: Node) => Cell[][]): AsyncGenerator<Page<Cell[]>> {
  for await (const page of pages) yield { nodes: page.nodes.flatMap(rows), missingPartners: page.missingPartners };
}

const startupId: Field = {
  name: 'startup_id',
  type: 'string',
  title: 'Startup',
  description: 'Identifiant de la startup d’État : `<incubateur>/<slug>` (voir startups.csv).',
  required: true,
};
const incubatorId: Field = {
  name: 'incubateur_id',
  type: 'string',
  title: 'Incubateur',
  description: 'Identifiant de l’incubateur qui porte la startup (voir incubateurs.csv).',
  required: true,
};
const phaseCodes = PHASES as readonly string[];

export const TABLES: readonly Table[] = [
  {
    name: 'incubateurs',
    title: 'Incubateurs du programme beta.gouv.fr',
    description: 'Les incubateurs de startups d’État, chacun tel que le publie le partenaire qui le gère.',
    origin: 'partners',
    fields: [
      {
        name: 'id',
        type: 'string',
        title: 'Identifiant',
        description: 'Identifiant de l’incubateur (celui du partenaire GouvGraph), par exemple `mtes`.',
        required: true,
        unique: true,
      },
      { name: 'nom', type: 'string', title: 'Nom', description: 'Nom de l’incubateur.', required: true },
      {
        name: 'description_courte',
        type: 'string',
        title: 'Description courte',
        description: 'Présentation de l’incubateur en une phrase.',
      },
      {
        name: 'organisation_porteuse_id',
        type: 'string',
        title: 'Organisation porteuse (identifiant)',
        description: 'Identifiant beta.gouv.fr de l’administration qui porte l’incubateur.',
      },
      {
        name: 'organisation_porteuse',
        type: 'string',
        title: 'Organisation porteuse',
        description: 'Nom de l’administration qui porte l’incubateur.',
      },
      { name: 'ville', type: 'string', title: 'Ville', description: 'Ville où se trouve l’incubateur.' },
      { name: 'site_web', type: 'string', format: 'uri', title: 'Site web', description: 'Site de l’incubateur.' },
      {
        name: 'code_source',
        type: 'string',
        format: 'uri',
        title: 'Code source',
        description: 'Organisation ou dépôt où l’incubateur publie son code.',
      },
    ],
    primaryKey: ['id'],
    pages: (ask) =>
      rowsOf(listOf<IncubatorNode>(ask, INCUBATORS, 'incubators'), (i) => [
        [i.id, i.name, i.shortDescription, i.owner?.id ?? null, i.owner?.name ?? null, i.city, i.website, i.sourceCode],
      ]),
  },
  {
    name: 'startups',
    title: 'Startups d’État',
    description: 'Les startups d’État de tous les incubateurs, avec leur phase actuelle et sa date de début.',
    origin: 'partners',
    fields: [
      {
        name: 'id',
        type: 'string',
        title: 'Identifiant',
        description: 'Identifiant global : `<incubateur>/<slug>`.',
        required: true,
        unique: true,
      },
      incubatorId,
      {
        name: 'incubateur',
        type: 'string',
        title: 'Incubateur (nom)',
        description: 'Nom de l’incubateur qui porte la startup.',
        required: true,
      },
      {
        name: 'slug',
        type: 'string',
        title: 'Slug',
        description: 'Identifiant de la startup dans son incubateur (celui de beta.gouv.fr).',
        required: true,
      },
      { name: 'nom', type: 'string', title: 'Nom', description: 'Nom du service.', required: true },
      { name: 'pitch', type: 'string', title: 'Pitch', description: 'Le service en une phrase.', required: true },
      {
        name: 'phase',
        type: 'string',
        title: 'Phase actuelle',
        description: 'Phase actuelle : investigation, construction, accélération, consolidation, transférée, pérennisée ou abandonnée.',
        required: true,
        enum: phaseCodes,
      },
      {
        name: 'debut_phase',
        type: 'date',
        title: 'Début de la phase actuelle',
        description: 'Date de début de la phase actuelle.',
        required: true,
      },
      {
        name: 'active',
        type: 'boolean',
        title: 'Active',
        description: '`true` tant que la startup n’est ni abandonnée, ni transférée, ni pérennisée.',
        required: true,
      },
      { name: 'thematiques', type: 'string', title: 'Thématiques', description: `Thématiques, séparées par « ${LIST_SEPARATOR} ».` },
      { name: 'publics', type: 'string', title: 'Publics', description: `Publics du service, séparés par « ${LIST_SEPARATOR} ».` },
      {
        name: 'sponsors',
        type: 'string',
        title: 'Sponsors',
        description: `Identifiants des administrations sponsors, séparés par « ${LIST_SEPARATOR} ».`,
      },
      { name: 'site_web', type: 'string', format: 'uri', title: 'Site web', description: 'Adresse du service.' },
      { name: 'depot_code', type: 'string', format: 'uri', title: 'Dépôt de code', description: 'Dépôt du code source.' },
      {
        name: 'accessibilite',
        type: 'string',
        title: 'Accessibilité',
        description: 'Conformité déclarée au RGAA.',
        enum: ['NON_COMPLIANT', 'PARTIALLY_COMPLIANT', 'FULLY_COMPLIANT'],
      },
    ],
    primaryKey: ['id'],
    foreignKeys: [{ fields: 'incubateur_id', reference: { resource: 'incubateurs', fields: 'id' } }],
    pages: (ask) =>
      rowsOf(pagesOf<StartupNode>(ask, STARTUPS, 'startups'), (s) => [
        [
          s.id,
          s.incubator.id,
          s.incubator.name,
          s.slug,
          s.name,
          s.pitch,
          s.phase,
          s.phaseStart,
          s.active,
          list(s.thematics),
          list(s.userTypes),
          list(s.sponsors.map((o) => o.id)),
          s.website,
          s.repository,
          s.accessibility,
        ],
      ]),
  },
  {
    name: 'phases',
    title: 'Historique des phases des startups d’État',
    description: 'Chaque phase qu’une startup a traversée, dans l’ordre, avec ses dates.',
    origin: 'partners',
    fields: [
      startupId,
      incubatorId,
      {
        name: 'rang',
        type: 'integer',
        title: 'Rang',
        description: 'Position de la phase dans l’histoire de la startup, à partir de 1.',
        required: true,
      },
      { name: 'phase', type: 'string', title: 'Phase', description: 'La phase.', required: true, enum: phaseCodes },
      { name: 'debut', type: 'date', title: 'Début', description: 'Date de début de la phase.', required: true },
      { name: 'fin', type: 'date', title: 'Fin', description: 'Date de fin de la phase ; vide pour la phase en cours.' },
    ],
    primaryKey: ['startup_id', 'rang'],
    foreignKeys: [{ fields: 'startup_id', reference: { resource: 'startups', fields: 'id' } }],
    pages: (ask) =>
      rowsOf(pagesOf<StartupNode>(ask, STARTUPS, 'startups'), (s) =>
        s.phases.map((p, i) => [s.id, s.incubator.id, i + 1, p.phase, p.start, p.end]),
      ),
  },
  {
    name: 'evenements',
    title: 'Événements des startups d’État',
    description: 'Les événements de la vie des startups : comités d’investissement, lancements, financements, fins.',
    origin: 'partners',
    fields: [
      startupId,
      incubatorId,
      {
        name: 'rang',
        type: 'integer',
        title: 'Rang',
        description: 'Position de l’événement dans l’histoire de la startup, à partir de 1.',
        required: true,
      },
      {
        name: 'type',
        type: 'string',
        title: 'Type',
        description: 'COMMITTEE (comité), PRODUCT_LAUNCH, NATIONAL_IMPACT, FAST, EIG, END ou OTHER.',
        required: true,
        enum: ['COMMITTEE', 'PRODUCT_LAUNCH', 'NATIONAL_IMPACT', 'FAST', 'EIG', 'END', 'OTHER'],
      },
      { name: 'date', type: 'date', title: 'Date', description: 'Date de l’événement.', required: true },
      {
        name: 'commentaire',
        type: 'string',
        title: 'Commentaire',
        description: 'Ce que l’incubateur a noté (la décision d’un comité, par exemple).',
      },
    ],
    primaryKey: ['startup_id', 'rang'],
    foreignKeys: [{ fields: 'startup_id', reference: { resource: 'startups', fields: 'id' } }],
    pages: (ask) =>
      rowsOf(pagesOf<StartupNode>(ask, STARTUPS, 'startups'), (s) =>
        s.events.map((e, i) => [s.id, s.incubator.id, i + 1, e.kind, e.date, e.comment]),
      ),
  },
  {
    name: 'apis',
    title: 'API du catalogue api.gouv.fr',
    description: 'Les API publiques de l’État, avec leur producteur et la startup d’État qui les construit, le cas échéant.',
    origin: 'catalogue',
    fields: [
      {
        name: 'id',
        type: 'string',
        title: 'Identifiant',
        description: 'Identifiant de l’API dans le catalogue api.gouv.fr.',
        required: true,
        unique: true,
      },
      { name: 'titre', type: 'string', title: 'Titre', description: 'Nom de l’API.', required: true },
      { name: 'accroche', type: 'string', title: 'Accroche', description: 'L’API en une phrase.' },
      {
        name: 'producteur_id',
        type: 'string',
        title: 'Producteur (identifiant)',
        description: 'Identifiant api.gouv.fr du producteur.',
        required: true,
      },
      { name: 'producteur', type: 'string', title: 'Producteur', description: 'Administration qui produit l’API.', required: true },
      {
        name: 'acces',
        type: 'string',
        title: 'Accès',
        description: 'OPEN (libre), ACCOUNT_REQUIRED (compte nécessaire) ou RESTRICTED (habilitation).',
        required: true,
        enum: ['OPEN', 'ACCOUNT_REQUIRED', 'RESTRICTED'],
      },
      { name: 'themes', type: 'string', title: 'Thèmes', description: `Thèmes, séparés par « ${LIST_SEPARATOR} ».` },
      { name: 'franceconnect', type: 'boolean', title: 'FranceConnect', description: 'L’API s’utilise avec FranceConnect.' },
      { name: 'mise_a_jour', type: 'date', title: 'Mise à jour', description: 'Dernière mise à jour de la fiche.' },
      {
        name: 'startup_id',
        type: 'string',
        title: 'Construite par',
        description: 'La startup d’État qui construit l’API, le cas échéant (voir startups.csv).',
      },
      { name: 'site_web', type: 'string', format: 'uri', title: 'Site web', description: 'Site de l’API.' },
      { name: 'documentation', type: 'string', format: 'uri', title: 'Documentation', description: 'Documentation technique.' },
      {
        name: 'page',
        type: 'string',
        format: 'uri',
        title: 'Fiche api.gouv.fr',
        description: 'La fiche de l’API sur api.gouv.fr.',
        required: true,
      },
    ],
    primaryKey: ['id'],
    pages: (ask) =>
      rowsOf(pagesOf<ApiNode>(ask, APIS, 'apis'), (a) => [
        [
          a.id,
          a.title,
          a.tagline,
          a.producer.id,
          a.producer.name,
          a.access,
          list(a.themes),
          a.franceConnect,
          a.lastUpdate,
          a.builtBy?.id ?? null,
          a.website,
          a.documentation,
          a.page,
        ],
      ]),
  },
  {
    name: 'liens_startups_apis',
    title: 'Liens entre startups d’État et API',
    description: 'Les API que chaque startup d’État produit ou utilise, rapprochées par GouvGraph (confiance moyenne ou haute).',
    origin: 'catalogue',
    fields: [
      { name: 'api_id', type: 'string', title: 'API', description: 'Identifiant de l’API (voir apis.csv).', required: true },
      startupId,
      {
        name: 'relation',
        type: 'string',
        title: 'Relation',
        description: 'PRODUCES : la startup produit l’API ; CONSUMES : elle l’utilise.',
        required: true,
        enum: ['PRODUCES', 'CONSUMES'],
      },
      {
        name: 'confiance',
        type: 'string',
        title: 'Confiance',
        description: 'Confiance dans le rapprochement : MEDIUM ou HIGH (les rapprochements moins sûrs ne sont pas publiés).',
        required: true,
        enum: ['MEDIUM', 'HIGH'],
      },
    ],
    primaryKey: ['api_id', 'startup_id', 'relation'],
    foreignKeys: [{ fields: 'api_id', reference: { resource: 'apis', fields: 'id' } }],
    pages: (ask) =>
      rowsOf(pagesOf<ApiNode>(ask, APIS, 'apis'), (a) => a.startupLinks.map((l) => [a.id, l.startup.id, l.relation, l.confidence])),
  },
];

export const tableNamed = (name: string): Table | undefined => TABLES.find((t) => t.name === name);
