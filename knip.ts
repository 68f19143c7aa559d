import type { KnipConfig } from 'knip';

/**
 * knip: files nothing reaches, exports nothing imports, dependencies declared but not imported or
 * imported but not declared, per workspace package. `pnpm knip`, run by `pnpm test`.
 *
 * Entry points are not listed here because knip reads every one of them from what already declares
 * them (listing them again only earns "redundant entry" hints):
 * - package.json `exports` (each package's `src/index.ts`, the dashboard's `build/index.ts`), `bin`
 *   (`bin/*.mjs`) and the files its scripts run with tsx (`src/main.ts`, `src/cli.ts`, `scripts/*.ts`);
 * - the vitest plugin: the root vitest.config.ts, its reporter, and every `*.test.ts`;
 * - the vite plugin: dashboard/vite.config.ts and index.html, hence `src/main.ts`;
 * - the drizzle plugin: each drizzle.config.ts and the `schema-for-migrations.ts` it names;
 * - `new URL('./serve.ts', import.meta.url)`: the benchmark's child process.
 * A package's `src/index.ts` is its public surface (STYLE.md): what it re-exports is not reported
 * while no other package imports it; an unused export behind it is.
 */
const config: KnipConfig = {
  workspaces: {
    'gateway/server': {
      // Served as files (their UMD builds, src/graphiql.ts) found with require.resolve: never imported.
      ignoreDependencies: ['graphiql', '@graphiql/plugin-explorer', 'react', 'react-dom'],
    },
    test: {
      // Read as a file (axe.min.js) and injected into the page under test.
      ignoreDependencies: ['axe-core'],
      // Debian's, installed by .ci/run to validate docker-compose.yml; the test says when it is missing.
      ignoreBinaries: ['docker-compose'],
    },
    bench: {
      ignoreDependencies: [
        // Imported by a name TypeScript does not follow (serve.ts, loadHiveGateway: its DOM typings).
        '@graphql-hive/gateway-runtime',
        // The same, for Hive Gateway's Rust query planner (serve.ts, loadHiveRouterRuntime).
        '@graphql-hive/router-runtime',
        // Hive Gateway loads its HTTP transport by package name at run time.
        '@graphql-mesh/transport-http',
      ],
    },
  },
};

export default config;
