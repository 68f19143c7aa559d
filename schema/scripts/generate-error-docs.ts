/**
 * Generates `docs/errors.md` (every error code: what it means, its HTTP statuses, what raises it,
 * its extensions) from the closed list, so that no document restates the codes by hand.
 * `--check` fails when the committed file is stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { renderErrorsDoc } from '../src/error-docs.js';

const target = new URL('../../docs/errors.md', import.meta.url);
const text = renderErrorsDoc();

if (process.argv.includes('--check')) {
  if (!existsSync(target) || readFileSync(target, 'utf8') !== text) {
    console.error('docs/errors.md is out of date: run `pnpm generate`');
    process.exitCode = 1;
  }
} else {
  writeFileSync(target, text);
  console.log('wrote docs/errors.md');
}
