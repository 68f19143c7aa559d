/**
 * The graph's public changelog, with a registry: each supergraph a gateway made live, and each
 * rollback, is an entry described by what changed for API consumers since the one live before —
 * added fields; removed ones and required arguments marked as breaking — on a page and in an Atom
 * feed.
 */
import { openDatabase, type DatabaseConnection } from '@gouvgraph/incubator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from '@gouvgraph/registry';
import { startGateway, type RunningGateway } from '../src/index.js';
import { validateAtom } from '@gouvgraph/testing';
import { startPartners, startSdlOnlySubgraph, type Partners } from './helpers.js';

const NEWS_V1 = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { news(first: Int = 10): [News!]! }
  type News { title: String! date: String! draft: Boolean }
`;
/** The next version: a field added, one removed and a required argument added (breaking), an optional one. */
const NEWS_V2 = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { news(first: Int = 10, incubator: ID, since: String!): [News!]! }
  type News { title: String! date: String! link: String }
`;

let connection: DatabaseConnection;
let registry: Registry;
let partners: Partners;
const gateways: RunningGateway[] = [];
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  connection = await openDatabase({ kind: 'pglite' });
  registry = await Registry.open({ connection, pollMs: 0 });
  partners = await startPartners(['mtes']);
  await registry.ensureActive({ id: 'mtes', name: 'Fabrique numérique', kind: 'central-administration', url: partners.kits[0]?.url ?? '' });
  await registry.refresh();
  // Two deployments, one after the other, each composing its own version of the news subgraph.
  for (const sdl of [NEWS_V1, NEWS_V2]) {
    const news = await startSdlOnlySubgraph(sdl);
    stops.push(() => news.stop());
    gateways.push(
      await startGateway({
        supergraph: { kind: 'compose', subgraphs: [{ name: 'news', url: news.url }] },
        registry,
        ide: false,
        dashboard: false,
      }),
    );
  }
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  for (const stop of stops) await stop();
  await registry?.close();
  await partners?.stop();
  await connection?.close();
});

describe('the changelog of the graph', () => {
  it('describes each published version by what changed for clients, breaking changes marked', async () => {
    const gateway = gateways[0] as RunningGateway;
    const page = await (await fetch(`${gateway.origin}/donnees/journal-du-graphe`)).text();
    const releases = await registry.supergraphTimeline();
    expect(releases.map((r) => r.kind)).toEqual(['deploy', 'deploy']);
    const [v1, v2] = releases.map((r) => r.hash.slice(0, 12));
    // Newest first, the live one said so.
    expect(page.indexOf(`Version <code>${v2}</code> (en service)`)).toBeGreaterThan(0);
    expect(page.indexOf(`<code>${v2}</code>`)).toBeLessThan(page.indexOf(`<code>${v1}</code>`));
    expect(page).toContain('<li>champ <code>News.link: String</code> ajouté</li>');
    expect(page).toContain('<li><strong>[cassant]</strong> champ <code>News.draft</code> supprimé</li>');
    expect(page).toContain('<li>argument <code>incubator: ID</code> ajouté à <code>Query.news</code></li>');
    expect(page).toContain('<li><strong>[cassant]</strong> argument <code>since: String!</code> ajouté à <code>Query.news</code></li>');
    expect(page).toContain('2 changements cassants');
    expect(page).toMatch(/Première version publiée\u00a0: \d+ types/);

    const { entries } = validateAtom(await (await fetch(`${gateway.origin}/donnees/journal-du-graphe.atom`)).text());
    expect(entries.map((e) => e.id)).toEqual(
      [...releases].reverse().map((r) => `tag:gouvgraph.beta.gouv.fr,2026:supergraph/${r.hash}/${r.at.toISOString()}`),
    );
    expect(entries[0]?.title).toContain('changements cassants');
    expect(entries[0]?.summary).toContain('[cassant] champ News.draft supprimé');
  });

  it('adds a rollback as an entry of its own, with what it takes back from clients', async () => {
    const [first] = await registry.supergraphTimeline();
    await registry.rollback((first as { hash: string }).hash, { kind: 'admin' });
    const short = (first as { hash: string }).hash.slice(0, 12);
    const page = await (await fetch(`${(gateways[1] as RunningGateway).origin}/donnees/journal-du-graphe`)).text();
    expect(page.match(/<article/g)).toHaveLength(3);
    // The newest entry: back to the first version, which takes News.link away again.
    expect(page.indexOf(`Retour à la version <code>${short}</code> (en service)`)).toBeGreaterThan(0);
    expect(page.indexOf('Retour à la version')).toBeLessThan(
      page.indexOf('<li><strong>[cassant]</strong> champ <code>News.link</code> supprimé</li>'),
    );
    const { entries } = validateAtom(
      await (await fetch(`${(gateways[1] as RunningGateway).origin}/donnees/journal-du-graphe.atom`)).text(),
    );
    expect(entries).toHaveLength(3);
    expect(entries[0]?.title).toBe(`Retour à la version ${short} (changements cassants)`);
  });
});
