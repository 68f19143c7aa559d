/**
 * The real beta.gouv.fr data GouvGraph seeds from (snapshot 2026-08-20, see data/README.md),
 * as extracted by `scripts/import-upstream.ts`: public fields only, no personal data.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A beta.gouv.fr organisation (sponsor or incubator owner). */
export interface SeedOrganisation {
  id: string;
  name: string;
  acronym?: string;
  /** `administration-centrale`, `operateur`, `collectivite-territoriale`, … */
  type?: string;
  domaine_ministeriel?: string;
}

export interface SeedIncubator {
  id: string;
  title: string;
  short_description?: string;
  description?: string;
  owner_id?: string;
  website?: string;
  github?: string;
  address?: string;
  city_derived?: string;
  postcode_derived?: string;
  highlighted_startups?: string[];
}

export interface SeedPhase {
  name: string;
  start: string;
  end?: string;
}

export interface SeedEvent {
  name: string;
  date: string;
  comment?: string;
}

export interface SeedStartup {
  id: string;
  title: string;
  mission: string;
  description?: string;
  /** The owning incubator: the one partner this startup belongs to. */
  incubator: string;
  /** `incubators` when co-incubated, else `[incubator]` (the site's own rule). */
  incubator_ids: string[];
  sponsor_ids?: string[];
  phases: SeedPhase[];
  /** The source's own reading of the current phase (latest start; on a tie, the later in the lifecycle). */
  current_phase: string;
  /** The source's own reading: current phase in its active list. */
  is_active: boolean;
  events?: SeedEvent[];
  thematiques?: string[];
  usertypes?: string[];
  techno?: string[];
  link?: string;
  repository?: string;
  stats_url?: string;
  impact_url?: string;
  budget_url?: string;
  accessibility_status?: string;
  fast?: { promotion?: number; montant?: number };
}

export interface SeedPhaseDefinition {
  id: string;
  label: string;
  order: number;
  short_description?: string;
  is_active_phase: boolean;
}

export interface SeedData {
  organisations: SeedOrganisation[];
  incubators: SeedIncubator[];
  startups: SeedStartup[];
  phases: SeedPhaseDefinition[];
}

/** What stands in the data where a personal e-mail address was (see scripts/import-upstream.ts). */
export const REDACTED_EMAIL = '[adresse personnelle retirée]';

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../betagouv/${name}`, import.meta.url), 'utf8')) as T;
}

let cached: SeedData | undefined;

/** Loads the whole seed once per process (about 1 MB of JSON). */
export function loadSeedData(): SeedData {
  cached ??= {
    organisations: readJson<SeedOrganisation[]>('organisations.json'),
    incubators: readJson<SeedIncubator[]>('incubators.json'),
    startups: readJson<SeedStartup[]>('startups.json'),
    phases: readJson<SeedPhaseDefinition[]>('phases.json'),
  };
  return cached;
}

/** The seed records one partner owns: its incubator, its startups, the organisations they name. */
export interface PartnerSeed {
  incubator: SeedIncubator;
  startups: SeedStartup[];
  organisations: SeedOrganisation[];
}

/**
 * Slices the seed for one partner. A startup belongs to the incubator in its `incubator` field;
 * organisations are public reference data every partner holds whole, so that any partner can
 * answer for any organisation.
 */
export function partnerSeed(data: SeedData, partnerId: string): PartnerSeed {
  const incubator = data.incubators.find((i) => i.id === partnerId);
  if (!incubator) throw new Error(`no incubator "${partnerId}" in the seed data`);
  const startups = data.startups.filter((s) => s.incubator === partnerId);
  return { incubator, startups, organisations: data.organisations };
}

/** Who may use an API, as api.gouv.fr's eligibility funnel says (`is_eligible`: 1 yes, 0 under conditions, -1 no). */
export interface SeedEligibility {
  who: string[];
  is_eligible: number;
  description?: string;
}

/** An API of the api.gouv.fr catalogue (snapshot 2026-01-07). */
export interface SeedApi {
  slug: string;
  title: string;
  tagline?: string;
  producer: string;
  /** `open`, `account_required` or `restricted`. */
  access: string;
  access_page?: SeedEligibility[];
  themes?: (string | null)[];
  keywords?: (string | null)[];
  external_site?: string;
  /** The OpenAPI description: absolute, or relative to https://api.gouv.fr. */
  doc_tech_link?: string;
  doc_tech_external?: string;
  contact_link?: string;
  datapass_link?: string;
  account_link?: string;
  rate_limiting_resume?: string;
  uptime?: number;
  monitoring_link?: string;
  is_france_connected?: number;
  last_update_iso?: string;
  description?: string;
  /** The API's page on api.gouv.fr. */
  url: string;
}

export interface SeedProducer {
  slug: string;
  name: string;
  acronym?: string;
  type?: string;
  site?: string;
  siteAPI?: string;
  short?: string;
}

/** A heuristic link between an API and a startup, with its evidence and confidence. */
export interface SeedApiLink {
  api_slug: string;
  startup_id: string;
  /** `produces_candidate` or `consumes_candidate`. */
  relation: string;
  evidence: string[];
  /** `high`, `medium` or `low`. */
  confidence: string;
}

export interface SeedProducerOrganisation {
  producer_slug: string;
  organisation_candidates?: { organisation_id: string; basis: string; incubators_owned?: string[] }[];
}

export interface CatalogSeed {
  apis: SeedApi[];
  producers: SeedProducer[];
  links: SeedApiLink[];
  producerOrganisations: SeedProducerOrganisation[];
}

let catalog: CatalogSeed | undefined;

/** The api.gouv.fr catalogue and its links to beta.gouv.fr, loaded once per process. */
export function loadCatalogData(): CatalogSeed {
  catalog ??= {
    apis: readJson<SeedApi[]>('../apigouv/apis.json'),
    producers: readJson<SeedProducer[]>('../apigouv/producers.json'),
    links: readJson<SeedApiLink[]>('../joins/startup_api_links.json'),
    producerOrganisations: readJson<SeedProducerOrganisation[]>('../joins/producer_organisation_map.json'),
  };
  return catalog;
}

/** Fingerprints of the personal data of the source the graph must never show (see scripts/import-upstream.ts). */
export interface PersonalFingerprints {
  emails: ReadonlySet<string>;
  names: ReadonlySet<string>;
}

/** The fingerprint of a piece of personal data: SHA-256 of it trimmed and lower-cased. */
export function personalFingerprint(text: string): string {
  return createHash('sha256').update(text.trim().toLowerCase()).digest('hex');
}

export function loadPersonalFingerprints(): PersonalFingerprints {
  const file = JSON.parse(readFileSync(new URL('../personal-fingerprints.json', import.meta.url), 'utf8')) as {
    emails: string[];
    names: string[];
  };
  return { emails: new Set(file.emails), names: new Set(file.names) };
}
