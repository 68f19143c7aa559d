/** A DSFR table whose columns sort when their header is pressed (keyboard included). */
import { h, replace } from './dom.js';

export interface Column<Row> {
  label: string;
  value: (row: Row) => string | number;
  /** How the cell shows (a link, a formatted number); the value by default. */
  cell?: (row: Row) => Node | string;
  numeric?: boolean;
}

/** A table element whose rows can be replaced, keeping the sort the reader chose. */
export type SortableTable<Row> = HTMLElement & { setRows(rows: readonly Row[]): void };

export function sortableTable<Row>(options: {
  id: string;
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  sortBy?: number;
  descending?: boolean;
}): SortableTable<Row> {
  let rowsNow = options.rows;
  let sortBy = options.sortBy ?? 0;
  let descending = options.descending ?? false;
  const body = h('tbody');
  // Said aloud when the reader sorts (screen readers do not all announce a change of aria-sort).
  const announce = h('p', { class: 'fr-sr-only', role: 'status', 'aria-live': 'polite' });
  // The header is built once and only updated, so the button just pressed keeps the focus.
  const headers = options.columns.map((c, i) => {
    const state = h('span', { class: 'fr-sr-only' });
    const button = h(
      'button',
      {
        type: 'button',
        class: 'gg-sort',
        onclick: () => {
          descending = i === sortBy ? !descending : Boolean(c.numeric);
          sortBy = i;
          render();
          announce.textContent = `Tableau trié par ${c.label}, ordre ${descending ? 'décroissant' : 'croissant'}.`;
        },
      },
      c.label,
      state,
    );
    return { cell: h('th', { scope: 'col', class: c.numeric ? 'gg-numeric' : null }, button), state };
  });
  const render = () => {
    headers.forEach(({ cell, state }, i) => {
      cell.setAttribute('aria-sort', i === sortBy ? (descending ? 'descending' : 'ascending') : 'none');
      state.textContent = i === sortBy ? (descending ? ' (tri décroissant)' : ' (tri croissant)') : ' (trier)';
    });
    const column = options.columns[sortBy];
    const rows = [...rowsNow].sort((a, b) => {
      if (!column) return 0;
      const x = column.value(a);
      const y = column.value(b);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'fr');
      return descending ? -order : order;
    });
    replace(
      body,
      rows.map((row) =>
        h(
          'tr',
          {},
          options.columns.map((c) => h('td', { class: c.numeric ? 'gg-numeric' : null }, c.cell ? c.cell(row) : String(c.value(row)))),
        ),
      ),
    );
  };
  render();
  const head = h(
    'thead',
    {},
    h(
      'tr',
      {},
      headers.map(({ cell }) => cell),
    ),
  );
  const table = h(
    'div',
    { class: 'fr-table fr-table--no-caption-top', id: options.id },
    h(
      'div',
      { class: 'fr-table__wrapper' },
      h(
        'div',
        { class: 'fr-table__container' },
        h('div', { class: 'fr-table__content' }, h('table', {}, h('caption', {}, options.caption), head, body)),
      ),
    ),
    announce,
  );
  return Object.assign(table, {
    setRows(rows: readonly Row[]) {
      rowsNow = rows;
      render();
    },
  });
}
