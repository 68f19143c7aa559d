/**
 * Merging the partners' answers for one root field into the answer one database would give.
 *
 * - lists are concatenated in partner order;
 * - a nullable object (`incubator(id:)`) is the one non-null answer;
 * - a connection is k-way merged on its cursors (positions in one global order, see
 *   @gouvgraph/schema cursor.ts), cut to `first`, with counts summed and pageInfo recomputed.
 *
 * Error paths that point into merged lists are re-indexed to the merged position; errors of
 * rows the cut removed are dropped.
 */
import { compareCursorPositions, type CursorPosition } from '@gouvgraph/schema';
import { positionOf } from './cursor-positions.js';
import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';
import type { PartnerResponse } from '../partners.js';
import { argumentValue, flattenFields, responseKey, type Variables } from './document.js';
import { partnerError } from './errors.js';

const field = (name: string, alias: string, selections?: FieldNode[]): FieldNode => ({
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: alias },
  name: { kind: Kind.NAME, value: name },
  ...(selections ? { selectionSet: { kind: Kind.SELECTION_SET, selections } } : {}),
});

/** The prefix of every response key the gateway adds to partner queries. */
const RESERVED_PREFIX = '__gg_';

/** Reserved response keys the gateway adds to partner queries; they never reach clients. */
export const BOOKKEEPING = {
  edges: '__gg_edges',
  cursor: '__gg_cursor',
  node: '__gg_node',
  id: '__gg_id',
  name: '__gg_name',
  phaseStart: '__gg_phaseStart',
  pageInfo: '__gg_pageInfo',
  hasNextPage: '__gg_hasNextPage',
} as const;

/** The field of a row its cursor's key is made of, in each order, when one field holds it (page-checks.ts compares them). */
const SORT_KEY_FIELD: Readonly<Record<string, FieldNode>> = {
  NAME: field('name', BOOKKEEPING.name),
  PHASE_START: field('phaseStart', BOOKKEEPING.phaseStart),
};

export type RootFieldShape = 'list' | 'connection' | 'object' | 'typename';

export interface PartnerAnswer {
  partnerId: string;
  response: PartnerResponse;
}

