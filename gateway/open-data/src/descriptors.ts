/**
 * What describes the exports: a Table Schema per table (frictionless `tableschema`, as
 * schema.data.gouv.fr publishes them) and a Data Package listing them with their licence, their
 * sources and the attribution those require, when they were generated and what was missing.
 */
import type { Table } from './tables.js';

/** What the partners publish through GouvGraph, and the API catalogue's texts. */
export const LICENCE = {
  name: 'etalab-2.0',
  title: 'Licence Ouverte / Open Licence version 2.0',
  path: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
} as const;

/**
 * What was imported from beta.gouv.fr: its repository's licence file says CC BY-NC-SA 4.0 (its
 * site says Etalab 2.0); until its maintainers settle it, the stricter one is named.
 */
export const IMPORTED_LICENCE = {
  name: 'CC-BY-NC-SA-4.0',
  title: 'Creative Commons BY-NC-SA 4.0, pour les données importées de beta.gouv.fr (attribution : « beta.gouv.fr / DINUM »)',
  path: 'https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr',
} as const;

/** The licences of a table, by where its data comes from. */
export const LICENCES = { partners: [LICENCE, IMPORTED_LICENCE], catalogue: [LICENCE] } as const;

/** One sentence for feeds and pages: which licence covers what, and the attribution owed. */
export const RIGHTS =
  'Licence Ouverte / Etalab 2.0 pour ce que publient les incubateurs et pour le catalogue api.gouv.fr ; CC BY-NC-SA 4.0 pour ce qui est importé de beta.gouv.fr. Attribution : « beta.gouv.fr / DINUM, api.gouv.fr / DINUM, via GouvGraph ».';

/**
 * Where the imported data came from, and the attribution each source requires. beta.gouv.fr
 * states both CC BY-NC-SA 4.0 (its licence file) and Etalab 2.0 (its site): both require
 * attribution, which is given here, and its own licence is named so reusers can judge.
 */
export const SOURCES = {
  partners: [
    {
      title:
        'beta.gouv.fr / DINUM — fiches des startups et incubateurs (github.com/betagouv/beta.gouv.fr, instantané du 20 août 2026, commit 693fb7c)',
      path: 'https://github.com/betagouv/beta.gouv.fr',
      licence:
        'Attribution requise. Le dépôt déclare CC BY-NC-SA 4.0 (LICENSE.CCBYNCSA.txt) et son site Etalab 2.0 ; les données saisies ensuite par les incubateurs dans GouvGraph sont sous Licence Ouverte 2.0.',
    },
    {
      title: 'Incubateurs partenaires de GouvGraph, qui tiennent à jour leurs données',
      path: 'https://beta.gouv.fr/incubateurs/',
      licence: 'Licence Ouverte / Open Licence 2.0',
    },
  ],
  catalogue: [
    {
      title:
        'api.gouv.fr / DINUM — catalogue des API de l’État (github.com/betagouv/api.gouv.fr, instantané du 7 janvier 2026, commit 58a95fa)',
      path: 'https://api.gouv.fr/',
      licence: 'Licence Ouverte / Open Licence 2.0 (textes du site) ; attribution requise.',
    },
  ],
} as const;

/** A table's Table Schema descriptor. */
export function tableSchema(table: Table): Record<string, unknown> {
  return {
    $schema: 'https://specs.frictionlessdata.io/schemas/table-schema.json',
    name: table.name,
    title: table.title,
    description: table.description,
    countryCode: 'FR',
    licenses: LICENCES[table.origin],
    sources: SOURCES[table.origin],
    fields: table.fields.map((f) => ({
      name: f.name,
      title: f.title,
      description: f.description,
      type: f.type,
      ...(f.format ? { format: f.format } : {}),
      ...(f.required || f.unique || f.enum
        ? {
            constraints: {
              ...(f.required ? { required: true } : {}),
              ...(f.unique ? { unique: true } : {}),
              ...(f.enum ? { enum: f.enum } : {}),
            },
          }
        : {}),
    })),
    missingValues: [''],
    primaryKey: table.primaryKey.length === 1 ? table.primaryKey[0] : table.primaryKey,
    ...(table.foreignKeys ? { foreignKeys: table.foreignKeys } : {}),
  };
}

/** How complete an export is: when it was made, and the partners that did not answer. */
export interface Provenance {
  generatedAt: string;
  missingPartners: readonly string[];
}

/** The Data Package of every export: what a portal (data.gouv.fr) or a reuser reads first. */
export function dataPackage(
  tables: readonly Table[],
  provenance: Provenance,
  pathOf: (file: string) => string = (file) => file,
): Record<string, unknown> {
  return {
    $schema: 'https://specs.frictionlessdata.io/schemas/data-package.json',
    name: 'gouvgraph-programme-beta-gouv',
    title: 'Le programme beta.gouv.fr : incubateurs, startups d’État, phases, comités et API',
    description:
      'Généré depuis le graphe GouvGraph, qui réunit ce que chaque incubateur publie. ' +
      (provenance.missingPartners.length
        ? `EXPORT PARTIEL : les partenaires ${provenance.missingPartners.join(', ')} n’ont pas répondu ; leurs données manquent.`
        : 'Export complet : tous les partenaires ont répondu.'),
    created: provenance.generatedAt,
    licenses: [LICENCE, IMPORTED_LICENCE],
    sources: [...SOURCES.partners, ...SOURCES.catalogue],
    complet: provenance.missingPartners.length === 0,
    partenaires_indisponibles: provenance.missingPartners,
    resources: tables.flatMap((table) => [
      {
        name: table.name,
        title: table.title,
        path: pathOf(`${table.name}.csv`),
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
        schema: pathOf(`${table.name}.schema.json`),
        licenses: LICENCES[table.origin],
        sources: SOURCES[table.origin],
      },
      {
        name: `${table.name}-json`,
        title: `${table.title} (JSON)`,
        description:
          'Les mêmes lignes en JSON : un objet { licences, attribution, genere_le, schema, donnees: [ligne, …], partenaires_indisponibles, complet }, chaque ligne avec les colonnes du schéma.',
        path: pathOf(`${table.name}.json`),
        format: 'json',
        mediatype: 'application/json',
        encoding: 'utf-8',
        licenses: LICENCES[table.origin],
        sources: SOURCES[table.origin],
      },
    ]),
  };
}
