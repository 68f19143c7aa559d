/**
 * Where the built dashboard is, for the gateway that serves it: `dist/` holds the page, its
 * assets and the persisted query manifest of its operations (`pnpm --filter @gouvgraph/dashboard build`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MANIFEST_FILE } from './persisted-operations.js';

export const DASHBOARD_DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/** The styles and scripts a page the gateway renders itself links to, as paths the gateway serves. */
export interface PageAssets {
  styles: string[];
  scripts: string[];
}

/** One chunk of Vite's manifest (`dist/.vite/manifest.json`), as far as it is read here. */
interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
}

/**
 * The files of the `src/server-pages.ts` entry, by Vite's manifest (their names carry a hash of
 * their content): the styles of the chunks it imports first, then its own, then its script.
 */
function serverPageAssets(): PageAssets | null {
  const file = `${DASHBOARD_DIST}.vite/manifest.json`;
  // A build older than the entry: the pages go without the DSFR until the next build.
  if (!existsSync(file)) return null;
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, ManifestChunk>;
  const styles: string[] = [];
  const cssOf = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the dashboard's Vite manifest has no ${key}`);
    for (const imported of chunk.imports ?? []) cssOf(imported);
    for (const css of chunk.css ?? []) if (!styles.includes(`/${css}`)) styles.push(`/${css}`);
    return chunk;
  };
  if (!manifest['src/server-pages.ts']) return null;
  const entry = cssOf('src/server-pages.ts');
  return { styles, scripts: [`/${entry.file}`] };
}

/** The built dashboard's folder, manifest and the assets of the gateway's own pages, or null when it has not been built. */
export function builtDashboard(): { dir: string; manifest: string; pageAssets: PageAssets | null } | null {
  const manifest = `${DASHBOARD_DIST}${MANIFEST_FILE}`;
  const built = existsSync(`${DASHBOARD_DIST}index.html`) && existsSync(manifest);
  return built ? { dir: DASHBOARD_DIST, manifest, pageAssets: serverPageAssets() } : null;
}