export interface Merged {
  value: unknown;
  errors: GraphQLFormattedError[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The connection field with what the merge and the page checks need added under reserved
 * aliases: each edge's cursor, its node's id and sort key when rows come back (to merge them, and
 * to check each cursor sits on its row), partners' hasNextPage when the client reads pageInfo. A
 * client asking only `totalCount` makes no partner fetch a row.
 */
export function withConnectionBookkeeping(
  node: FieldNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Variables,
  first: number,
  /** Partners send less than a page: whether each has more must be known to settle the page. */
  partialPages = false,
): FieldNode {
  const selected = new Set(flattenFields(node.selectionSet, fragments, variables).map((f) => f.name.value));
  const wantsPageInfo = selected.has('pageInfo') || partialPages;
  const extra: FieldNode[] = [];
  if (first > 0 && (selected.has('edges') || wantsPageInfo)) {
    const orderBy = argumentValue(node, 'orderBy', variables);
    const sortKey = SORT_KEY_FIELD[isObj(orderBy) && typeof orderBy.field === 'string' ? orderBy.field : 'NAME'];
    const row = [field('id', BOOKKEEPING.id), ...(sortKey ? [sortKey] : [])];
    extra.push(field('edges', BOOKKEEPING.edges, [field('cursor', BOOKKEEPING.cursor), field('node', BOOKKEEPING.node, row)]));
  }
  if (wantsPageInfo) extra.push(field('pageInfo', BOOKKEEPING.pageInfo, [field('hasNextPage', BOOKKEEPING.hasNextPage)]));
  if (extra.length === 0) return node;
  const selectionSet: SelectionSetNode = {
    kind: Kind.SELECTION_SET,
    selections: [...(node.selectionSet?.selections ?? []), ...extra],
  };
  return { ...node, selectionSet };
}

/**
 * One error per distinct (message, path, code): when every partner refuses the same argument,
 * the client reads it once, as a single database would have said it.
 */
export function dedupeErrors(errors: GraphQLFormattedError[]): GraphQLFormattedError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const code = String(error.extensions?.code ?? '');
    // A failure of the partner itself names it: two failed partners are two errors.
    const partner = code.startsWith('PARTNER_') || code === 'INTERNAL_SERVER_ERROR' ? error.extensions?.partner : undefined;
    const key = JSON.stringify([error.message, error.path, code, partner]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Errors of one partner that belong to the root field `key`, re-pathed by `repath` (null drops). */
function errorsFor(
  answer: PartnerAnswer,
  key: string,
  repath: (rest: (string | number)[]) => (string | number)[] | null,
): GraphQLFormattedError[] {
  const out: GraphQLFormattedError[] = [];
  for (const error of answer.response.errors ?? []) {
    const path = error.path;
    // A partner-level failure (no path) is reported once per partner by the caller, not per field.
    if (!path || path.length === 0) continue;
    if (path[0] !== key) continue;
    const rest = repath(path.slice(1) as (string | number)[]);
    if (rest) out.push(partnerError(error, answer.partnerId, [key, ...rest]));
  }
  return out;
}

function valueOf(answer: PartnerAnswer, key: string): unknown {
  const data = answer.response.data;
  return isObj(data) ? data[key] : undefined;
}

export function mergeList(node: FieldNode, answers: PartnerAnswer[]): Merged {
  const key = responseKey(node);
  const value: unknown[] = [];
  const errors: GraphQLFormattedError[] = [];
  let anyList = answers.length === 0;
  for (const answer of answers) {
    const list = valueOf(answer, key);
    const offset = value.length;
    if (Array.isArray(list)) {
      anyList = true;
      value.push(...list);
    }
    errors.push(
      ...errorsFor(answer, key, ([index, ...rest]) =>
        typeof index === 'number' ? [offset + index, ...rest] : index === undefined ? [] : [index, ...rest],
      ),
    );
  }
  return { value: anyList ? value : null, errors };
}

/**
 * Several partners' answers for one object, as one: lists concatenated in partner order (an
 * organisation's incubators are spread over the partners that hold them), nested objects merged
 * the same way, other values from the first partner that has one. With one answer (a lookup
 * routed to its owner) this is that answer.
 */
export function deepMerge(values: readonly unknown[]): unknown {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length <= 1) return present[0] ?? null;
  if (present.every(Array.isArray)) return (present as unknown[][]).flat();
  if (!present.every(isObj)) return present[0];
  const merged: Obj = {};
  for (const value of present as Obj[]) {
    for (const key in value) {
      // Reserved keys were for the answer checks; nobody selected them (and merging them is waste).
      if (key in merged || key.startsWith(RESERVED_PREFIX)) continue;
      merged[key] = deepMerge(present.map((v) => (v as Obj)[key]));
    }
  }
  return merged;
}

/**
 * Shifts an error path of one partner's object answer to the merged object: an index into a
 * list the merge concatenated moves by the lengths the partners before contributed to it.
 */
function shiftListIndex(rest: (string | number)[], before: readonly unknown[]): (string | number)[] {
  const [field, index, ...tail] = rest;
  if (typeof field !== 'string' || typeof index !== 'number') return rest;
  const offset = before.reduce<number>((n, v) => n + (isObj(v) && Array.isArray(v[field]) ? (v[field] as unknown[]).length : 0), 0);
  return [field, index + offset, ...tail];
}

export function mergeObject(node: FieldNode, answers: PartnerAnswer[]): Merged {
  const key = responseKey(node);
  const values = answers.map((a) => valueOf(a, key));
  return {
    value: deepMerge(values),
    errors: answers.flatMap((a, i) => errorsFor(a, key, (rest) => shiftListIndex(rest, values.slice(0, i)))),
  };
}

interface Entry {
  answer: number;
  index: number;
  cursor: string;
  position: CursorPosition | null;
}

/** Entry order: by position; an unreadable cursor (a non-conforming partner) sorts last, in partner order. */
function before(a: Entry, b: Entry): boolean {
  if (a.position && b.position) {
    const c = compareCursorPositions(a.position, b.position);
    return c < 0 || (c === 0 && a.answer < b.answer);
  }
  if (a.position || b.position) return a.position !== null;
  return a.answer < b.answer || (a.answer === b.answer && a.index < b.index);
}

/** A binary min-heap of each partner's next row: popping `first` rows decodes about `first + partners` cursors, not all of them. */
class Heads {
  private readonly heap: Entry[] = [];
  push(entry: Entry): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i] as Entry, h[parent] as Entry)) break;
      [h[i], h[parent]] = [h[parent] as Entry, h[i] as Entry];
      i = parent;
    }
  }
  pop(): Entry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l] as Entry, h[m] as Entry)) m = l;
        if (r < h.length && before(h[r] as Entry, h[m] as Entry)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as Entry, h[i] as Entry];
        i = m;
      }
    }
    return top;
  }
  get size(): number {
    return this.heap.length;
  }
}

