/**
 * The changelog of the graph itself: each time a supergraph became live on the gateways — a
 * deployment, or a rollback to an earlier one — with what changed for API consumers since the one
 * live before, as a page and an Atom feed, so that they see a change before it reaches them.
 */
import type { GraphQLSchema } from 'graphql';
import { RIGHTS } from './descriptors.js';
import { instant as frenchInstant } from './french.js';
import { sitePage, type PageAssets } from './layout.js';
import { escapeMarkup, withCode } from './markup.js';
import { apiSchemaOf, diffSchemas, isBreaking, type SchemaChange } from './schema-diff.js';

/** A supergraph becoming live (the registry's timeline, or the one this gateway serves). */
export interface SupergraphRelease {
  hash: string;
  sdl: string;
  at: Date;
  kind: 'deploy' | 'rollback';
}

export interface ChangelogEntry {
  hash: string;
  kind: SupergraphRelease['kind'];
  /** The release that is live now (the newest). */
  live: boolean;
  at: string;
  /** Null for the first release (nothing to compare it with) or a version that cannot be read. */
  changes: SchemaChange[] | null;
  /** Whether a release came before it (its changes are null when either cannot be read). */
  first: boolean;
  /** Types in its public API schema; null when it cannot be read. */
  typeCount: number | null;
}

/** Public API schemas by supergraph hash: a version is read once per process, whatever the traffic. */
const schemas = new Map<string, GraphQLSchema | null>();
function schemaOf(release: SupergraphRelease): GraphQLSchema | null {
  if (!schemas.has(release.hash)) {
    let schema: GraphQLSchema | null = null;
    try {
      schema = apiSchemaOf(release.sdl);
    } catch {
      // A version this code cannot build (written by an older gateway): listed, not described.
    }
    schemas.set(release.hash, schema);
  }
  return schemas.get(release.hash) ?? null;
}

const instant = (date: Date) => date.toISOString();

/** The releases, newest first, each compared with the one live before it. */
export function changelog(releases: readonly SupergraphRelease[]): ChangelogEntry[] {
  // The same supergraph made live twice in a row (a gateway restarted) is one release.
  const distinct = releases.filter((r, i) => r.hash !== releases[i - 1]?.hash);
  const entries = distinct.map((release, i): ChangelogEntry => {
    const schema = schemaOf(release);
    const previous = distinct[i - 1];
    const before = previous ? schemaOf(previous) : null;
    return {
      hash: release.hash,
      kind: release.kind,
      live: i === distinct.length - 1,
      at: instant(release.at),
      changes: schema && before ? diffSchemas(before, schema) : null,
      first: previous === undefined,
      typeCount: schema ? Object.keys(schema.getTypeMap()).filter((n) => !n.startsWith('__')).length : null,
    };
  });
  return entries.reverse();
}

const anchor = (e: ChangelogEntry) => `${e.hash.slice(0, 12)}-${e.at.replace(/[^0-9]/g, '')}`;
const breakingCount = (e: ChangelogEntry) => e.changes?.filter(isBreaking).length ?? 0;

function headline(e: ChangelogEntry): string {
  if (e.typeCount === null) return 'Version illisible par cette passerelle : ses changements ne sont pas décrits.';
  if (e.changes === null)
    return e.first
      ? `Première version publiée : ${e.typeCount} types.`
      : `${e.typeCount} types ; la version d’avant est illisible par cette passerelle : les changements ne sont pas décrits.`;
  if (e.changes.length === 0) return 'Aucun changement visible des clients (seule la composition a changé).';
  const breaking = breakingCount(e);
  return breaking
    ? `${breaking} changement${breaking > 1 ? 's' : ''} cassant${breaking > 1 ? 's' : ''} : des requêtes existantes peuvent échouer.`
    : 'Changements compatibles : les requêtes existantes continuent de fonctionner.';
}

/** The changelog as a page, newest first. */
export function changelogPage(
  entries: readonly ChangelogEntry[],
  links: { feed: string; home: string },
  assets: PageAssets | null,
): string {
  const article = (e: ChangelogEntry) => `<article id="${anchor(e)}" class="fr-mb-4w">
<h2>${e.kind === 'rollback' ? 'Retour à la version' : 'Version'} <code>${e.hash.slice(0, 12)}</code>${e.live ? ' (en service)' : ''}</h2>
<p>${e.kind === 'rollback' ? 'Remise en service' : 'Publiée'} le <time datetime="${e.at}">${frenchInstant(new Date(e.at))}</time>. ${escapeMarkup(headline(e))}</p>
${e.changes?.length ? `<ul>\n${e.changes.map((c) => `<li>${isBreaking(c) ? '<strong>[cassant]</strong> ' : ''}${withCode(c.description)}</li>`).join('\n')}\n</ul>` : ''}
</article>`;
  return sitePage({
    title: 'Journal des versions du graphe',
    trail: [{ title: 'Données ouvertes', href: links.home }],
    current: 'section',
    head: `<link rel="alternate" type="application/atom+xml" title="Versions du graphe" href="${links.feed}">`,
    main: `<h1>Journal des versions du graphe</h1>
<p class="fr-text--lead">Chaque mise en service d’une version du schéma GraphQL public de la passerelle — un déploiement, ou un retour à une version antérieure — de la plus récente à la plus ancienne, avec ce qui a changé pour les clients de l’API. Suivez-le avec le <a href="${links.feed}">flux Atom</a>.</p>
${entries.map(article).join('\n')}`,
    assets,
  });
}

/** The changelog as an Atom feed: one entry per release, its changes in the summary. */
export function changelogFeed(entries: readonly ChangelogEntry[], links: { self: string; page: string }): string {
  const updated = entries[0]?.at ?? instant(new Date());
  const summary = (e: ChangelogEntry) =>
    [headline(e), ...(e.changes ?? []).map((c) => `${isBreaking(c) ? '[cassant] ' : ''}${c.description.replaceAll('`', '')}`)].join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <id>tag:gouvgraph.beta.gouv.fr,2026:journal-du-graphe</id>
  <title>Versions du graphe GouvGraph</title>
  <subtitle>Chaque version du schéma GraphQL public mise en service, avec ses changements.</subtitle>
  <updated>${updated}</updated>
  <link rel="self" type="application/atom+xml" href="${escapeMarkup(links.self)}"/>
  <link rel="alternate" type="text/html" href="${escapeMarkup(links.page)}"/>
  <author><name>GouvGraph</name></author>
  <rights>${escapeMarkup(RIGHTS)}</rights>
${entries
  .map(
    (e) => `  <entry>
    <id>tag:gouvgraph.beta.gouv.fr,2026:supergraph/${e.hash}/${e.at}</id>
    <title>${e.kind === 'rollback' ? 'Retour à la version' : 'Version'} ${e.hash.slice(0, 12)}${breakingCount(e) ? ' (changements cassants)' : ''}</title>
    <updated>${e.at}</updated>
    <link rel="alternate" type="text/html" href="${escapeMarkup(`${links.page}#${anchor(e)}`)}"/>
    <summary>${escapeMarkup(summary(e))}</summary>
  </entry>`,
  )
  .join('\n')}
</feed>
`;
}
