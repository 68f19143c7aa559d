/**
 * Where the built dashboard is, for the gateway that serves it: `dist/` holds the page, its
 * assets and the persisted query manifest of its operations (`pnpm --filter @gouvgraph/dashboard build`).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MANIFEST_FILE } from './persisted-operations.js';

export const DASHBOARD_DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/** The built dashboard's folder and manifest, or null when it has not been built. */
export function builtDashboard(): { dir: string; manifest: string } | null {
  const manifest = `${DASHBOARD_DIST}${MANIFEST_FILE}`;
  return existsSync(`${DASHBOARD_DIST}index.html`) && existsSync(manifest) ? { dir: DASHBOARD_DIST, manifest } : null;
}
