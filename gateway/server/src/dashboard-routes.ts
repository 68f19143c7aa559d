/**
 * The government dashboard (the `@gouvgraph/dashboard` package, built by Vite) served by the
 * gateway itself: its page at `/`, its scripts, styles, fonts and icons from `/assets/`. Every
 * file is read and compressed once at start-up; hashed assets are cached for good by browsers.
 */
import { createRoutes, htmlSecurityHeaders, type RouteEnv, type Routes } from '@gouvgraph/http';
import type { Handler } from 'hono';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};
/** Worth compressing: text. Fonts and images are compressed already. */
const TEXT = new Set(['.html', '.js', '.css', '.svg', '.webmanifest']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Routes for every file of the built dashboard in `dir` (GET and HEAD), the page at `/`. */
export function dashboardRoutes(dir: string): Routes {
  const routes = createRoutes();
  for (const file of files(dir)) {
    const extension = extname(file);
    const type = TYPES[extension];
    if (!type) continue; // the operations manifest is the gateway's, not the browser's
    const body = readFileSync(file);
    const gzipped = TEXT.has(extension) ? gzipSync(body) : null;
    const path = `/${relative(dir, file).split(sep).join('/')}`;
    const headers: Record<string, string> = {
      'content-type': type,
      'x-content-type-options': 'nosniff',
      // Vite names assets by their content's hash: a new build has new names.
      'cache-control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(extension === '.html' ? htmlSecurityHeaders() : {}),
      vary: 'accept-encoding',
    };
    const route: Handler<RouteEnv> = (c) => {
      const gzip = gzipped !== null && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
      return c.body(gzip && gzipped ? gzipped : body, 200, { ...headers, ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
    };
    routes.get(path, route);
    if (path === '/index.html') routes.get('/', route);
  }
  return routes;
}
