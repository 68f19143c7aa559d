/**
 * The page a citizen, a journalist or a researcher lands on: what is published, in which
 * formats, under which licence, and how to follow the programme without writing GraphQL.
 */
import { IMPORTED_LICENCE, LICENCE, SOURCES } from './descriptors.js';
import { escapeMarkup as escape } from './markup.js';
import type { Table } from './tables.js';

/** The page of `/donnees/`: every file, the feeds, the licences and the sources. */
export function openDataPage(tables: readonly Table[], base: string): string {
  const rows = tables
    .map(
      (t) => `<tr>
  <th scope="row">${escape(t.title)}</th>
  <td>${escape(t.description)}</td>
  <td><a href="${base}/${t.name}.csv" download aria-label="CSV — ${escape(t.title)}">CSV</a> · <a href="${base}/${t.name}.excel.csv" download aria-label="CSV pour Excel — ${escape(t.title)}">CSV pour Excel</a> · <a href="${base}/${t.name}.json" aria-label="JSON — ${escape(t.title)}">JSON</a> · <a href="${base}/${t.name}.schema.json" aria-label="schéma — ${escape(t.title)}">schéma</a></td>
</tr>`,
    )
    .join('\n');
  const sources = [...SOURCES.partners, ...SOURCES.catalogue]
    .map((s) => `<li><a href="${escape(s.path)}">${escape(s.title)}</a> — ${escape(s.licence)}</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Données ouvertes du programme beta.gouv.fr — GouvGraph</title>
<link rel="alternate" type="application/atom+xml" title="Événements du programme" href="${base}/flux/programme.atom">
<style>
  body { font-family: Marianne, system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #161616; line-height: 1.5; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: .5rem; border-bottom: 1px solid #ddd; }
  a { color: #000091; }
  code { background: #f6f6f6; padding: 0 .25rem; }
</style>
</head>
<body>
<main>
<h1>Données ouvertes du programme beta.gouv.fr</h1>
<p>Les incubateurs de startups d’État, leurs startups, leurs phases, leurs comités et les API publiques de l’État, tels que chaque incubateur les publie aujourd’hui dans GouvGraph. Les fichiers sont générés à la demande depuis le graphe : ils sont toujours à jour.</p>
<p>Licences : <a href="${LICENCE.path}" rel="license">${LICENCE.title}</a> pour ce que publient les incubateurs et pour le catalogue api.gouv.fr ; <a href="${IMPORTED_LICENCE.path}" rel="license">CC BY-NC-SA 4.0</a> pour ce qui est importé de beta.gouv.fr, dont le dépôt déclare cette licence (son site déclare la Licence Ouverte). Citez « beta.gouv.fr / DINUM, api.gouv.fr / DINUM, via GouvGraph ». Les sources sont détaillées ci-dessous.</p>
<h2>Fichiers</h2>
<table>
<thead><tr><th scope="col">Jeu de données</th><th scope="col">Contenu</th><th scope="col">Formats</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p>CSV en UTF-8, séparateur virgule, ligne d’en-tête ; chaque fichier est décrit par un <a href="https://schema.data.gouv.fr/">schéma de données</a> (Table Schema). L’ensemble est décrit par le <a href="${base}/datapackage.json">Data Package</a>. Si un incubateur ne répond pas au moment de la génération, l’en-tête <code>GouvGraph-Missing-Partners</code> (et le champ <code>partenaires_indisponibles</code> du JSON) le nomme : un fichier partiel l’est toujours explicitement.</p>
<h2>Suivre le programme</h2>
<ul>
<li><a href="${base}/flux/programme.atom">Flux Atom</a> et <a href="${base}/flux/programme.json">JSON Feed</a> des événements : startups créées, changements de phase, comités, API publiées. Un flux par incubateur : <code>${base}/flux/incubateurs/&lt;id&gt;.atom</code>.</li>
<li><a href="${base}/journal-du-graphe">Journal des versions du graphe</a> (et son <a href="${base}/journal-du-graphe.atom">flux</a>) : chaque version publiée du schéma GraphQL, avec ses changements.</li>
</ul>
<h2>Sources</h2>
<ul>
${sources}
</ul>
</main>
</body>
</html>
`;
}
