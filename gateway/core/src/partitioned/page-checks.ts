/**
 * The invariants a page of startups must hold before the gateway merges it with other partners'
 * pages. The merge trusts them: it k-way merges pages by their cursors, cuts at `first`, sums
 * counts and hands out the last cursor as the client's next `after`. A partner whose page is not
 * in the order asked, not after `after`, longer than asked, or whose cursors are not its rows'
 * would make the union wrong and walks endless; so each rule is checked here, on the rows already
 * parsed, and a page that breaks one is refused whole (the partner's part is then missing).
 *
 * The rows are read from whichever edges selection carries cursors: the bookkeeping the data
 * source adds (`__gg_edges`, with each node's id and sort key) or the client's own.
 */
import {
  compareCursorPositions,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  foldText,
  type CursorPosition,
  type OrderDirection,
  type StartupOrderField,
  type ViolationFound,
} from '@gouvgraph/schema';
import type { FieldNode, FragmentDefinitionNode } from 'graphql';
import { isRecord } from '../upstream/answer.js';
import { argumentValue, flattenFields, responseKey, type Variables } from './document.js';
import { positionOf } from './cursor-positions.js';
import { BOOKKEEPING } from './merge.js';

interface PageContext {
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Variables;
}

/** One row of a page, as much of it as the selection shows. */
interface Row {
  cursor: unknown;
  id: unknown;
  name: unknown;
  phaseStart: unknown;
}

/** The order, page size and position a connection field asks for, defaults applied. */
function askedOf(node: FieldNode, ctx: PageContext) {
  const orderBy = argumentValue(node, 'orderBy', ctx.variables);
  const order = isRecord(orderBy) ? orderBy : {};
  const first = argumentValue(node, 'first', ctx.variables);
  const after = argumentValue(node, 'after', ctx.variables);
  return {
    field: (typeof order.field === 'string' ? order.field : 'NAME') as StartupOrderField,
    direction: (typeof order.direction === 'string' ? order.direction : 'ASC') as OrderDirection,
    first: typeof first === 'number' ? first : DEFAULT_PAGE_SIZE,
    after: typeof after === 'string' ? decodeCursor(after) : null,
  };
}

const keyOf = (fields: readonly FieldNode[], name: string) => {
  const field = fields.find((f) => f.name.value === name);
  return field ? responseKey(field) : undefined;
};

/** Where a page's rows are read: the edges selection with cursors, and the keys of a row's fields. */
interface RowKeys {
  edges: string;
  cursor: string;
  node: string | undefined;
  id: string | undefined;
  name: string | undefined;
  phaseStart: string | undefined;
}

/** Where the rows are read: the first edges selection that has cursors; null when none has. */
function rowKeysOf(fields: readonly FieldNode[], ctx: PageContext): RowKeys | null {
  // The bookkeeping first: it has each row's id and sort key, the client's selection may not.
  const bookkept = fields.find((f) => responseKey(f) === BOOKKEEPING.edges);
  for (const edges of bookkept ? [bookkept] : fields) {
    if (edges.name.value !== 'edges') continue;
    const edgeFields = flattenFields(edges.selectionSet, ctx.fragments, ctx.variables);
    const cursor = keyOf(edgeFields, 'cursor');
    if (cursor === undefined) continue;
    const nodeField = edgeFields.find((f) => f.name.value === 'node');
    const nodeFields = nodeField ? flattenFields(nodeField.selectionSet, ctx.fragments, ctx.variables) : [];
    return {
      edges: responseKey(edges),
      cursor,
      node: nodeField ? responseKey(nodeField) : undefined,
      id: keyOf(nodeFields, 'id'),
      name: keyOf(nodeFields, 'name'),
      phaseStart: keyOf(nodeFields, 'phaseStart'),
    };
  }
  return null;
}

/** The page's rows, read where `keys` says. */
function rowsOf(connection: Record<string, unknown>, keys: RowKeys): Row[] {
  const list = connection[keys.edges];
  if (!Array.isArray(list)) return [];
  return list.map((edge): Row => {
    const record = isRecord(edge) ? edge : {};
    const node = keys.node !== undefined && isRecord(record[keys.node]) ? (record[keys.node] as Record<string, unknown>) : {};
    return {
      cursor: record[keys.cursor],
      id: keys.id === undefined ? undefined : node[keys.id],
      name: keys.name === undefined ? undefined : node[keys.name],
      phaseStart: keys.phaseStart === undefined ? undefined : node[keys.phaseStart],
    };
  });
}

/** A `pageInfo` selection: its key, and the keys of `hasNextPage` and `endCursor` in it. */
interface PageInfoKeys {
  key: string;
  hasNextPage: string[];
  endCursor: string[];
}

function pageInfoKeysOf(fields: readonly FieldNode[], ctx: PageContext): PageInfoKeys[] {
  return fields
    .filter((field) => field.name.value === 'pageInfo')
    .map((field) => {
      const inner = flattenFields(field.selectionSet, ctx.fragments, ctx.variables);
      const keys = (name: string) => inner.filter((f) => f.name.value === name).map(responseKey);
      return { key: responseKey(field), hasNextPage: keys('hasNextPage'), endCursor: keys('endCursor') };
    });
}

/** What `pageInfo` says, where it was selected. */
function pageInfoOf(connection: Record<string, unknown>, selections: readonly PageInfoKeys[]) {
  let hasNextPage: boolean | undefined;
  let endCursor: unknown;
  let endCursorSelected = false;
  for (const selection of selections) {
    const info = connection[selection.key];
    if (!isRecord(info)) continue;
    for (const key of selection.hasNextPage) if (typeof info[key] === 'boolean') hasNextPage = info[key];
    for (const key of selection.endCursor) {
      endCursorSelected = true;
      endCursor = info[key];
    }
  }
  return { hasNextPage, endCursor, endCursorSelected };
}

