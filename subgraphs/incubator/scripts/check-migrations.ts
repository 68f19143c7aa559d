/**
 * Fails when the drizzle tables changed without a committed migration: generates into a
 * copy of `drizzle/` and checks that drizzle-kit finds nothing new to write.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const copy = mkdtempSync(join(tmpdir(), 'gouvgraph-migrations-'));
try {
  cpSync(join(root, 'drizzle'), copy, { recursive: true });
  const before = readdirSync(copy).length;
  // The package exports no bin entry point; its file sits in the installed package.
  const drizzleKit = join(root, 'node_modules/drizzle-kit/bin.cjs');
  execFileSync(
    process.execPath,
    [drizzleKit, 'generate', '--dialect', 'postgresql', '--schema', './src/db/schema-for-migrations.ts', '--out', copy],
    {
      cwd: root,
      stdio: 'pipe',
    },
  );
  if (readdirSync(copy).length !== before) {
    console.error('subgraphs/incubator/drizzle is out of date: run `pnpm --filter @gouvgraph/incubator db:generate`');
    process.exitCode = 1;
  } else {
    console.log('migrations are up to date');
  }
} finally {
  rmSync(copy, { recursive: true, force: true });
}
