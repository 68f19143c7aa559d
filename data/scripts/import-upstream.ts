/**
 * Extracts the seed data GouvGraph ships into `data/betagouv/`, `data/apigouv/`, `data/joins/`
 * and `data/personal-fingerprints.json`, from a folder holding the upstream JSON files (the
 * beta.gouv.fr and api.gouv.fr snapshots: see data/README.md for their origin and licence).
 * That folder is optional and always named: `--source DIR`, or `GOUVGRAPH_SOURCE_DATA`. A clone
 * without it works from the committed files.
 *
 * Only public, non-personal fields are kept: contacts (`contact`, `contact_dinum`,
 * `contact_incubator`) name individuals and stay out of the repository and the graph,
 * and so do the organisation records that are really a person (see PERSON_ORGANISATIONS).
 *
 * `--check` (run by `pnpm test`) fails when the committed files are not what this script keeps:
 * with the source folder, it regenerates them in memory and compares byte for byte; without it,
 * it runs the same extraction over the committed files themselves — which must come out
 * unchanged (only the kept fields, in order; no person as a sponsor; personal addresses redacted)
 * — and checks the fingerprints file's shape. Without the source folder and without `--check`,
 * nothing is written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { personalFingerprint as fingerprint, REDACTED_EMAIL } from '../src/index.js';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const outRoot = resolve(here, '..');
const { values: flags } = parseArgs({ options: { source: { type: 'string' }, check: { type: 'boolean', default: false } } });
/** The folder of upstream files, when one is named; nothing is looked for anywhere else. */
const source = flags.source ?? process.env.GOUVGRAPH_SOURCE_DATA;
const sourceRoot = source ? resolve(source) : null;
const betagouvDir = sourceRoot ? resolve(sourceRoot, 'betagouv') : null;

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
const FUNCTIONAL =
  /^(api|support|contact|donnees|data|retours?|service|services|equipe|info|infos|dev|admin|geoservices|partenaires|assistance|aide|help|dpo|open|projet)\b|[.-](api|support|contact|donnees|data|service|equipe|partenaires)\b/i;

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

/** What is kept of each source file: the committed file's path, and its records as the graph needs them. */
const EXTRACTIONS = {
  'betagouv/organisations.json': (records: Json[]) =>
    records
      .filter((o) => !PERSON_ORGANISATIONS.has(o.id as string))
      .map((o) => pick(o, ['id', 'name', 'acronym', 'type', 'domaine_ministeriel'])),
  'betagouv/incubators.json': (records: Json[]) =>
    records.map((i) =>
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
    ),
  'betagouv/startups.json': (records: Json[]) =>
    records.map((s) =>
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
    ),
  'betagouv/phases.json': (records: Json[]) =>
    records.map((p) => pick(p, ['id', 'label', 'order', 'short_description', 'is_active_phase'])),
  // The api.gouv.fr catalogue (snapshot 2026-01-07): the fields the catalogue subgraph serves.
  'apigouv/apis.json': (records: Json[]) =>
    records.map((a) =>
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
    ),
  'apigouv/producers.json': (records: Json[]) =>
    records.map((p) => pick(p, ['slug', 'name', 'acronym', 'type', 'site', 'siteAPI', 'short'])),
  'joins/startup_api_links.json': (records: Json[]) =>
    records.map((l) => pick(l, ['api_slug', 'startup_id', 'relation', 'evidence', 'confidence'])),
  'joins/producer_organisation_map.json': (records: Json[]) => records.map((m) => pick(m, ['producer_slug', 'organisation_candidates'])),
} satisfies Record<string, (records: Json[]) => Json[]>;

type Extracted = keyof typeof EXTRACTIONS;

/** The committed text of a data file, as this script writes it. */
const fileText = (content: unknown) => `${JSON.stringify(content, null, 1)}\n`;

