/**
 * The programme's events, read from what the partners record through the graph: a startup
 * created (its first phase), each phase change, each investment committee, each API of the
 * catalogue published or updated. Each event has an id that never changes (a tag URI made of
 * what it is about), so feed readers show it once however often they poll.
 */
import { GraphUnavailable, pagesOf, type Ask } from './graph-walk.js';
import { parisDay } from './paris-time.js';

export type EventKind = 'startup-created' | 'phase-change' | 'committee' | 'api-published';

interface ProgrammeEvent {
  /** `tag:` URI, stable. */
  id: string;
  kind: EventKind;
  /** YYYY-MM-DD. */
  date: string;
  title: string;
  summary: string;
  /** The dashboard's page of what it is about (`#/startups/…`, `#/apis/…`). */
  page: string;
}

export const EVENT_LABELS: Record<EventKind, string> = {
  'startup-created': 'Nouvelle startup',
  'phase-change': 'Changement de phase',
  committee: 'Comité d’investissement',
  'api-published': 'API publiée',
};

const PHASE_LABELS: Record<string, string> = {
  INVESTIGATION: 'investigation',
  CONSTRUCTION: 'construction',
  ACCELERATION: 'accélération',
  CONSOLIDATION: 'consolidation',
  TRANSFERRED: 'transférée',
  OPERATED: 'pérennisée',
  ABANDONED: 'arrêtée',
  ABANDONED_IN_INVESTIGATION: 'arrêtée en investigation',
};
const phase = (code: string) => PHASE_LABELS[code] ?? code.toLowerCase();

/** The authority and date of every id: a tag URI (RFC 4151) names what it is about for good. */
const TAG = 'tag:gouvgraph.beta.gouv.fr,2026:';
const part = (value: string) => value.split('/').map(encodeURIComponent).join('/');

const FEED_STARTUPS = `query OpenDataFeedStartups($after: String, $filter: StartupFilter) {
  startups(first: 100, after: $after, filter: $filter, orderBy: { field: NAME, direction: ASC }) {
    missingPartners
    pageInfo { hasNextPage endCursor }
    edges { node { id name incubator { id } phases { phase start } events { kind date comment } } }
  }
}`;

const FEED_APIS = `query OpenDataFeedApis($after: String) {
  apis(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id title producer { name } lastUpdate builtBy { id name } } }
  }
}`;

const INCUBATOR = `query OpenDataFeedIncubator($id: ID!) { incubator(id: $id) { id } }`;

export const FEED_OPERATIONS = [FEED_STARTUPS, FEED_APIS, INCUBATOR];

/** Whether the graph knows this incubator — or would, its partner answering: its feed is then empty, and says why. */
export async function incubatorExists(ask: Ask, id: string): Promise<boolean> {
  const answer = await ask(INCUBATOR, { id });
  if (answer.data?.incubator) return true;
  return (answer.errors ?? []).some((e) => e.extensions?.partner === id);
}

interface FeedStartup {
  id: string;
  name: string;
  incubator: { id: string };
  phases: { phase: string; start: string }[];
  events: { kind: string; date: string; comment: string | null }[];
}

interface FeedApi {
  id: string;
  title: string;
  producer: { name: string };
  lastUpdate: string | null;
  builtBy: { id: string; name: string } | null;
}

function startupEvents(s: FeedStartup): ProgrammeEvent[] {
  const page = `#/startups/${part(s.id)}`;
  const events: ProgrammeEvent[] = [];
  s.phases.forEach((p, i) => {
    events.push(
      i === 0
        ? {
            id: `${TAG}startup/${part(s.id)}/creation`,
            kind: 'startup-created',
            date: p.start,
            title: `Nouvelle startup d’État : ${s.name}`,
            summary: `${s.name} commence, en phase ${phase(p.phase)}, à l’incubateur ${s.incubator.id}.`,
            page,
          }
        : {
            id: `${TAG}startup/${part(s.id)}/phase/${p.phase}/${p.start}`,
            kind: 'phase-change',
            date: p.start,
            title: `${s.name} passe en phase ${phase(p.phase)}`,
            summary: `Depuis le ${p.start}, ${s.name} (incubateur ${s.incubator.id}) est en phase ${phase(p.phase)}.`,
            page,
          },
    );
  });
  const committeesOn = new Map<string, number>();
  for (const e of s.events) {
    if (e.kind !== 'COMMITTEE') continue;
    const n = (committeesOn.get(e.date) ?? 0) + 1;
    committeesOn.set(e.date, n);
    events.push({
      id: `${TAG}startup/${part(s.id)}/comite/${e.date}/${n}`,
      kind: 'committee',
      date: e.date,
      title: `Comité d’investissement : ${s.name}`,
      summary: e.comment
        ? `${s.name} (incubateur ${s.incubator.id}) : ${e.comment}`
        : `${s.name} (incubateur ${s.incubator.id}) est passée en comité d’investissement.`,
      page,
    });
  }
  return events;
}

function apiEvent(a: FeedApi): ProgrammeEvent | null {
  if (!a.lastUpdate) return null;
  return {
    id: `${TAG}api/${part(a.id)}/${a.lastUpdate}`,
    kind: 'api-published',
    date: a.lastUpdate,
    title: `API au catalogue : ${a.title}`,
    summary: `${a.title}, produite par ${a.producer.name}${a.builtBy ? ` et construite par ${a.builtBy.name}` : ''}, est publiée ou mise à jour sur api.gouv.fr.`,
    page: `#/apis/${encodeURIComponent(a.id)}`,
  };
}

/** How a feed names the API catalogue when it did not answer. */
const CATALOGUE = 'catalogue';

export interface ProgrammeEvents {
  /** Newest first, at most `limit`. */
  events: ProgrammeEvent[];
  missingPartners: string[];
}

/** The latest events of the whole programme, or of one incubator's startups (and the APIs they build). */
export async function programmeEvents(
  ask: Ask,
  options: { incubator?: string; limit?: number; now?: Date } = {},
): Promise<ProgrammeEvents> {
  const events: ProgrammeEvent[] = [];
  const missing = new Set<string>();
  const filter = options.incubator ? { incubator: options.incubator } : null;
  for await (const page of pagesOf<FeedStartup>(ask, FEED_STARTUPS, 'startups', { filter })) {
    for (const s of page.nodes) events.push(...startupEvents(s));
    page.missingPartners.forEach((p) => missing.add(p));
  }
  try {
    for await (const page of pagesOf<FeedApi>(ask, FEED_APIS, 'apis')) {
      page.missingPartners.forEach((p) => missing.add(p));
      for (const a of page.nodes) {
        if (options.incubator && !a.builtBy?.id.startsWith(`${options.incubator}/`)) continue;
        const event = apiEvent(a);
        if (event) events.push(event);
      }
    }
  } catch (error) {
    if (!(error instanceof GraphUnavailable)) throw error;
    // A graph of partners alone (no catalogue composed) has no APIs to tell of; a catalogue that
    // does not answer is named, like a partner, and the startups' events still go out.
    if (error.code !== 'GRAPHQL_VALIDATION_FAILED') missing.add(CATALOGUE);
  }
  // What is planned (a phase the data dates in the future) is not news yet: it appears on its
  // day — a French calendar day, as the partners date their events.
  const today = parisDay(options.now ?? new Date());
  const past = events.filter((e) => e.date <= today);
  past.sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : a.date < b.date ? 1 : -1));
  return { events: past.slice(0, options.limit ?? 100), missingPartners: [...missing].sort() };
}
