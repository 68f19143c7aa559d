/**
 * Writes the generated sections of docs/operations.md — the configuration reference and the
 * metrics reference — from the settings declarations and the metric definitions.
 * `--check` fails when the committed file is stale (`pnpm test` runs it, through check:generated).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { configurationReference } from './operations-doc/configuration-reference.js';
import { replaceGeneratedSection } from './operations-doc/generated-section.js';
import { metricsReference } from './operations-doc/metrics-reference.js';

const target = new URL('../../../docs/operations.md', import.meta.url);
const current = readFileSync(target, 'utf8');
const next = replaceGeneratedSection(
  replaceGeneratedSection(current, 'configuration', configurationReference()),
  'metrics',
  metricsReference(),
);

if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('docs/operations.md is out of date: run `pnpm --filter @gouvgraph/stack run docs`');
    process.exitCode = 1;
  } else {
    console.log('docs/operations.md is up to date');
  }
} else {
  writeFileSync(target, next);
  console.log('wrote docs/operations.md');
}
