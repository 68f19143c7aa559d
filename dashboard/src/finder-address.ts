/**
 * The startup finder's address (`#/startups?…`, pages/startups.ts): what it searches, in French
 * words a visitor can read and share, read back as the graph's `startups` arguments. Every page
 * that links to a set of startups writes its address here.
 */
import { PHASES } from './format.js';

/** What the finder shows, as its address says it; an empty string is "any". */
export interface FinderState {
  /** Words in the name or the pitch. */
  q: string;
  /** A `Phase` enum value. */
  phase: string;
  /** An incubator id. */
  incubateur: string;
  thematique: string;
  actif: '' | 'oui' | 'non';
  /** A year of entry (`startedIn`), four digits. */
  annee: string;
  /** A key of SORTS. */
  tri: string;
  /** The cursor the page starts after; none on the first page. */
  apres: string;
}

/** The orders the finder offers: `tri=<key>`; the first is the contract's default. */
export const SORTS = {
  'nom-asc': { field: 'NAME', direction: 'ASC', label: 'Nom, de A à Z' },
  'nom-desc': { field: 'NAME', direction: 'DESC', label: 'Nom, de Z à A' },
  'debut-desc': { field: 'STARTED', direction: 'DESC', label: 'Entrée dans le programme, la plus récente d’abord' },
  'debut-asc': { field: 'STARTED', direction: 'ASC', label: 'Entrée dans le programme, la plus ancienne d’abord' },
  'phase-desc': { field: 'PHASE_START', direction: 'DESC', label: 'Début de la phase actuelle, le plus récent d’abord' },
  'phase-asc': { field: 'PHASE_START', direction: 'ASC', label: 'Début de la phase actuelle, le plus ancien d’abord' },
} as const;
const DEFAULT_SORT = 'nom-asc';

/** The address's parameters in the order they are written. */
const KEYS = ['q', 'phase', 'incubateur', 'thematique', 'actif', 'annee', 'tri', 'apres'] as const;

/**
 * The state an address says. What the graph would refuse (an unknown phase or order, a year that
 * is not one) is left out rather than shown as an error: a mistyped link still lists startups.
 */
export function readFinder(params: URLSearchParams): FinderState {
  const get = (key: string) => params.get(key)?.trim() ?? '';
  const phase = get('phase').toUpperCase();
  const actif = get('actif');
  const annee = get('annee');
  const tri = get('tri');
  return {
    q: params.get('q') ?? '',
    phase: PHASES.some(([, value]) => value === phase) ? phase : '',
    incubateur: get('incubateur'),
    thematique: get('thematique'),
    actif: actif === 'oui' || actif === 'non' ? actif : '',
    annee: /^\d{4}$/.test(annee) ? annee : '',
    tri: Object.hasOwn(SORTS, tri) ? tri : DEFAULT_SORT,
    apres: get('apres'),
  };
}

/** The finder's address for a state (or part of one): `#/startups`, then only what is not "any" or the default. */
export function finder(state: Partial<FinderState> = {}): string {
  const query = new URLSearchParams();
  for (const key of KEYS) {
    const value = key === 'q' ? state.q?.trim() : state[key];
    if (value && !(key === 'tri' && value === DEFAULT_SORT)) query.set(key, value);
  }
  return `#/startups${query.size ? `?${query}` : ''}`;
}

/** Whether the state narrows the list at all (its order and page aside). */
export const filtered = (state: FinderState) =>
  Boolean(state.q.trim() || state.phase || state.incubateur || state.thematique || state.actif || state.annee);

/** The graph's `startups` arguments for a state. */
export function finderVariables(state: FinderState) {
  const sort = SORTS[state.tri as keyof typeof SORTS] ?? SORTS[DEFAULT_SORT];
  return {
    filter: {
      ...(state.q.trim() ? { search: state.q.trim() } : {}),
      ...(state.phase ? { phase: state.phase } : {}),
      ...(state.incubateur ? { incubator: state.incubateur } : {}),
      ...(state.thematique ? { thematic: state.thematique } : {}),
      ...(state.actif ? { active: state.actif === 'oui' } : {}),
      ...(state.annee ? { startedIn: Number(state.annee) } : {}),
    },
    orderBy: { field: sort.field, direction: sort.direction },
    after: state.apres || null,
  };
}
