import { defineConfig } from 'vite';
import { persistedOperations } from './build/persisted-operations.js';

// Every asset ends up in dist/ and is served by the gateway itself: no CDN (many government
// networks have no internet).
export default defineConfig({
  base: '/',
  // Only these variables reach the page (who runs the instance, src/instance.ts): nothing secret.
  envPrefix: 'GOUVGRAPH_PUBLIC_',
  // Fonts and icons stay files (the gateway serves them compressed and cached), not data: URIs.
  build: { outDir: 'dist', emptyOutDir: true, assetsDir: 'assets', sourcemap: false, assetsInlineLimit: 0 },
  plugins: [persistedOperations()],
});
