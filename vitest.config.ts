import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// One command runs every tier: `*.test.ts` (in process; the dashboard's in jsdom), `*.int.test.ts` (real HTTP servers on
// port 0, real PGlite and Postgres), `*.e2e.test.ts` (the whole government graph).
export default defineConfig({
  resolve: {
    // One graphql, as Node loads it in production (its CommonJS build): vite would give our
    // sources the .mjs build, whose schema classes those of @apollo/* and graphql-inspector are not.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    include: ['{schema,data,internal,deploy,subgraphs,gateway,dashboard,test}/**/*.test.ts'],
    // Timing tests run after, alone (vitest.timing.config.ts).
    exclude: ['**/node_modules/**', '**/*.timing.test.ts'],
    // vitest's report, then one plain `tests: N passed, N failed` line for CI.
    reporters: ['default', './internal/testing/src/summary-reporter.ts'],
    pool: 'forks',
    // Two cores here; each file may hold an embedded Postgres (PGlite) of several hundred MB.
    maxWorkers: 2,
    // Stock @apollo/gateway (compared in the tests) must not phone home from a test either.
    env: { APOLLO_TELEMETRY_DISABLED: 'true' },
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
