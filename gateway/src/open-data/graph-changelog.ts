/**
 * The changelog of the graph itself: every supergraph version that was published (live on the
 * gateways), oldest to newest, each with what changed for API consumers since the one before —
 * as a page and as an Atom feed, so that they see a change before it reaches them.
 */
import type { GraphQLSchema } from 'graphql';
import { LICENCE } from './descriptors.js';
import { apiSchemaOf, diffSchemas, type SchemaChange } from './schema-diff.js';

export interface SupergraphVersion {
  hash: string;
  sdl: string;
  live: boolean;
  createdAt: Date;
}

export interface ChangelogEntry {
  hash: string;
  live: boolean;
  publishedAt: string;
  /** Null for the first version: there is nothing to compare it with. */
  changes: SchemaChange[] | null;
  /** Types in the version's API schema (said of the first version). */
  typeCount: number;
}

/** API schemas by supergraph hash: a version is parsed once per process, whatever the traffic. */
const schemas = new Map<string, GraphQLSchema>();
function schemaOf(version: SupergraphVersion): GraphQLSchema {
  let schema = schemas.get(version.hash);
  if (!schema) {
    schema = apiSchemaOf(version.sdl);
    schemas.set(version.hash, schema);
  }
  return schema;
}

/** Newest first. */
export function changelog(versions: readonly SupergraphVersion[]): ChangelogEntry[] {
  const entries = versions.map((version, i) => {
    const schema = schemaOf(version);
    const previous = versions[i - 1];
    return {
      hash: version.hash,
      live: version.live,
      publishedAt: version.createdAt.toISOString().replace(/\.\d+Z$/, 'Z'),
      changes: previous ? diffSchemas(schemaOf(previous), schema) : null,
      typeCount: Object.keys(schema.getTypeMap()).filter((n) => !n.startsWith('__')).length,
    };
  });
  return entries.reverse();
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** `code` spans of the change descriptions, as HTML. */
const code = (text: string) => escape(text).replace(/`([^`]+)`/g, '<code>$1</code>');

function changesHtml(entry: ChangelogEntry): string {
  if (!entry.changes) return `<p>Première version publiée : ${entry.typeCount} types.</p>`;
  if (entry.changes.length === 0) return '<p>Aucun changement visible des clients (seule la composition a changé).</p>';
  const breaking = entry.changes.filter((c) => c.breaking).length;
  return `${breaking ? `<p><strong>${breaking} changement${breaking > 1 ? 's' : ''} cassant${breaking > 1 ? 's' : ''}</strong> : des requêtes existantes peuvent échouer.</p>` : ''}
<ul>
${entry.changes.map((c) => `<li>${c.breaking ? '<strong>[cassant]</strong> ' : ''}${code(c.description)}</li>`).join('\n')}
</ul>`;
}

export function changelogPage(entries: readonly ChangelogEntry[], feedPath: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Journal des versions du graphe — GouvGraph</title>
<link rel="alternate" type="application/atom+xml" title="Versions du graphe" href="${feedPath}">
<style>
  body { font-family: Marianne, system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #161616; line-height: 1.5; }
  a { color: #000091; }
  code { background: #f6f6f6; padding: 0 .25rem; }
  article { border-bottom: 1px solid #ddd; padding-bottom: 1rem; }
</style>
</head>
<body>
<main>
<h1>Journal des versions du graphe</h1>
<p>Chaque version du schéma GraphQL publiée sur la passerelle, de la plus récente à la plus ancienne, avec ce qui a changé pour les clients de l’API. Suivez-le avec le <a href="${feedPath}">flux Atom</a>.</p>
${entries
  .map(
    (e) => `<article id="${e.hash.slice(0, 12)}">
<h2>Version <code>${e.hash.slice(0, 12)}</code>${e.live ? ' (en service)' : ''}</h2>
<p>Publiée le <time datetime="${e.publishedAt}">${e.publishedAt.slice(0, 10)}</time>.</p>
${changesHtml(e)}
</article>`,
  )
  .join('\n')}
</main>
</body>
</html>
`;
}

const xml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

export function changelogFeed(entries: readonly ChangelogEntry[], links: { self: string; page: string }): string {
  const updated = entries[0]?.publishedAt ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const summary = (e: ChangelogEntry) =>
    e.changes === null
      ? `Première version publiée : ${e.typeCount} types.`
      : e.changes.length === 0
        ? 'Aucun changement visible des clients.'
        : e.changes.map((c) => `${c.breaking ? '[cassant] ' : ''}${c.description.replaceAll('`', '')}`).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <id>tag:gouvgraph.beta.gouv.fr,2026:journal-du-graphe</id>
  <title>Versions du graphe GouvGraph</title>
  <subtitle>Chaque version publiée du schéma GraphQL, avec ses changements.</subtitle>
  <updated>${updated}</updated>
  <link rel="self" type="application/atom+xml" href="${xml(links.self)}"/>
  <link rel="alternate" type="text/html" href="${xml(links.page)}"/>
  <author><name>GouvGraph</name></author>
  <rights>${xml(LICENCE.title)}</rights>
${entries
  .map(
    (e) => `  <entry>
    <id>tag:gouvgraph.beta.gouv.fr,2026:supergraph/${e.hash}</id>
    <title>Version ${e.hash.slice(0, 12)}${e.changes?.some((c) => c.breaking) ? ' (changements cassants)' : ''}</title>
    <updated>${e.publishedAt}</updated>
    <link rel="alternate" type="text/html" href="${xml(`${links.page}#${e.hash.slice(0, 12)}`)}"/>
    <summary>${xml(summary(e))}</summary>
  </entry>`,
  )
  .join('\n')}
</feed>
`;
}
