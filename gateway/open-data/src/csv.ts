/**
 * CSV as data.gouv.fr publishes it: UTF-8, comma-separated, a header row, RFC 4180 quoting
 * (a field holding a comma, a quote or a line break is quoted, its quotes doubled), CRLF line
 * ends. An empty field is a missing value; `true`/`false` for booleans.
 */
export type Cell = string | number | boolean | null;

function field(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, line end included. */
export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(field).join(',')}\r\n`;
}
