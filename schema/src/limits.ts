/**
 * The contract's bounds on what a partner may answer: the longest text of each field, the
 * longest list, and from them the largest answer a partner can legally send. The contract's
 * descriptions state each bound; the gateway refuses an answer beyond one (violation `SCALAR`)
 * and cuts off a body larger than the largest legal page (violation `SIZE`). The bounds sit
 * far above the real data (its longest pitch is 528 characters, its most events 10), so that
 * they only ever stop a partner that misbehaves.
 */
import { MAX_PAGE_SIZE } from './paging.js';

/** The longest text, in characters, of each `Type.field` of the contract (list items for lists of text). */
export const TEXT_LIMITS: Readonly<Record<string, number>> = {
  'Incubator.name': 200,
  'Incubator.shortDescription': 2_000,
  'Incubator.description': 20_000,
  'Incubator.address': 500,
  'Incubator.city': 200,
  'Organisation.name': 300,
  'Organisation.acronym': 50,
  'Organisation.ministry': 100,
  'Startup.slug': 128,
  'Startup.name': 200,
  'Startup.pitch': 2_000,
  'Startup.description': 20_000,
  'Startup.thematics': 100,
  'Startup.userTypes': 100,
  'Startup.technologies': 100,
  'StartupEvent.comment': 1_000,
  'ThematicCount.name': 100,
};

/** The longest id (a partner id and a slug of 128 characters each, and the `/`). */
export const ID_LIMIT = 257;
/** The longest `URL`. */
export const URL_LIMIT = 2_048;
/** The longest text of a field `TEXT_LIMITS` does not name (cursors, and text a new version adds). */
const DEFAULT_TEXT_LIMIT = 2_000;

/** The most items of each list field of the contract. */
export const LIST_LIMITS: Readonly<Record<string, number>> = {
  'Startup.coIncubatorIds': 50,
  'Startup.sponsors': 50,
  'Startup.phases': 50,
  'Startup.events': 50,
  'Startup.thematics': 50,
  'Startup.userTypes': 50,
  'Startup.technologies': 50,
  // Counts over all of a partner's startups (contract 1.3): far above any incubator's (the
  // largest has 126 startups over 12 years). Not part of the largest legal page: a page of
  // startups does not carry them; an answer that does is still cut at the same size.
  'Incubator.startupTally': 1_000,
  'Incubator.thematics': 1_000,
  'StartupTally.daysToAcceleration': 10_000,
};

/** The longest text `Type.field` may hold, by its scalar type. */
export function textLimit(coordinate: string, scalar: string): number {
  if (scalar === 'ID') return ID_LIMIT;
  if (scalar === 'URL') return URL_LIMIT;
  return TEXT_LIMITS[coordinate] ?? DEFAULT_TEXT_LIMIT;
}

const text = (coordinate: string) => 'x'.repeat(TEXT_LIMITS[coordinate] ?? DEFAULT_TEXT_LIMIT);
const id = 'x'.repeat(ID_LIMIT);
const url = `https://${'x'.repeat(URL_LIMIT - 8)}`;
const list = <T>(coordinate: string, item: () => T): T[] => Array.from({ length: LIST_LIMITS[coordinate] ?? 0 }, item);

/** A startup with every field and list at its bound (texts of ASCII letters). */
function largestStartup(): Record<string, unknown> {
  const organisation = {
    id,
    name: text('Organisation.name'),
    acronym: text('Organisation.acronym'),
    kind: 'DECENTRALISED_SERVICE',
    ministry: text('Organisation.ministry'),
  };
  return {
    id,
    slug: text('Startup.slug'),
    name: text('Startup.name'),
    pitch: text('Startup.pitch'),
    description: text('Startup.description'),
    incubator: {
      id,
      name: text('Incubator.name'),
      shortDescription: text('Incubator.shortDescription'),
      description: text('Incubator.description'),
      owner: organisation,
      website: url,
      sourceCode: url,
      address: text('Incubator.address'),
      city: text('Incubator.city'),
    },
    coIncubatorIds: list('Startup.coIncubatorIds', () => id),
    sponsors: list('Startup.sponsors', () => organisation),
    phase: 'ABANDONED_IN_INVESTIGATION',
    phaseStart: '2026-12-31',
    active: false,
    phases: list('Startup.phases', () => ({ phase: 'ABANDONED_IN_INVESTIGATION', start: '2026-12-31', end: '2026-12-31' })),
    events: list('Startup.events', () => ({ kind: 'NATIONAL_IMPACT', date: '2026-12-31', comment: text('StartupEvent.comment') })),
    thematics: list('Startup.thematics', () => text('Startup.thematics')),
    userTypes: list('Startup.userTypes', () => text('Startup.userTypes')),
    technologies: list('Startup.technologies', () => text('Startup.technologies')),
    website: url,
    repository: url,
    accessibility: 'PARTIALLY_COMPLIANT',
    fastFunding: { round: 2_147_483_647, amountEuros: 2_147_483_647 },
    statsUrl: url,
    budgetUrl: url,
    impactUrl: url,
  };
}

/**
 * The size in bytes of the largest page a partner can legally send: `MAX_PAGE_SIZE` startups with
 * every field at its bound, each with its cursor, and the connection around them. The default of
 * the gateway's `PARTNER_MAX_RESPONSE_BYTES`, rounded up to a whole MiB.
 */
export function largestLegalPageBytes(): number {
  largest ??= measureLargestPage();
  return largest;
}

let largest: number | undefined;

function measureLargestPage(): number {
  const startup = largestStartup();
  const page = {
    data: {
      startups: {
        totalCount: 2_147_483_647,
        edges: Array.from({ length: MAX_PAGE_SIZE }, () => ({ cursor: text('Startup.cursor'), node: startup })),
        pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: text('Startup.cursor'), endCursor: text('Startup.cursor') },
        missingPartners: [],
      },
    },
  };
  const bytes = Buffer.byteLength(JSON.stringify(page));
  const mib = 1024 * 1024;
  return Math.ceil(bytes / mib) * mib;
}
