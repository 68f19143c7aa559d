/**
 * Asking each partner for only its likely share of a page.
 *
 * With N partners and `first: 20`, asking each for 20 rows moves N × 20 rows to keep 20.
 * Instead each partner is first asked for a quota — about twice its fair share — and the
 * merge then checks the answer is provably complete: a partner that has more rows and whose
 * last row sent made it into the page may hide further rows that belong in it. Only those
 * partners are asked again, after their last row, for the rest they could contribute; since
 * they then have sent as many rows as the page holds, one follow-up always settles it.
 */
import { compareCursorPositions, type CursorPosition } from '@gouvgraph/schema';
import { positionOf } from './cursor-positions.js';
import { Kind, type ArgumentNode, type FieldNode, type GraphQLFormattedError, type ValueNode } from 'graphql';
import type { PartnerResponse } from '../partners.js';
import { responseKey } from './document.js';
import { BOOKKEEPING } from './merge.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Rows asked of each of `partners` partners for a page of `first`. */
export function quota(first: number, partners: number): number {
  if (partners <= 1 || first <= 0) return first;
  return Math.min(first, Math.ceil((2 * first) / partners) + 2);
}

const intValue = (n: number): ValueNode => ({ kind: Kind.INT, value: String(n) });
const stringValue = (s: string): ValueNode => ({ kind: Kind.STRING, value: s });

/** The field with `first` (and `after`, when given) set to these literals. */
export function withPageArguments(node: FieldNode, first: number, after?: string): FieldNode {
  const replaced: Record<string, ValueNode> = { first: intValue(first), ...(after === undefined ? {} : { after: stringValue(after) }) };
  const args: ArgumentNode[] = (node.arguments ?? []).filter((a) => !(a.name.value in replaced));
  for (const [name, value] of Object.entries(replaced)) {
    args.push({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: name }, value });
  }
  return { ...node, arguments: args };
}

/** The rows a partner sent for a connection, in order: their cursors. */
function sentCursors(response: PartnerResponse | undefined, key: string): string[] {
  const connection = isObj(response?.data) ? response.data[key] : undefined;
  const edges = isObj(connection) ? connection[BOOKKEEPING.edges] : undefined;
  return Array.isArray(edges)
    ? edges.map((e) => (isObj(e) && typeof e[BOOKKEEPING.cursor] === 'string' ? (e[BOOKKEEPING.cursor] as string) : ''))
    : [];
}

function hasMore(response: PartnerResponse | undefined, key: string): boolean {
  const connection = isObj(response?.data) ? response.data[key] : undefined;
  const pageInfo = isObj(connection) ? connection[BOOKKEEPING.pageInfo] : undefined;
  return isObj(pageInfo) && pageInfo[BOOKKEEPING.hasNextPage] === true;
}

/** A follow-up a partner owes: its rows after `after`, `first` of them. */
export interface FollowUp {
  after: string;
  first: number;
}

/**
 * The partners whose share of the page is not settled yet, given what each sent so far:
 * those with more rows whose last row sent is within the first `first` rows of the merge.
 */
export function followUps(key: string, answers: ReadonlyMap<string, PartnerResponse>, first: number): Map<string, FollowUp> {
  const rows: { partnerId: string; position: CursorPosition; last: boolean }[] = [];
  const sent = new Map<string, string[]>();
  for (const [partnerId, response] of answers) {
    const cursors = sentCursors(response, key);
    sent.set(partnerId, cursors);
    for (let i = 0; i < cursors.length; i++) {
      const position = positionOf(cursors[i] as string);
      if (position) rows.push({ partnerId, position, last: i === cursors.length - 1 });
    }
  }
  rows.sort((a, b) => compareCursorPositions(a.position, b.position));
  const inPage = rows.slice(0, first);
  const keptBy = new Map<string, number>();
  // The partners whose last row sent made the page: what they did not send may belong in it too.
  const lastInPage = new Set<string>();
  for (const row of inPage) {
    keptBy.set(row.partnerId, (keptBy.get(row.partnerId) ?? 0) + 1);
    if (row.last) lastInPage.add(row.partnerId);
  }
  const owed = new Map<string, FollowUp>();
  for (const [partnerId, response] of answers) {
    if (!hasMore(response, key)) continue;
    const cursors = sent.get(partnerId) ?? [];
    const lastKept = lastInPage.has(partnerId) || cursors.length === 0;
    if (!lastKept && inPage.length >= first) continue;
    const last = cursors[cursors.length - 1];
    const rest = first - (keptBy.get(partnerId) ?? 0);
    // Nothing sent, or already a whole page's worth: nothing more of it can enter the page.
    if (last === undefined || rest <= 0) continue;
    owed.set(partnerId, { after: last, first: rest });
  }
  return owed;
}

/**
 * Appends a follow-up page to what a partner sent for connection `key`: rows under every
 * edges alias and the bookkeeping, its hasNextPage, and its errors with paths shifted to
 * the appended rows. A failed follow-up makes the partner's whole connection missing: a
 * page with a hole in it would be wrong, not partial.
 */
export function appendPage(base: PartnerResponse, extra: PartnerResponse, key: string, edgesKeys: ReadonlySet<string>): PartnerResponse {
  const connection = isObj(base.data) ? base.data[key] : undefined;
  const more = isObj(extra.data) ? extra.data[key] : undefined;
  if (!isObj(connection)) return base;
  // Errors about this connection only; the caller adds the follow-up's partner-level ones once.
  const own = (extra.errors ?? []).filter((e) => e.path?.[0] === key);
  if (!isObj(more)) {
    const errors: GraphQLFormattedError[] = [...(base.errors ?? []), ...own];
    return { ok: base.ok, data: { ...(base.data as Obj), [key]: null }, errors };
  }
  const shifts = new Map<string, number>();
  const merged: Obj = { ...connection };
  for (const alias of [...edgesKeys, BOOKKEEPING.edges]) {
    const had = Array.isArray(connection[alias]) ? (connection[alias] as unknown[]) : [];
    const added = Array.isArray(more[alias]) ? (more[alias] as unknown[]) : [];
    shifts.set(alias, had.length);
    merged[alias] = [...had, ...added];
  }
  merged[BOOKKEEPING.pageInfo] = more[BOOKKEEPING.pageInfo];
  const shifted = own.map((error) => {
    const [root, alias, index, ...rest] = error.path ?? [];
    if (root !== key || typeof alias !== 'string' || typeof index !== 'number' || !shifts.has(alias)) return error;
    return { ...error, path: [root, alias, index + (shifts.get(alias) ?? 0), ...rest] };
  });
  return { ...base, data: { ...(base.data as Obj), [key]: merged }, errors: [...(base.errors ?? []), ...shifted] };
}

/** The response keys under which a connection field selects `edges` (for appending rows). */
export function edgesKeysOf(fields: readonly FieldNode[]): Set<string> {
  return new Set(fields.filter((f) => f.name.value === 'edges').map(responseKey));
}
