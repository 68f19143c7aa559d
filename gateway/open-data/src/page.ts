/**
 * The page a citizen, a journalist or a researcher lands on: what is published, how many rows,
 * how heavy, produced when, in which formats, under which licence, and how to follow the programme
 * without writing GraphQL.
 */
import { IMPORTED_LICENCE, LICENCE, SOURCES } from './descriptors.js';
import type { ExportFormat } from './export-stream.js';
import { ALL_TABLES, type FactsNow, type FileFacts } from './file-facts.js';
import { count, instant, size } from './french.js';
import { sitePage, type PageAssets } from './layout.js';
import { escapeMarkup as escape } from './markup.js';
import type { Table } from './tables.js';

export interface OpenDataPageOptions {
  base: string;
  assets: PageAssets | null;
  /** What the files measured, and whether a measure is running. */
  now: FactsNow;
  /** How old a measure gets before it is redone, and whether a write through the gateway redoes it. */
  refresh: { maxAgeMs: number; onWrite: boolean };
}

/** Each format: its column, the file's suffix, whether the browser should download it. */
const FORMATS: readonly { format: ExportFormat; title: string; suffix: string; download: boolean }[] = [
  { format: 'csv', title: 'CSV', suffix: 'csv', download: true },
  { format: 'excel', title: 'CSV pour Excel', suffix: 'excel.csv', download: true },
  { format: 'json', title: 'JSON', suffix: 'json', download: false },
];

// A licence's name does not break before its version.
const OPEN_LICENCE = `<a href="${LICENCE.path}" rel="license">Licence Ouverte&nbsp;2.0</a>`;
const licences = (t: Table) =>
  t.origin === 'partners'
    ? `${OPEN_LICENCE} ; <a href="${IMPORTED_LICENCE.path}" rel="license">CC BY-NC-SA&nbsp;4.0</a> pour ce qui vient de beta.gouv.fr`
    : OPEN_LICENCE;

const minutes = (ms: number) => {
  const n = Math.max(1, Math.round(ms / 60_000));
  return `${count(n)} minute${n > 1 ? 's' : ''}`;
};

function row(t: Table, base: string, facts: FileFacts | undefined, unmeasured: string): string {
  const of = `<span class="fr-sr-only"> — ${escape(t.title)}</span>`;
  const files = FORMATS.map(({ format, title, suffix, download }) => {
    const bytes = facts?.bytes[format];
    const shown = bytes === undefined ? '' : ` — <data class="gg-size" value="${bytes}">${size(bytes)}</data>`;
    return `<li><a href="${base}/${t.name}.${suffix}"${download ? ' download' : ''} data-format="${format}">${title}${of}</a>${shown}</li>`;
  }).join('\n');
  const rows = facts
    ? `<data class="gg-rows" value="${facts.rows}">${count(facts.rows)}</data>${
        facts.missingPartners.length ? '<br><span class="fr-badge fr-badge--sm fr-badge--warning">partiel</span>' : ''
      }`
    : unmeasured;
  const produced = facts ? `<time datetime="${facts.producedAt.toISOString()}">${instant(facts.producedAt)}</time>` : '—';
  return `<tr data-table="${t.name}">
<th scope="row"><span class="fr-cell__title">${escape(t.title)}</span><br><span class="fr-cell__desc">${escape(t.description)}</span></th>
<td class="fr-cell--right">${rows}</td>
<td><ul class="fr-raw-list gg-files">
${files}
</ul></td>
<td><a href="${base}/${t.name}.schema.json">Schéma${of}</a></td>
<td>${licences(t)}</td>
<td>${produced}</td>
</tr>`;
}

/** What the reader should know before the table: a measure running, partners missing, tables that failed. */
function notices(tables: readonly Table[], now: FactsNow): string {
  const out: string[] = [];
  const alert = (kind: 'info' | 'warning', text: string) =>
    `<div class="fr-alert fr-alert--${kind} fr-alert--sm fr-mb-3w"><p>${text}</p></div>`;
  if (tables.some((t) => !now.facts.has(t.name)) && now.measuring)
    out.push(
      alert('info', 'Le nombre de lignes et la taille des fichiers sont en cours de mesure : rechargez la page dans quelques secondes.'),
    );
  const missing = [...new Set([...now.facts.values()].flatMap((f) => f.missingPartners))].sort();
  if (missing.length)
    out.push(
      alert(
        'warning',
        `Mesure partielle : ${missing.length > 1 ? 'les incubateurs' : 'l’incubateur'} ${missing.map((p) => `« ${escape(p)} »`).join(', ')} n’${missing.length > 1 ? 'ont' : 'a'} pas répondu ; ${missing.length > 1 ? 'leurs' : 'ses'} lignes ne sont pas comptées dans les fichiers marqués « partiel ».`,
      ),
    );
  if (now.failed.size && !now.measuring)
    out.push(
      alert(
        'warning',
        'Une partie des fichiers n’a pas pu être produite lors de la dernière mesure : leurs chiffres manquent ou datent d’avant.',
      ),
    );
  return out.join('\n');
}