/** What checking a page of a connection field takes, read off the field once (pagePlanOf). */
interface PagePlan {
  asked: ReturnType<typeof askedOf>;
  rows: RowKeys | null;
  pageInfo: PageInfoKeys[];
  totalCount: string | undefined;
  edges: string[];
}

/**
 * Every partner's page of a request is checked against the same field with the same variables:
 * its plan is worked out once per field and variables, not once per partner.
 */
const pagePlans = new WeakMap<FieldNode, { ctx: PageContext; plan: PagePlan }>();

function pagePlanOf(node: FieldNode, ctx: PageContext): PagePlan {
  const kept = pagePlans.get(node);
  if (kept && kept.ctx.variables === ctx.variables && kept.ctx.fragments === ctx.fragments) return kept.plan;
  const fields = flattenFields(node.selectionSet, ctx.fragments, ctx.variables);
  const plan: PagePlan = {
    asked: askedOf(node, ctx),
    rows: rowKeysOf(fields, ctx),
    pageInfo: pageInfoKeysOf(fields, ctx),
    totalCount: keyOf(fields, 'totalCount'),
    edges: fields.filter((f) => f.name.value === 'edges').map(responseKey),
  };
  pagePlans.set(node, { ctx: { variables: ctx.variables, fragments: ctx.fragments }, plan });
  return plan;
}

/** Names folded once (the same rows are asked again and again; folding normalises Unicode). */
const folded = new Map<string, string>();
function foldedName(name: string): string {
  let key = folded.get(name);
  if (key === undefined) {
    key = foldText(name);
    if (folded.size >= 20_000) folded.clear();
    folded.set(name, key);
  }
  return key;
}

/** The sort key a row's cursor must hold, when the row shows it. */
function expectedKey(row: Row, field: StartupOrderField): string | undefined {
  if (field === 'NAME' && typeof row.name === 'string') return foldedName(row.name);
  if (field === 'PHASE_START' && typeof row.phaseStart === 'string') return row.phaseStart;
  return undefined;
}

const found = (rule: ViolationFound['rule'], detail: string): ViolationFound => ({ rule, detail });

/**
 * The first rule a partner's page of `node` breaks, or null when it holds them all (its detail
 * says what, the caller where): at most
 * `first` rows (PAGE_SIZE); cursors that decode and sit on their rows (CURSOR); in the order asked
 * (ORDER); strictly after `after` (AFTER_CURSOR); counts that agree with the rows (COUNT).
 */
export function pageViolation(connection: Record<string, unknown>, node: FieldNode, ctx: PageContext): ViolationFound | null {
  const plan = pagePlanOf(node, ctx);
  const { asked } = plan;
  const rows = plan.rows && rowsOf(connection, plan.rows);
  const { hasNextPage, endCursor, endCursorSelected } = pageInfoOf(connection, plan.pageInfo);
  const totalCount = plan.totalCount === undefined ? undefined : connection[plan.totalCount];

  // Every edges selection is the same rows: the merge reads rows of one by the positions of another.
  const lengths = new Set(plan.edges.map((key) => (connection[key] as unknown[] | null)?.length));
  if (lengths.size > 1) return { rule: 'SHAPE', detail: 'its edges selections have different numbers of rows' };
  if (rows !== null) {
    if (rows.length > asked.first) return found('PAGE_SIZE', `has ${rows.length} rows for first: ${asked.first}`);
    let previous: CursorPosition | null = asked.after;
    for (const [i, row] of rows.entries()) {
      const at = `row ${i + 1}`;
      const position = typeof row.cursor === 'string' ? positionOf(row.cursor) : null;
      if (!position) return found('CURSOR', `${at}: its cursor is not one of the contract`);
      if (typeof row.id === 'string' && position.id !== row.id)
        return found('CURSOR', `${at}: its cursor names ${position.id}, not ${row.id}`);
      if (position.field !== asked.field || position.direction !== asked.direction) {
        return found('ORDER', `${at}: its cursor is for ${position.field} ${position.direction}, not ${asked.field} ${asked.direction}`);
      }
      const key = expectedKey(row, asked.field);
      if (key !== undefined && key !== position.key)
        return found('CURSOR', `${at}: its cursor holds the key ${JSON.stringify(position.key)}, its row ${JSON.stringify(key)}`);
      if (previous && compareCursorPositions(previous, position) >= 0) {
        return previous === asked.after
          ? found('AFTER_CURSOR', `${at} (${position.id}) is not after the cursor asked (${asked.after.id})`)
          : found('ORDER', `${at} (${position.id}) comes before the row above it in ${asked.field} ${asked.direction}`);
      }
      previous = position;
    }
    if (endCursorSelected && rows.length > 0 && endCursor !== rows[rows.length - 1]?.cursor) {
      return found('CURSOR', "pageInfo.endCursor is not the last row's cursor");
    }
    if (typeof totalCount === 'number') {
      if (rows.length > totalCount) return found('COUNT', `has ${rows.length} rows but totalCount ${totalCount}`);
      if (asked.after === null && hasNextPage === false && rows.length !== totalCount) {
        return found('COUNT', `is the first and last page with ${rows.length} rows, but totalCount ${totalCount}`);
      }
    }
    if (hasNextPage === true && rows.length < asked.first) {
      return found('COUNT', `has ${rows.length} rows of the ${asked.first} asked, yet says more follow`);
    }
  }
  if (typeof totalCount === 'number' && totalCount < 0) return found('COUNT', 'totalCount is negative');
  return null;
}
