/**
 * The GraphQL IDE (GraphiQL 3) with its point-and-click explorer (@graphiql/plugin-explorer),
 * served entirely from the installed packages: these machines and many government networks have
 * no internet, so nothing comes from a CDN. GraphiQL has no translations: its own buttons and
 * panels stay in English; what we write (the example query, the explorer's name) is French.
 */
import { createRoutes, htmlSecurityHeaders, type RouteEnv, type Routes } from '@gouvgraph/http';
import type { Handler } from 'hono';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** Asset path under the gateway → file inside an installed package. */
const ASSETS: Record<string, { file: () => string; type: string }> = {
  'react.js': { file: () => join(packageDir('react'), 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: () => join(packageDir('react-dom'), 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: () => join(packageDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: () => join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
  // Its UMD build reads React and GraphiQL from the globals the scripts above define.
  'explorer.js': { file: () => join(packageDir('@graphiql/plugin-explorer'), 'dist/index.umd.js'), type: 'text/javascript' },
  'explorer.css': { file: () => join(packageDir('@graphiql/plugin-explorer'), 'dist/style.css'), type: 'text/css' },
};

const IDE_ASSET_PREFIX = '/-/ide/';

/** The first query a visitor sees: real, small, and in French (GraphiQL shows it in a new tab). */
const EXAMPLE_QUERY = `# GouvGraph : les startups d’État de tous les incubateurs, dans un seul graphe.
# Lancez la requête avec le bouton ▶ (ou Ctrl-Entrée).
# L’explorateur (icône de dossier, à gauche) ajoute des champs en cochant des cases ;
# la documentation du schéma est sous l’icône de livre.
query IncubateursEtStartupsEnAcceleration {
  # Chaque incubateur, l’organisation qui le porte,
  # et ses startups en phase d’accélération (les cinq premières).
  incubators {
    id
    name
    owner {
      name
    }
    startups(first: 5, filter: { phase: ACCELERATION }) {
      totalCount
      edges {
        node {
          name
          pitch
        }
      }
    }
  }
}
`;

/** The page's one inline script: it starts the IDE on the gateway's endpoint. */
function startScript(endpoint: string): string {
  return `
  const fetcher = GraphiQL.createFetcher({ url: new URL(${JSON.stringify(endpoint)}, location.href).href });
  const explorer = { ...GraphiQLPluginExplorer.explorerPlugin({ title: 'Explorateur' }), title: 'Explorateur' };
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultQuery: ${JSON.stringify(EXAMPLE_QUERY)},
      defaultEditorToolsVisibility: true,
      plugins: [explorer],
    }),
  );
`;
}

function page(endpoint: string): string {
  const asset = (name: string) => `${IDE_ASSET_PREFIX}${name}`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Éditeur GraphQL — GouvGraph</title>
<link rel="stylesheet" href="${asset('graphiql.css')}">
<link rel="stylesheet" href="${asset('explorer.css')}">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Chargement de l'éditeur GraphQL…</div>
<script src="${asset('react.js')}"></script>
<script src="${asset('react-dom.js')}"></script>
<script src="${asset('graphiql.js')}"></script>
<script src="${asset('explorer.js')}"></script>
<script>${startScript(endpoint)}</script>
</body>
</html>
`;
}

interface Loaded {
  body: Buffer<ArrayBuffer>;
  gzipped: Buffer<ArrayBuffer>;
  type: string;
}

/** The IDE page and its assets as routes; assets are read and compressed once, on first use. */
export function ideRoutes(endpoint: string): Routes {
  const cache = new Map<string, Loaded>();
  const html = Buffer.from(page(endpoint));
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-cache',
    ...htmlSecurityHeaders([startScript(endpoint)]),
  };
  const load = (name: string): Loaded | undefined => {
    let loaded = cache.get(name);
    const asset = ASSETS[name];
    if (!loaded && asset) {
      const body = readFileSync(asset.file());
      loaded = { body, gzipped: gzipSync(body), type: asset.type };
      cache.set(name, loaded);
    }
    return loaded;
  };
  const routes = createRoutes();
  const pageRoute: Handler<RouteEnv> = (c) => c.body(html, 200, headers);
  // At `/` unless the dashboard is served there (server.ts puts the dashboard's routes before these).
  routes.get('/', pageRoute).get('/graphiql', pageRoute);
  for (const name of Object.keys(ASSETS)) {
    routes.get(`${IDE_ASSET_PREFIX}${name}`, (c) => {
      const loaded = load(name) as Loaded; // every name of ASSETS loads
      const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
      return c.body(gzip ? loaded.gzipped : loaded.body, 200, {
        'content-type': `${loaded.type}; charset=utf-8`,
        'cache-control': 'public, max-age=86400',
        'x-content-type-options': 'nosniff',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        vary: 'accept-encoding',
      });
    });
  }
  return routes;
}
