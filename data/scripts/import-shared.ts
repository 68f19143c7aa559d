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
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { personalFingerprint as fingerprint, REDACTED_EMAIL } from '../src/index.js';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outRoot = resolve(here, '..');
const sharedRoot = resolve(process.env.GOUVGRAPH_SHARED_DATA ?? resolve(here, '../../../shared/data'));
const sharedDir = resolve(sharedRoot, 'betagouv');

/**
 * Sponsors recorded as an "organisation" whose name is a person's name. They are dropped
 * from the sponsors lists: a person's name is personal data, whatever file it sits in.
 */
const PERSON_ORGANISATIONS = new Set(['bruno-chiocchia']);

type Json = Record<string, unknown>;

/**
 * A personal e-mail address (`firstname.lastname@…`) written into free text. Functional
 * addresses (`contact@`, `support.partenaires@`, `api.cisirh@`) name no one and are kept.
 */
const NAME_LIKE_EMAIL = /\b[A-Za-zÀ-ÿ]+[.-][A-Za-zÀ-ÿ]+(?:[.-][A-Za-zÀ-ÿ]+)*@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
const FUNCTIONAL = /^(api|support|contact|donnees|data|retours?|service|services|equipe|info|infos|dev|admin|geoservices|partenaires|assistance|aide|help|dpo|open|projet)\b|[.-](api|support|contact|donnees|data|service|equipe|partenaires)\b/i;

function redactEmails(text: string): string {
  return text.replace(NAME_LIKE_EMAIL, (email) => (FUNCTIONAL.test(email.split('@')[0] ?? '') ? email : REDACTED_EMAIL));
}

/** Redacts personal e-mail addresses in every string of a record, however deep. */
function redact<T>(value: T): T {
  if (typeof value === 'string') return redactEmails(value) as T;
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

// The api.gouv.fr catalogue (snapshot 2026-01-07): the fields the catalogue subgraph serves.
const readApi = (name: string) => JSON.parse(readFileSync(join(sharedRoot, name), 'utf8')) as Json;
const apis = (readApi('apigouv/apis.json') as unknown as Json[]).map((a) =>
  pick(a, [
    'slug',
    'title',
    'tagline',
    'producer',
    'access',
    'access_page',
    'themes',
    'keywords',
    'external_site',
    'doc_tech_link',
    'doc_tech_external',
    'contact_link',
    'datapass_link',
    'account_link',
    'rate_limiting_resume',
    'uptime',
    'monitoring_link',
    'is_france_connected',
    'last_update_iso',
    'description',
    'url',
  ]),
);
const producers = (readApi('apigouv/producers.json') as unknown as Json[]).map((p) =>
  pick(p, ['slug', 'name', 'acronym', 'type', 'site', 'siteAPI', 'short']),
);
const links = ((readApi('joins/startup_api_links.json').links ?? []) as Json[]).map((l) =>
  pick(l, ['api_slug', 'startup_id', 'relation', 'evidence', 'confidence']),
);
const producerMap = ((readApi('joins/producer_organisation_map.json').map ?? []) as Json[]).map((m) =>
  pick(m, ['producer_slug', 'organisation_candidates']),
);

/**
 * Fingerprints (SHA-256, lower-cased) of the personal data the source holds and the graph must
 * never show: every personal e-mail address of its contacts and free text, and the names of the
 * sponsors that are people. Hashes, so the list names no one either; the privacy test crawls
 * the graph and checks that none of its strings has one of them.
 */
const sourceText = ['startups.json', 'incubators.json', 'startups_removed.json', 'incubators_removed.json']
  .filter((name) => existsSync(join(sharedDir, name)))
  .map((name) => readFileSync(join(sharedDir, name), 'utf8'))
  .concat(readFileSync(join(sharedRoot, 'apigouv/apis.json'), 'utf8'));
const personalEmails = new Set<string>();
// Members' names, as their addresses spell them (`alain.le-gac@` → "alain le-gac", "alain le gac").
const personNames = new Set(read('organisations.json').filter((o) => PERSON_ORGANISATIONS.has(o.id as string)).map((o) => fingerprint(String(o.name))));
for (const text of sourceText) {
  for (const email of text.match(NAME_LIKE_EMAIL) ?? []) {
    const local = email.split('@')[0] ?? '';
    if (FUNCTIONAL.test(local)) continue;
    personalEmails.add(fingerprint(email));
    // Two parts only: `first.last`; longer ones are as often a service's name (`france.chaleur.urbaine@`).
    const [first, last, ...more] = local.split('.');
    if (first && last && more.length === 0) {
      personNames.add(fingerprint(`${first} ${last}`));
      personNames.add(fingerprint(`${first} ${last.replace(/-/g, ' ')}`));
    }
  }
}
const personal = {
  about: 'SHA-256 of lower-cased personal e-mail addresses and person names found in the source data: the graph must show none (test/privacy.e2e.test.ts).',
  emails: [...personalEmails].sort(),
  names: [...personNames].sort(),
};

const files: Record<string, unknown> = redact({
  'betagouv/organisations.json': organisations,
  'betagouv/incubators.json': incubators,
  'betagouv/startups.json': startups,
  'betagouv/phases.json': phases,
  'apigouv/apis.json': apis,
  'apigouv/producers.json': producers,
  'joins/startup_api_links.json': links,
  'joins/producer_organisation_map.json': producerMap,
});
files['personal-fingerprints.json'] = personal;

const check = process.argv.includes('--check');
let stale = 0;
for (const [name, content] of Object.entries(files)) {
  const text = `${JSON.stringify(content, null, 1)}\n`;
  const target = join(outRoot, name);
  if (check) {
    if (!existsSync(target) || readFileSync(target, 'utf8') !== text) {
      console.error(`data/${name} is out of date: run \`pnpm generate\``);
      stale++;
    }
  } else {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    console.log(`wrote data/${name} (${Array.isArray(content) ? content.length : Object.keys(content as object).length} records)`);
  }
}
process.exitCode = stale === 0 ? 0 : 1;
