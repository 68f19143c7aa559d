/**
 * The conformance check of `Incubator.startupTally` (contract 1.3): the gateway checks each
 * tally it passes on adds up, but only the histories say whether it is true. So the check reads
 * the tally, then the startups' histories, and tallies them itself (`tallyOf`, the definition
 * the kit uses too): any difference is a `TALLY` problem. Bounded like the other walks: past
 * `pages` pages of 100 histories it checks only the sums, and says what it could not verify.
 */
import type { StartupTally } from '../generated/types.js';
import type { ViolationFound } from '../violations.js';
import { factsOf, tallyOf, tallyProblem, type History } from '../tally.js';
import { type Ask, dataOf } from './client.js';

const TALLY = `query($id: ID!) { incubator(id: $id) {
  startupTally { entryYear phase reachedConstruction startups committeeReviews daysToAcceleration }
  startups(first: 0) { totalCount } } }`;
const HISTORIES = `query($after: String) { startups(first: 100, after: $after) {
  edges { node { phases { phase start } events { kind } } } pageInfo { hasNextPage endCursor } } }`;

const problem = (detail: string): ViolationFound => ({ rule: 'TALLY', detail });
const rowText = (r: StartupTally) =>
  `${r.entryYear} ${r.phase} ${r.reachedConstruction ? 'reached construction' : 'never reached construction'}: ${r.startups} startups, ${r.committeeReviews} reviews, [${r.daysToAcceleration.join(', ')}]`;

export async function tallyProblems(
  ask: Ask,
  partnerId: string,
  pages: number,
  unverified: (what: string) => void,
): Promise<ViolationFound[]> {
  const incubator = dataOf(await ask(TALLY, { id: partnerId }), 'the incubator’s startupTally').incubator;
  const rows = (incubator?.startupTally ?? null) as StartupTally[] | null;
  if (!rows) return [problem(`incubator(id: "${partnerId}") gave no startupTally`)];
  const inconsistent = tallyProblem(rows, incubator.startups?.totalCount);
  if (inconsistent) return [problem(inconsistent)];

  const histories: History[] = [];
  let after: string | null = null;
  for (let page = 0; ; page++) {
    if (page === pages) {
      unverified(`the tally against the histories (more than ${pages * 100} startups; only its sums were checked)`);
      return [];
    }
    const startups: Record<string, unknown> & {
      edges: { node: History }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    } = dataOf(await ask(HISTORIES, { after }), 'the startups’ histories').startups;
    histories.push(...startups.edges.map((e) => e.node));
    if (!startups.pageInfo.hasNextPage || !startups.pageInfo.endCursor) break;
    after = startups.pageInfo.endCursor;
  }
  const expected = tallyOf(histories.map(factsOf)).map(rowText);
  const answered = rows.map(rowText);
  const wrong = answered.filter((r) => !expected.includes(r)).map((r) => `it answered "${r}"`);
  const lacking = expected.filter((r) => !answered.includes(r)).map((r) => `its histories say "${r}"`);
  return [...wrong, ...lacking].slice(0, 10).map(problem);
}
