/**
 * The corpus of government-wide queries the partitioned gateway must answer exactly as one
 * database would: every filter, every sort order both ways, page sizes from 0 to the maximum,
 * aliases, fragments, directives, nested entities, lookups and refused arguments.
 */
import type { SeedData } from '@gouvgraph/data';
import { PHASES } from '@gouvgraph/schema';

export interface CorpusQuery {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

export const ORDERS = (['NAME', 'PHASE_START', 'STARTED'] as const).flatMap((field) =>
  (['ASC', 'DESC'] as const).map((direction) => ({ field, direction })),
);

const PAGE = `totalCount edges { cursor node { id slug name phase phaseStart active incubator { id } } }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

const STARTUP_FIELDS = `id slug name pitch description coIncubatorIds phase phaseStart active thematics userTypes technologies
  website repository accessibility fastFunding { round amountEuros } statsUrl budgetUrl impactUrl
  sponsors { id name acronym kind ministry } phases { phase start end } events { kind date comment }`;

/** The most common thematics of the data, so that thematic filters select something. */
function topThematics(data: SeedData, n: number): string[] {
  const counts = new Map<string, number>();
  for (const s of data.startups) for (const t of s.thematiques ?? []) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([t]) => t);
}

export function readCorpus(data: SeedData, partners: readonly string[]): CorpusQuery[] {
  const out: CorpusQuery[] = [];
  const add = (name: string, query: string, variables?: Record<string, unknown>) =>
    out.push({ name, query, ...(variables ? { variables } : {}) });

  const filters = [
    ...PHASES.map((p) => `{ phase: ${p} }`),
    '{ phaseIn: [ACCELERATION, CONSOLIDATION, OPERATED] }',
    '{ phaseIn: [] }',
    '{ active: true }',
    '{ active: false }',
    ...topThematics(data, 4).map((t) => `{ thematic: ${JSON.stringify(t.toUpperCase())} }`),
    '{ search: "rénovation" }',
    '{ search: "RENOVATION" }',
    '{ search: "emploi jeunes" }',
    '{ search: "api" }',
    '{ search: "données" }',
    '{ search: "zzzz-nothing" }',
    ...partners.map((p) => `{ incubator: ${JSON.stringify(p)} }`),
    '{ incubator: "calvados" }',
    '{ active: true, search: "donnees" }',
    '{ phase: CONSTRUCTION, thematic: "Santé" }',
    '{ startedIn: 2021 }',
    '{ startedIn: 2019, active: false }',
    '{ startedIn: 1999 }',
  ];
  for (const filter of filters) add(`filter ${filter}`, `{ startups(filter: ${filter}, first: 20) { ${PAGE} } }`);
  for (const { field, direction } of ORDERS) {
    add(`order ${field} ${direction}`, `{ startups(first: 20, orderBy: { field: ${field}, direction: ${direction} }) { ${PAGE} } }`);
    add(
      `order ${field} ${direction}, active`,
      `{ startups(first: 9, filter: { active: true }, orderBy: { field: ${field}, direction: ${direction} }) { ${PAGE} } }`,
    );
  }
  for (const first of [0, 1, 7, 100]) add(`first ${first}`, `{ startups(first: ${first}) { ${PAGE} } }`);
  add('default page size', `{ startups { ${PAGE} } }`);
  add('totalCount only', '{ startups { totalCount } }');
  add('first 0, hasNextPage only', '{ startups(first: 0) { pageInfo { hasNextPage endCursor } } }');
  add(
    'variables',
    'query($f: StartupFilter, $n: Int, $o: StartupOrder) { startups(filter: $f, first: $n, orderBy: $o) { totalCount edges { node { id } } } }',
    {
      f: { active: false },
      n: 15,
      o: { field: 'PHASE_START', direction: 'DESC' },
    },
  );
  add(
    'aliases',
    `{ a: startups(first: 3) { n: totalCount e: edges { c: cursor n: node { i: id } } p: pageInfo { h: hasNextPage e: endCursor } }
       b: startups(first: 2, orderBy: { field: STARTED }) { totalCount edges { node { id } } } }`,
  );
  add(
    'fragments',
    `query { startups(first: 5) { ...Page } }
     fragment Page on StartupConnection { totalCount edges { node { ...Card } } pageInfo { ... on PageInfo { hasNextPage } } }
     fragment Card on Startup { id name incubator { id } }`,
  );
  for (const withEdges of [true, false]) {
    add(
      `@include ${withEdges}`,
      'query($e: Boolean!) { startups(first: 5) { totalCount edges @include(if: $e) { node { id } } pageInfo @skip(if: $e) { hasNextPage } } }',
      {
        e: withEdges,
      },
    );
  }
  add(
    'variable defaults',
    'query($n: Int = 3, $o: StartupOrder = { field: STARTED, direction: DESC }) { startups(first: $n, orderBy: $o) { totalCount edges { cursor node { id } } pageInfo { endCursor } } }',
  );
  add(
    'variable default for an id',
    `query($id: ID! = ${JSON.stringify(`${partners[0]}/${data.startups.find((s) => s.incubator === partners[0])?.id ?? 'x'}`)}) { startup(id: $id) { id name } }`,
  );
  add(
    '@skip spares a refused argument',
    'query($s: Boolean = true) { startups(first: 500) @skip(if: $s) { totalCount } all: startups(first: 1) { totalCount } }',
  );
  add(
    'incubator scope and a filter naming another',
    `{ incubator(id: ${JSON.stringify(partners[0])}) { startups(filter: { incubator: "calvados" }) { totalCount } } }`,
  );
  add(
    '__typename everywhere',
    '{ __typename startups(first: 2) { __typename edges { __typename node { __typename id } } pageInfo { __typename hasNextPage } } }',
  );

  add(
    'incubators, nested',
    `{ incubators { id name shortDescription description website sourceCode address city
      owner { id name acronym kind ministry }
      startups(first: 5, filter: { active: true }, orderBy: { field: PHASE_START, direction: DESC }) { ${PAGE} } } }`,
  );
  add(
    'incubators, tallied (contract 1.3)',
    `{ incubators { id startupTally { entryYear phase reachedConstruction startups committeeReviews daysToAcceleration }
      thematics { name startups } startups(first: 0) { totalCount } } }`,
  );
  add(
    'startups, nested',
    `{ startups(first: 10, orderBy: { field: STARTED, direction: DESC }) { edges { node { ${STARTUP_FIELDS}
      incubator { id name owner { name kind } startups(first: 2) { totalCount edges { node { id } } } } } } } }`,
  );
  for (const partner of partners) {
    add(
      `incubator ${partner}`,
      `{ incubator(id: ${JSON.stringify(partner)}) { id name startups(first: 4, orderBy: { field: NAME, direction: DESC }) { ${PAGE} } } }`,
    );
  }
  add('incubator unknown', '{ incubator(id: "calvados") { id } }');
  const owners = [
    ...new Set(
      data.incubators
        .filter((i) => partners.includes(i.id))
        .map((i) => i.owner_id)
        .filter(Boolean),
    ),
  ].slice(0, 3);
  for (const id of [...owners, 'dinum', 'no-such-organisation']) {
    add(`organisation ${id}`, `{ organisation(id: ${JSON.stringify(id)}) { id name acronym kind ministry } }`);
  }
  const ids = data.startups
    .filter((s) => partners.includes(s.incubator))
    .slice(0, 5)
    .map((s) => `${s.incubator}/${s.id}`);
  for (const id of [...ids, `${partners[0]}/does-not-exist`, 'no-such-incubator/x', 'malformed']) {
    add(`startup ${id}`, `{ startup(id: ${JSON.stringify(id)}) { ${STARTUP_FIELDS} incubator { id } } }`);
  }

  add('refused: first 101', '{ startups(first: 101) { totalCount } }');
  add('refused: first -1', '{ startups(first: -1) { totalCount } }');
  add('refused: bogus cursor', '{ startups(after: "bogus") { totalCount } }');
  const nameCursor = Buffer.from(JSON.stringify(['NAME', 'ASC', 'm', 'm'])).toString('base64url');
  add('refused: cursor of another order', `{ startups(after: "${nameCursor}", orderBy: { field: STARTED }) { totalCount } }`);
  add('cursor from a hand-made position', `{ startups(after: "${nameCursor}", first: 5) { ${PAGE} } }`);
  return out;
}
