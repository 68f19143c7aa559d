import { defineConfig } from 'vite';
import { persistedOperations } from './build/persisted-operations.js';
import { shellFooter, shellHeader } from './src/shell.js';

// Every asset ends up in dist/ and is served by the gateway itself: no CDN (many government
// networks have no internet).
export default defineConfig({
  base: '/',
  // Only these variables reach the page (who runs the instance, src/instance.ts): nothing secret.
  envPrefix: 'GOUVGRAPH_PUBLIC_',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // Fonts and icons stay files (the gateway serves them compressed and cached), not data: URIs.
    assetsInlineLimit: 0,
    // Vite's manifest names the hashed files of each entry: the gateway links the pages it renders to them.
    manifest: true,
    rolldownOptions: {
      input: { index: 'index.html', 'server-pages': 'src/server-pages.ts' },
      // What both entries share, named for what it is.
      output: { codeSplitting: { groups: [{ name: 'dsfr', test: /[\\/]@gouvfr[\\/]dsfr[\\/]/ }] } },
    },
  },
  plugins: [
    persistedOperations(),
    // The header and footer every page of the site shares (src/shell.ts), written into the page.
    {
      name: 'gouvgraph-shell',
      transformIndexHtml: (html) =>
        html.replace('<!-- gouvgraph:header -->', shellHeader('')).replace('<!-- gouvgraph:footer -->', shellFooter('')),
    },
  ],
});