/** Extracts every file from the source; writes them, or with `--check` compares. True when nothing is stale. */
function regenerate(sourceRoot: string, betagouvDir: string): boolean {
  const read = (name: string) => JSON.parse(readFileSync(join(betagouvDir, name), 'utf8')) as Json[];
  const readApi = (name: string) => JSON.parse(readFileSync(join(sourceRoot, name), 'utf8')) as Json;
  const sources: Record<Extracted, Json[]> = {
    'betagouv/organisations.json': read('organisations.json'),
    'betagouv/incubators.json': read('incubators.json'),
    'betagouv/startups.json': read('startups.json'),
    'betagouv/phases.json': read('phases.json'),
    'apigouv/apis.json': readApi('apigouv/apis.json') as unknown as Json[],
    'apigouv/producers.json': readApi('apigouv/producers.json') as unknown as Json[],
    'joins/startup_api_links.json': (readApi('joins/startup_api_links.json').links ?? []) as Json[],
    'joins/producer_organisation_map.json': (readApi('joins/producer_organisation_map.json').map ?? []) as Json[],
  };
  const files: Record<string, unknown> = redact(
    Object.fromEntries(Object.entries(EXTRACTIONS).map(([name, extract]) => [name, extract(sources[name as Extracted])])),
  );
  files['personal-fingerprints.json'] = personalFingerprints(sourceRoot, betagouvDir, sources['betagouv/organisations.json']);

  let stale = 0;
  for (const [name, content] of Object.entries(files)) {
    const text = fileText(content);
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
  return stale === 0;
}

/**
 * Fingerprints (SHA-256, lower-cased) of the personal data the source holds and the graph must
 * never show: every personal e-mail address of its contacts and free text, and the names of the
 * sponsors that are people. Hashes, so the list names no one either; the privacy test crawls
 * the graph and checks that none of its strings has one of them.
 */
function personalFingerprints(sourceRoot: string, betagouvDir: string, sourceOrganisations: Json[]) {
  const sourceText = ['startups.json', 'incubators.json', 'startups_removed.json', 'incubators_removed.json']
    .filter((name) => existsSync(join(betagouvDir, name)))
    .map((name) => readFileSync(join(betagouvDir, name), 'utf8'))
    .concat(readFileSync(join(sourceRoot, 'apigouv/apis.json'), 'utf8'));
  const personalEmails = new Set<string>();
  // Members' names, as their addresses spell them (`alain.le-gac@` → "alain le-gac", "alain le gac").
  const personNames = new Set(
    sourceOrganisations.filter((o) => PERSON_ORGANISATIONS.has(o.id as string)).map((o) => fingerprint(String(o.name))),
  );
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
  return {
    about: PERSONAL_ABOUT,
    emails: [...personalEmails].sort(),
    names: [...personNames].sort(),
  };
}

const PERSONAL_ABOUT =
  'SHA-256 of lower-cased personal e-mail addresses and person names found in the source data: the graph must show none (test/privacy.e2e.test.ts).';

/**
 * Without the source: each committed file must come out of the extraction unchanged (it holds
 * only the kept fields, in their order, no person among sponsors or organisations, no personal
 * address left unredacted), and the fingerprints file must be sorted lists of SHA-256 hashes.
 * True when every file passes.
 */
function checkCommitted(): boolean {
  let problems = 0;
  const problem = (message: string) => {
    console.error(message);
    problems++;
  };
  for (const [name, extract] of Object.entries(EXTRACTIONS)) {
    const target = join(outRoot, name);
    if (!existsSync(target)) {
      problem(`data/${name} is missing`);
      continue;
    }
    const text = readFileSync(target, 'utf8');
    const records = JSON.parse(text) as unknown;
    if (!Array.isArray(records) || !records.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))) {
      problem(`data/${name} is not a list of records`);
      continue;
    }
    if (fileText(redact(extract(records as Json[]))) !== text) {
      problem(
        `data/${name} holds what the extraction does not keep (a field, a person, a personal address): run \`pnpm generate\` with the source`,
      );
    }
  }
  const target = join(outRoot, 'personal-fingerprints.json');
  const fingerprints = existsSync(target) ? (JSON.parse(readFileSync(target, 'utf8')) as Json) : undefined;
  const hashes = (list: unknown) =>
    Array.isArray(list) &&
    list.length > 0 &&
    list.every((h) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h)) &&
    fileText(list) === fileText([...list].sort());
  if (!fingerprints || fingerprints.about !== PERSONAL_ABOUT || !hashes(fingerprints.emails) || !hashes(fingerprints.names)) {
    problem('data/personal-fingerprints.json is not sorted lists of SHA-256 fingerprints of emails and names');
  }
  if (problems === 0) console.log('data/ holds only what the extraction keeps (checked without the source)');
  return problems === 0;
}

const check = flags.check;

if (sourceRoot && betagouvDir && existsSync(betagouvDir)) {
  process.exitCode = regenerate(sourceRoot, betagouvDir) ? 0 : 1;
} else if (betagouvDir) {
  console.error(`no upstream data at ${betagouvDir}: --source (or GOUVGRAPH_SOURCE_DATA) names a folder holding betagouv/ and apigouv/`);
  process.exitCode = 1;
} else {
  // No upstream files named (a newcomer's machine, CI): nothing to regenerate from, but the
  // committed files can still be held to what the extraction keeps.
  console.log('no upstream data named (--source DIR or GOUVGRAPH_SOURCE_DATA): data/ is used as committed');
  if (check) process.exitCode = checkCommitted() ? 0 : 1;
}