/** The page of `/donnees/`: every file with its rows, sizes and date, the feeds, the licences and the sources. */
export function openDataPage(tables: readonly Table[], options: OpenDataPageOptions): string {
  const { base, now, refresh } = options;
  const unmeasured = (t: Table) =>
    now.measuring ? 'en cours de mesure' : now.failed.has(t.name) || now.failed.has(ALL_TABLES) ? 'non mesuré' : '—';
  const rows = tables.map((t) => row(t, base, now.facts.get(t.name), unmeasured(t))).join('\n');
  const sources = [...SOURCES.partners, ...SOURCES.catalogue]
    .map((s) => `<li><a href="${escape(s.path)}">${escape(s.title)}</a> — ${escape(s.licence)}</li>`)
    .join('\n');
  const redone = refresh.onWrite
    ? `dès qu’une modification passe par GouvGraph, et au plus tard ${minutes(refresh.maxAgeMs)} après la précédente`
    : `au plus tard ${minutes(refresh.maxAgeMs)} après la précédente`;
  const main = `<h1>Données ouvertes du programme beta.gouv.fr</h1>
<p class="fr-text--lead">Les incubateurs de startups d’État, leurs startups, leurs phases, leurs comités et les API publiques de l’État, tels que chaque incubateur les publie aujourd’hui dans GouvGraph. Les fichiers sont produits depuis le graphe à chaque téléchargement : ils sont toujours à jour.</p>
<p>Licences : <a href="${LICENCE.path}" rel="license">${LICENCE.title}</a> pour ce que publient les incubateurs et pour le catalogue api.gouv.fr ; <a href="${IMPORTED_LICENCE.path}" rel="license">CC BY-NC-SA 4.0</a> pour ce qui est importé de beta.gouv.fr, dont le dépôt déclare cette licence (son site déclare la Licence Ouverte). Citez « beta.gouv.fr / DINUM, api.gouv.fr / DINUM, via GouvGraph ». Les sources sont détaillées plus bas.</p>
<h2 id="fichiers">Fichiers</h2>
${notices(tables, now)}
<div class="fr-table fr-table--multiline fr-table--no-caption gg-file-table" id="table-fichiers">
<div class="fr-table__wrapper">
<div class="fr-table__container">
<div class="fr-table__content">
<table>
<caption>Fichiers publiés : lignes, formats et tailles, schéma, licence et date de production</caption>
<thead><tr><th scope="col">Jeu de données</th><th scope="col" class="fr-cell--right">Lignes</th><th scope="col">Fichiers et tailles</th><th scope="col">Schéma</th><th scope="col">Licence</th><th scope="col">Produit le</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>
</div>
</div>
</div>
<p class="fr-text--sm" id="lecture-du-tableau"><strong>Lignes</strong> : les enregistrements du fichier, sans sa ligne d’en-tête. <strong>Tailles</strong> : les octets d’un téléchargement, en unités décimales (1 ko = 1 000 octets). <strong>Produit le</strong> : le moment, à l’heure de Paris, où GouvGraph a produit ces fichiers depuis le graphe pour en compter les lignes et en mesurer la taille. Chaque téléchargement produit le fichier à nouveau : il contient les données du moment, qui peuvent compter quelques lignes de plus ou de moins. Ces mesures sont refaites ${redone} ; la page affiche les précédentes, avec leur date, le temps de les refaire.</p>
<p>CSV en UTF-8, séparateur virgule, ligne d’en-tête ; le « CSV pour Excel » s’ouvre tel quel dans Excel en français (séparateur point-virgule, titres et libellés en français). Chaque fichier est décrit par un <a href="https://schema.data.gouv.fr/">schéma de données</a> (Table Schema), l’ensemble par le <a href="${base}/datapackage.json">Data Package</a>. Si un incubateur ne répond pas au moment où un fichier est produit, l’en-tête <code>GouvGraph-Missing-Partners</code> (et le champ <code>partenaires_indisponibles</code> du JSON) le nomme : un fichier partiel l’est toujours explicitement.</p>
<h2>Suivre le programme</h2>
<ul>
<li><a href="${base}/flux/programme.atom">Flux Atom</a> et <a href="${base}/flux/programme.json">JSON Feed</a> des événements : startups créées, changements de phase, comités, API publiées. Un flux par incubateur : <code>${base}/flux/incubateurs/&lt;id&gt;.atom</code>.</li>
<li><a href="${base}/journal-du-graphe">Journal des versions du graphe</a> (et son <a href="${base}/journal-du-graphe.atom">flux</a>) : chaque version publiée du schéma GraphQL, avec ses changements.</li>
</ul>
<h2>Sources</h2>
<ul>
${sources}
</ul>`;
  return sitePage({
    title: 'Données ouvertes',
    current: 'page',
    head: `<link rel="alternate" type="application/atom+xml" title="Événements du programme" href="${base}/flux/programme.atom">`,
    main,
    assets: options.assets,
  });
}
