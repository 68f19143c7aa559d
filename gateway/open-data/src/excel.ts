/**
 * The same tables for people who open them in a spreadsheet: French Excel reads a CSV as its
 * locale says — `;` between fields, and Windows-1252 unless the file starts with a UTF-8 byte order
 * mark — so an RFC 4180 file opens as one column with garbled accents. The Excel-ready file has
 * the mark, `;`, the columns' French titles as its header, `oui`/`non` for booleans, and the
 * French label beside every code (`ACCELERATION` → `Accélération`).
 */
import type { Cell } from './csv.js';
import type { Field } from './tables.js';

/** The UTF-8 byte order mark that tells Excel the encoding. */
const BOM = '\uFEFF';

/** The French label of each code the tables hold (codes are unique across the graph's enums). */
const LABELS: Readonly<Record<string, string>> = {
  INVESTIGATION: 'Investigation',
  CONSTRUCTION: 'Construction',
  ACCELERATION: 'Accélération',
  CONSOLIDATION: 'Consolidation',
  TRANSFERRED: 'Transférée',
  OPERATED: 'Pérennisée',
  ABANDONED: 'Arrêtée',
  ABANDONED_IN_INVESTIGATION: 'Arrêtée en investigation',
  NON_COMPLIANT: 'Non conforme',
  PARTIALLY_COMPLIANT: 'Partiellement conforme',
  FULLY_COMPLIANT: 'Totalement conforme',
  COMMITTEE: 'Comité',
  PRODUCT_LAUNCH: 'Lancement du produit',
  NATIONAL_IMPACT: 'Impact national',
  FAST: 'Financement FAST',
  EIG: 'Entrepreneurs d’intérêt général',
  END: 'Fin',
  OTHER: 'Autre',
  OPEN: 'Ouvert à tous',
  ACCOUNT_REQUIRED: 'Sur compte',
  RESTRICTED: 'Restreint',
  PRODUCES: 'Produit',
  CONSUMES: 'Utilise',
  MEDIUM: 'Moyenne',
  HIGH: 'Haute',
};

/** The French label of a code, or the code itself when it has none. */
const frenchLabel = (code: string): string => LABELS[code] ?? code;

function field(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'boolean' ? (value ? 'oui' : 'non') : String(value);
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The Excel file's header: each field's title, and after each coded one, its label's column. */
export function excelHeader(fields: readonly Field[]): string {
  const titles = fields.flatMap((f) => (f.enum ? [f.title, `${f.title} (libellé)`] : [f.title]));
  return `${BOM}${excelLine(titles)}`;
}

/** One row of the Excel file: the table's cells, each code followed by its label. */
export function excelRow(fields: readonly Field[], cells: readonly Cell[]): string {
  const out: Cell[] = [];
  fields.forEach((f, i) => {
    const value = cells[i] ?? null;
    out.push(value);
    if (f.enum) out.push(typeof value === 'string' ? frenchLabel(value) : null);
  });
  return excelLine(out);
}

function excelLine(cells: readonly Cell[]): string {
  return `${cells.map(field).join(';')}\r\n`;
}
