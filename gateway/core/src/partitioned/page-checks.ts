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

/** The page's rows, from the first edges selection that has cursors; null when none has. */
function rowsOf(connection: Record<string, unknown>, fields: readonly FieldNode[], ctx: PageContext): Row[] | null {
  // The bookkeeping first: it has each row's id and sort key, the client's selection may not.
  const bookkept = fields.find((f) => responseKey(f) === BOOKKEEPING.edges);
  for (const edges of bookkept ? [bookkept] : fields) {
    if (edges.name.value !== 'edges') continue;
    const edgeFields = flattenFields(edges.selectionSet, ctx.fragments, ctx.variables);
    const cursorKey = keyOf(edgeFields, 'cursor');
    if (cursorKey === undefined) continue;
    const nodeField = edgeFields.find((f) => f.name.value === 'node');
    const nodeFields = nodeField ? flattenFields(nodeField.selectionSet, ctx.fragments, ctx.variables) : [];
    const nodeKey = nodeField ? responseKey(nodeField) : undefined;
    const idKey = keyOf(nodeFields, 'id');
    const nameKey = keyOf(nodeFields, 'name');
    const phaseStartKey = keyOf(nodeFields, 'phaseStart');
    const list = connection[responseKey(edges)];
    if (!Array.isArray(list)) return [];
    return list.map((edge): Row => {
      const record = isRecord(edge) ? edge : {};
      const node = nodeKey !== undefined && isRecord(record[nodeKey]) ? (record[nodeKey] as Record<string, unknown>) : {};
      return {
        cursor: record[cursorKey],
        id: idKey === undefined ? undefined : node[idKey],
        name: nameKey === undefined ? undefined : node[nameKey],
        phaseStart: phaseStartKey === undefined ? undefined : node[phaseStartKey],
      };
    });
  }
  return null;
}

/** What `pageInfo` says, where it was selected. */
function pageInfoOf(connection: Record<string, unknown>, fields: readonly FieldNode[], ctx: PageContext) {
  let hasNextPage: boolean | undefined;
  let endCursor: unknown;
  let endCursorSelected = false;
  for (const field of fields) {
    if (field.name.value !== 'pageInfo') continue;
    const info = connection[responseKey(field)];
    if (!isRecord(info)) continue;
    for (const f of flattenFields(field.selectionSet, ctx.fragments, ctx.variables)) {
      if (f.name.value === 'hasNextPage' && typeof info[responseKey(f)] === 'boolean') hasNextPage = info[responseKey(f)] as boolean;
      if (f.name.value === 'endCursor') {
        endCursorSelected = true;
        endCursor = info[responseKey(f)];
      }
    }
  }
  return { hasNextPage, endCursor, endCursorSelected };
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
  const asked = askedOf(node, ctx);
  const fields = flattenFields(node.selectionSet, ctx.fragments, ctx.variables);
  const rows = rowsOf(connection, fields, ctx);
  const { hasNextPage, endCursor, endCursorSelected } = pageInfoOf(connection, fields, ctx);
  const totalKey = keyOf(fields, 'totalCount');
  const totalCount = totalKey === undefined ? undefined : connection[totalKey];

  // Every edges selection is the same rows: the merge reads rows of one by the positions of another.
  const lengths = new Set(
    fields.filter((f) => f.name.value === 'edges').map((f) => (connection[responseKey(f)] as unknown[] | null)?.length),
  );
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
