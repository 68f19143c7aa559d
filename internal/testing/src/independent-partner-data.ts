/**
 * The independent partner's data: one incubator of the real seed read into plain in-memory rows
 * shaped like the contract's types. Written from the contract and the seed's documentation, not
 * from the incubator kit (the point of this partner is to disagree with the kit wherever the kit
 * is not what the contract says), so only the contract's published helpers are shared.
 */
import type { PartnerSeed, SeedIncubator, SeedOrganisation, SeedStartup } from '@gouvgraph/data';
import {
  ACTIVE_PHASES,
  accessibilityFromSource,
  eventKindFromSource,
  foldText,
  isHttpUrl,
  organisationKindFromSource,
  phaseFromSource,
  phaseRank,
  startupGlobalId,
  type AccessibilityStatus,
  type OrganisationKind,
  type Phase,
  type StartupEventKind,
} from '@gouvgraph/schema';

interface OrganisationRow {
  id: string;
  name: string;
  acronym: string | null;
  kind: OrganisationKind;
  ministry: string | null;
}

export interface IncubatorRow {
  id: string;
  name: string;
  shortDescription: string | null;
  description: string | null;
  ownerId: string | null;
  website: string | null;
  sourceCode: string | null;
  address: string | null;
  city: string | null;
}

export interface PhaseRow {
  phase: Phase;
  start: string;
  end: string | null;
}

interface EventRow {
  kind: StartupEventKind;
  date: string;
  comment: string | null;
}

/** A startup as the contract's `Startup` reads it (every scalar field by its name), plus its keys. */
export interface StartupRow {
  id: string;
  slug: string;
  incubatorId: string;
  name: string;
  pitch: string;
  description: string | null;
  coIncubatorIds: string[];
  sponsors: OrganisationRow[];
  phase: Phase;
  phaseStart: string;
  active: boolean;
  phases: PhaseRow[];
  events: EventRow[];
  thematics: string[];
  userTypes: string[];
  technologies: string[];
  website: string | null;
  repository: string | null;
  accessibility: AccessibilityStatus | null;
  fastFunding: { round: number | null; amountEuros: number | null } | null;
  statsUrl: string | null;
  budgetUrl: string | null;
  impactUrl: string | null;
  /** The start of its first phase (the STARTED order). */
  started: string;
  /** The name folded (the NAME order). */
  nameKey: string;
  /** Name and pitch folded (the `search` filter). */
  searchText: string;
  /** The thematics folded (the `thematic` filter). */
  thematicKeys: string[];
}

export interface PartnerData {
  incubator: IncubatorRow;
  startups: StartupRow[];
  /** Every organisation of the reference data, by id: any partner answers for any of them. */
  organisations: ReadonlyMap<string, OrganisationRow>;
}

/** `&#x2F;`, `&#47;` and `&amp;`: how a few of the source's links are written. */
function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replaceAll('&amp;', '&');
}

/** A source link as the `URL` scalar promises it (absolute http or https), or null. */
function publicUrl(link: string | undefined): string | null {
  if (link === undefined) return null;
  const url = decodeEntities(link.trim());
  return url !== '' && isHttpUrl(url) ? url : null;
}

/** Empty text in the source means "not said". */
const said = (text: string | undefined): string | null => (text ? text : null);

function organisationRow(o: SeedOrganisation): OrganisationRow {
  return {
    id: o.id,
    name: o.name,
    acronym: said(o.acronym),
    kind: organisationKindFromSource(o.type),
    ministry: said(o.domaine_ministeriel),
  };
}

function incubatorRow(i: SeedIncubator, organisations: ReadonlyMap<string, OrganisationRow>): IncubatorRow {
  return {
    id: i.id,
    name: i.title,
    // The source's short description sometimes holds HTML tags: the graph serves plain text.
    shortDescription: i.short_description === undefined ? null : i.short_description.replace(/<[^>]+>/g, ''),
    description: i.description ?? null,
    ownerId: i.owner_id && organisations.has(i.owner_id) ? i.owner_id : null,
    website: publicUrl(i.website),
    sourceCode: publicUrl(i.github),
    address: i.address ?? null,
    city: i.city_derived ?? null,
  };
}

/**
 * The phase history, oldest first: by start, and on the same day by lifecycle (the later phase
 * is the current one). A period without an end ends when the next one starts.
 */
function phaseHistory(startup: SeedStartup): PhaseRow[] {
  const periods = startup.phases.map((p) => {
    const phase = phaseFromSource(p.name);
    if (phase === null) throw new Error(`${startup.id}: phase "${p.name}" is not in the contract's vocabulary`);
    return { phase, start: p.start, end: p.end ?? null };
  });
  periods.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : phaseRank(a.phase) - phaseRank(b.phase)));
  return periods.map((p, i) => ({ ...p, end: p.end ?? periods[i + 1]?.start ?? null }));
}

/** The events, oldest first (events of one day keep the source's order). */
function eventHistory(startup: SeedStartup): EventRow[] {
  const events = (startup.events ?? []).map((e) => ({ kind: eventKindFromSource(e.name), date: e.date, comment: e.comment ?? null }));
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The sponsors the reference data knows, each once, in the source's order. */
function sponsorsOf(startup: SeedStartup, organisations: ReadonlyMap<string, OrganisationRow>): OrganisationRow[] {
  return [...new Set(startup.sponsor_ids ?? [])].flatMap((id) => {
    const organisation = organisations.get(id);
    return organisation ? [organisation] : [];
  });
}

function startupRow(s: SeedStartup, organisations: ReadonlyMap<string, OrganisationRow>): StartupRow {
  const phases = phaseHistory(s);
  const first = phases[0];
  const current = phases[phases.length - 1];
  if (!first || !current) throw new Error(`${s.id} has no phase`);
  const thematics = s.thematiques ?? [];
  const fast = s.fast;
  const fastRound = fast?.promotion ?? null;
  const fastAmount = fast?.montant ?? null;
  return {
    id: startupGlobalId(s.incubator, s.id),
    slug: s.id,
    incubatorId: s.incubator,
    name: s.title,
    pitch: s.mission,
    description: s.description ?? null,
    coIncubatorIds: s.incubator_ids.filter((id) => id !== s.incubator),
    sponsors: sponsorsOf(s, organisations),
    phase: current.phase,
    phaseStart: current.start,
    active: ACTIVE_PHASES.has(current.phase),
    phases,
    events: eventHistory(s),
    thematics,
    userTypes: s.usertypes ?? [],
    technologies: s.techno ?? [],
    website: publicUrl(s.link),
    repository: publicUrl(s.repository),
    accessibility: accessibilityFromSource(s.accessibility_status),
    fastFunding: fastRound === null && fastAmount === null ? null : { round: fastRound, amountEuros: fastAmount },
    statsUrl: publicUrl(s.stats_url),
    budgetUrl: publicUrl(s.budget_url),
    impactUrl: publicUrl(s.impact_url),
    started: first.start,
    nameKey: foldText(s.title),
    searchText: foldText(`${s.title} ${s.mission}`),
    thematicKeys: thematics.map(foldText),
  };
}

/** Reads one partner's seed into rows. Organisations listed twice keep their first record. */
export function readPartnerData(seed: PartnerSeed): PartnerData {
  const organisations = new Map<string, OrganisationRow>();
  for (const o of seed.organisations) if (!organisations.has(o.id)) organisations.set(o.id, organisationRow(o));
  return {
    incubator: incubatorRow(seed.incubator, organisations),
    startups: seed.startups.map((s) => startupRow(s, organisations)),
    organisations,
  };
}
