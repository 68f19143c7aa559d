/**
 * The startup finder's choices, from one question to the graph (`StartupFinderChoices`): the
 * incubators, the thematics of their startups summed across incubators, and the years startups
 * entered the programme.
 */

interface Counted {
  name: string;
  startups: number;
}
export interface ChoicesAnswer {
  incubators: {
    id: string;
    name: string;
    /** Contract 1.3; null from a partner on an earlier version. */
    thematics: Counted[] | null;
    startupTally: { entryYear: number; startups: number }[] | null;
  }[];
}
export interface Choices {
  incubators: { id: string; name: string }[];
  thematics: Counted[];
  /** Newest first; `startups` is null when some incubator could not count its own. */
  years: { year: number; startups: number | null }[];
}

/** The first year of the programme (beta.gouv.fr, 2013): the years offered when the tallies are incomplete. */
const FIRST_YEAR = 2013;

/** As the graph compares names: no accents, no case, spaces collapsed. */
export const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * One entry per thematic however each startup spells it (« Education », « Éducation »), named by
 * its most used spelling. The partners' `thematic` filter folds case and accents the same way
 * (subgraphs/incubator, `thematicKeys`), so that name finds every spelling the count adds up.
 */
function mergeThematics(lists: readonly (readonly Counted[])[]): Counted[] {
  const groups = new Map<string, { total: number; spellings: Map<string, number> }>();
  for (const { name, startups } of lists.flat()) {
    const key = fold(name);
    if (!key) continue;
    const group = groups.get(key) ?? { total: 0, spellings: new Map() };
    group.total += startups;
    group.spellings.set(name, (group.spellings.get(name) ?? 0) + startups);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map(({ total, spellings }) => {
      const [name = ''] = [...spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'fr'))[0] ?? [];
      return { name, startups: total };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'fr', { sensitivity: 'base' }));
}

/** The years of entry: counted when every incubator gave its tally, else every year since the programme began. */
function entryYears(tallies: readonly ChoicesAnswer['incubators'][number]['startupTally'][], thisYear: number) {
  const byYear = new Map<number, number>();
  for (const row of tallies.flatMap((t) => t ?? [])) byYear.set(row.entryYear, (byYear.get(row.entryYear) ?? 0) + row.startups);
  const complete = tallies.length > 0 && tallies.every((t) => t);
  if (!complete) for (let year = FIRST_YEAR; year <= thisYear; year++) byYear.set(year, byYear.get(year) ?? 0);
  return [...byYear.keys()].sort((a, b) => b - a).map((year) => ({ year, startups: complete ? (byYear.get(year) ?? 0) : null }));
}

/** The choices an answer of `StartupFinderChoices` gives. */
export function choicesFrom(answer: ChoicesAnswer, thisYear: number): Choices {
  return {
    incubators: answer.incubators.map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    thematics: mergeThematics(answer.incubators.map((i) => i.thematics ?? [])),
    years: entryYears(
      answer.incubators.map((i) => i.startupTally),
      thisYear,
    ),
  };
}
