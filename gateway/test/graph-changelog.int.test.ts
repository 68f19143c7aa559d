/**
 * The graph's public changelog, with a registry: every supergraph a gateway published is a
 * version, described by what changed for API consumers since the one before — added fields,
 * removed ones marked as breaking — on a page and in an Atom feed; a rollback changes which one
 * is live, not the history.
 */
import { openDatabase, type DatabaseConnection } from '@gouvgraph/incubator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry, startGateway, type RunningGateway } from '../src/index.js';
import { validateAtom } from '../../test/src/atom.js';
import { startPartners, startSdlOnlySubgraph, type Partners } from './helpers.js';

const NEWS_V1 = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { news(first: Int = 10): [News!]! }
  type News { title: String! date: String! draft: Boolean }
`;
/** The next version: a field added, one removed (breaking), an argument added. */
const NEWS_V2 = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { news(first: Int = 10, incubator: ID): [News!]! }
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
    gateways.push(await startGateway({ supergraph: { kind: 'compose', subgraphs: [{ name: 'news', url: news.url }] }, registry, ide: false, dashboard: false }));
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
    const versions = await registry.supergraphVersions();
    expect(versions).toHaveLength(2);
    // Newest first, the live one said so.
    expect(page.indexOf((versions[1] as { hash: string }).hash.slice(0, 12))).toBeLessThan(page.indexOf((versions[0] as { hash: string }).hash.slice(0, 12)));
    expect(page).toContain('(en service)');
    expect(page).toContain('champ <code>News.link: String</code> ajouté');
    expect(page).toContain('<strong>[cassant]</strong> champ <code>News.draft</code> supprimé');
    expect(page).toContain('argument <code>incubator: ID</code> ajouté à <code>Query.news</code>');
    expect(page).not.toMatch(/\[cassant\]<\/strong> champ <code>News\.link/);
    expect(page).toMatch(/Première version publiée : \d+ types/);

    const { entries } = validateAtom(await (await fetch(`${gateway.origin}/donnees/journal-du-graphe.atom`)).text());
    expect(entries.map((e) => e.id)).toEqual([...versions].reverse().map((v) => `tag:gouvgraph.beta.gouv.fr,2026:supergraph/${v.hash}`));
    expect(entries[0]?.title).toContain('changements cassants');
    expect(entries[0]?.summary).toContain('[cassant] champ News.draft supprimé');
  });

  it('keeps the history through a rollback, marking the version live again', async () => {
    const [first] = await registry.supergraphVersions();
    await registry.rollback((first as { hash: string }).hash, { kind: 'admin' });
    const page = await (await fetch(`${(gateways[1] as RunningGateway).origin}/donnees/journal-du-graphe`)).text();
    expect(page).toContain(`Version <code>${(first as { hash: string }).hash.slice(0, 12)}</code> (en service)`);
    expect(page.match(/<article/g)).toHaveLength(2);
  });
});
