/**
 * Extracts the seed data GouvGraph ships from the project's shared data folder
 * (`../shared/data`, see its README for origin and licence) into `data/betagouv/`.
 *
 * Only public, non-personal fields are kept: contacts (`contact`, `contact_dinum`,
 * `contact_incubator`) name individuals and stay out of the repository and the graph,
 * and so do the organisation records that are really a person (see PERSON_ORGANISATIONS).
 *
 * `--check` regenerates in memory and fails when the committed files differ.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(here, '../betagouv');
const sharedDir = resolve(process.env.GOUVGRAPH_SHARED_DATA ?? resolve(here, '../../../shared/data'), 'betagouv');

/**
 * Sponsors recorded as an "organisation" whose name is a person's name. They are dropped
 * from the sponsors lists: a person's name is personal data, whatever file it sits in.
 */
const PERSON_ORGANISATIONS = new Set(['bruno-chiocchia']);

type Json = Record<string, unknown>;

/**
 * A personal e-mail address (`firstname.lastname@…`) written into free text. Functional
 * addresses (`contact@`, `support@`, `donnees@`) name no one and are kept.
 */
const PERSONAL_EMAIL = /\b[A-Za-zÀ-ÿ]+[.-][A-Za-zÀ-ÿ]+(?:[.-][A-Za-zÀ-ÿ]+)*@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;

/** Redacts personal e-mail addresses in every string of a record, however deep. */
function redact<T>(value: T): T {
  if (typeof value === 'string') return value.replace(PERSONAL_EMAIL, '[adresse personnelle retirée]') as T;
  if (Array.isArray(value)) return value.map(redact) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)])) as T;
  }
  return value;
}

if (!existsSync(sharedDir)) {
  // A clone without the shared folder beside it (a newcomer's machine) has nothing to compare.
  console.log(`shared data not found at ${sharedDir}: data/betagouv/ is used as committed`);
  process.exit(0);
}

function read(name: string): Json[] {
  return JSON.parse(readFileSync(join(sharedDir, name), 'utf8')) as Json[];
}

/** Keeps the listed keys, in that order, dropping absent and empty ones. */
function pick(record: Json, keys: readonly string[]): Json {
  const out: Json = {};
  for (const key of keys) {
    const value = record[key];
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out;
}

function stripPersonSponsors(ids: unknown): string[] {
  return (Array.isArray(ids) ? (ids as string[]) : []).filter((id) => !PERSON_ORGANISATIONS.has(id));
}

const organisations = read('organisations.json')
  .filter((o) => !PERSON_ORGANISATIONS.has(o.id as string))
  .map((o) => pick(o, ['id', 'name', 'acronym', 'type', 'domaine_ministeriel']));

const incubators = read('incubators.json').map((i) =>
  pick(i, [
    'id',
    'title',
    'short_description',
    'description',
    'owner_id',
    'website',
    'github',
    'address',
    'city_derived',
    'postcode_derived',
    'highlighted_startups',
  ]),
);

const startups = read('startups.json').map((s) =>
  pick({ ...s, sponsor_ids: stripPersonSponsors(s.sponsor_ids) }, [
    'id',
    'title',
    'mission',
    'description',
    'incubator',
    'incubator_ids',
    'sponsor_ids',
    'phases',
    'current_phase',
    'is_active',
    'events',
    'thematiques',
    'usertypes',
    'techno',
    'link',
    'repository',
    'stats_url',
    'impact_url',
    'budget_url',
    'accessibility_status',
    'fast',
  ]),
);

const phases = read('phases.json').map((p) =>
  pick(p, ['id', 'label', 'order', 'short_description', 'is_active_phase']),
);

const files: Record<string, unknown> = redact({
  'organisations.json': organisations,
  'incubators.json': incubators,
  'startups.json': startups,
  'phases.json': phases,
});

const check = process.argv.includes('--check');
let stale = 0;
for (const [name, content] of Object.entries(files)) {
  const text = `${JSON.stringify(content, null, 1)}\n`;
  const target = join(outDir, name);
  if (check) {
    if (!existsSync(target) || readFileSync(target, 'utf8') !== text) {
      console.error(`data/betagouv/${name} is out of date: run \`pnpm generate\``);
      stale++;
    }
  } else {
    writeFileSync(target, text);
    console.log(`wrote data/betagouv/${name} (${(content as unknown[]).length} records)`);
  }
}
process.exitCode = stale === 0 ? 0 : 1;