export function mergeConnection(
  node: FieldNode,
  answers: PartnerAnswer[],
  variables: Variables,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  defaultFirst: number,
): Merged {
  const key = responseKey(node);
  const connections = answers.map((a) => valueOf(a, key)).map((v) => (isObj(v) ? v : null));
  const errors: GraphQLFormattedError[] = [];

  // Each partner's page is already in the global order: merge them k-way, decoding lazily.
  const cursorsOf = connections.map((connection) => {
    const edges = connection?.[BOOKKEEPING.edges];
    return Array.isArray(edges)
      ? edges.map((edge) => (isObj(edge) && typeof edge[BOOKKEEPING.cursor] === 'string' ? (edge[BOOKKEEPING.cursor] as string) : ''))
      : [];
  });
  const entryAt = (answer: number, index: number): Entry | undefined => {
    const cursor = cursorsOf[answer]?.[index];
    return cursor === undefined ? undefined : { answer, index, cursor, position: positionOf(cursor) };
  };
  const heads = new Heads();
  cursorsOf.forEach((_, answer) => {
    const head = entryAt(answer, 0);
    if (head) heads.push(head);
  });
  const partnerHasMore = connections.some((connection) => {
    const pageInfo = connection?.[BOOKKEEPING.pageInfo];
    return isObj(pageInfo) && pageInfo[BOOKKEEPING.hasNextPage] === true;
  });
  const firstArg = argumentValue(node, 'first', variables);
  const first = Math.max(0, typeof firstArg === 'number' ? firstArg : defaultFirst);
  const kept: Entry[] = [];
  while (kept.length < first && heads.size > 0) {
    const next = heads.pop() as Entry;
    kept.push(next);
    const following = entryAt(next.answer, next.index + 1);
    if (following) heads.push(following);
  }
  const keptAt = new Map(kept.map((e, merged) => [`${e.answer}:${e.index}`, merged] as const));
  const hasNextPage = heads.size > 0 || partnerHasMore;

  const selections = flattenFields(node.selectionSet, fragments, variables);
  const edgesKeys = new Set(selections.filter((s) => s.name.value === 'edges').map(responseKey));
  answers.forEach((answer, a) =>
    errors.push(
      ...errorsFor(answer, key, ([first, index, ...rest]) => {
        if (first === undefined) return [];
        if (first === BOOKKEEPING.edges || first === BOOKKEEPING.pageInfo) return null;
        if (typeof first === 'string' && edgesKeys.has(first) && typeof index === 'number') {
          const merged = keptAt.get(`${a}:${index}`);
          return merged === undefined ? null : [first, merged, ...rest];
        }
        return [first, ...(index === undefined ? [] : [index]), ...rest];
      }),
    ),
  );

  const live = connections.filter((c): c is Obj => c !== null);
  // Partners that did not answer this field: the answer says so rather than pretending.
  const missing = answers.filter((_, i) => connections[i] === null).map((a) => a.partnerId);

  const merged: Obj = {};
  for (const selection of selections) {
    const k = responseKey(selection);
    switch (selection.name.value) {
      case '__typename':
        merged[k] = 'StartupConnection';
        break;
      case 'totalCount':
        merged[k] = live.reduce((sum, c) => sum + (typeof c[k] === 'number' ? (c[k] as number) : 0), 0);
        break;
      case 'missingPartners':
        merged[k] = missing;
        break;
      case 'edges':
        merged[k] = kept.map((e) => {
          const list = connections[e.answer]?.[k];
          return Array.isArray(list) ? list[e.index] : null;
        });
        break;
      case 'pageInfo':
        merged[k] = mergePageInfo(selection, fragments, variables, live, k, {
          hasNextPage,
          startCursor: kept[0]?.cursor ?? null,
          endCursor: kept[kept.length - 1]?.cursor ?? null,
        });
        break;
      default:
        merged[k] = live.find((c) => c[k] != null)?.[k] ?? null;
    }
  }
  return { value: merged, errors };
}

function mergePageInfo(
  node: FieldNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Variables,
  live: Obj[],
  key: string,
  computed: { hasNextPage: boolean; startCursor: string | null; endCursor: string | null },
): Obj {
  const out: Obj = {};
  for (const selection of flattenFields(node.selectionSet, fragments, variables)) {
    const k = responseKey(selection);
    switch (selection.name.value) {
      case '__typename':
        out[k] = 'PageInfo';
        break;
      case 'hasNextPage':
        out[k] = computed.hasNextPage;
        break;
      case 'startCursor':
        out[k] = computed.startCursor;
        break;
      case 'endCursor':
        out[k] = computed.endCursor;
        break;
      case 'hasPreviousPage':
        out[k] = live.some((c) => isObj(c[key]) && (c[key] as Obj)[k] === true);
        break;
      default:
        out[k] = null;
    }
  }
  return out;
}

/**
 * The errors a partner gave about the whole request (no path: unavailable, timed out,
 * refused), once per partner, placed at `path` — the first field it was asked for. One failed
 * partner is one error, however many fields or entities it would have answered.
 */
export function partnerLevelErrors(answer: PartnerAnswer, path: readonly (string | number)[]): GraphQLFormattedError[] {
  const prefix = `Partner ${answer.partnerId}`;
  return (answer.response.errors ?? [])
    .filter((error) => !error.path || error.path.length === 0)
    .map((error) =>
      partnerError(error.message.startsWith(prefix) ? error : { ...error, message: `${prefix}: ${error.message}` }, answer.partnerId, path),
    );
}
