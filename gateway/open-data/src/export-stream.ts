/**
 * Writing one table as CSV or JSON while it is read from the graph: one page in memory at a time,
 * and the next page asked for only once the previous one is written out (the sink's back-pressure
 * holds the walk), so an export of any size costs the same memory.
 */
import { csvLine } from './csv.js';
import { LICENCES, RIGHTS } from './descriptors.js';
import { excelHeader, excelRow } from './excel.js';
import type { Ask } from './graph-walk.js';
import type { Table } from './tables.js';

/** `csv`: RFC 4180, for data.gouv.fr and programs; `excel`: the Excel-ready CSV (excel.ts); `json`. */
export type ExportFormat = 'csv' | 'excel' | 'json';

/** Where an export goes: resolves once the chunk may be followed by another (drained). */
export interface Sink {
  write(chunk: string): Promise<void>;
}

export interface ExportHooks {
  /** Called once the first page is in, before anything is written: the partners missing from it. */
  begin?(missingPartners: readonly string[]): Promise<void> | void;
  /**
   * Called when a partner that answered the first pages stops answering mid-way. Throw to stop
   * the export (an HTTP answer whose header said "complete" must not go on incomplete).
   */
  partnerLost?(partner: string): void;
}

export interface ExportResult {
  rows: number;
  generatedAt: string;
  missingPartners: string[];
}

/** Streams `table` from the graph to `sink`. Rejects with GraphUnavailable before writing anything when the graph cannot answer. */
export async function exportTable(
  table: Table,
  format: ExportFormat,
  ask: Ask,
  sink: Sink,
  hooks: ExportHooks = {},
): Promise<ExportResult> {
  const generatedAt = new Date().toISOString();
  const pages = table.pages(ask);
  const first = await pages.next();
  const missing = new Set(first.done ? [] : first.value.missingPartners);
  await hooks.begin?.([...missing].sort());
  const names = table.fields.map((f) => f.name);
  let rows = 0;
  let separator = '';
  if (format === 'csv') {
    await sink.write(csvLine(names));
  } else if (format === 'excel') {
    await sink.write(excelHeader(table.fields));
  } else {
    await sink.write(
      `{"licences":${JSON.stringify(LICENCES[table.origin])},"attribution":${JSON.stringify(RIGHTS)},"genere_le":${JSON.stringify(generatedAt)},"schema":${JSON.stringify(`${table.name}.schema.json`)},"donnees":[`,
    );
  }
  for (let page = first; !page.done; page = await pages.next()) {
    for (const partner of page.value.missingPartners) {
      if (missing.has(partner)) continue;
      missing.add(partner);
      hooks.partnerLost?.(partner);
    }
    if (page.value.nodes.length === 0) continue;
    let chunk = '';
    for (const row of page.value.nodes) {
      if (format === 'csv') chunk += csvLine(row);
      else if (format === 'excel') chunk += excelRow(table.fields, row);
      else {
        const record: Record<string, unknown> = {};
        names.forEach((name, i) => (record[name] = row[i] ?? null));
        chunk += `${separator}\n${JSON.stringify(record)}`;
        separator = ',';
      }
    }
    rows += page.value.nodes.length;
    await sink.write(chunk);
  }
  const missingPartners = [...missing].sort();
  if (format === 'json') {
    await sink.write(`\n],"partenaires_indisponibles":${JSON.stringify(missingPartners)},"complet":${missingPartners.length === 0}}\n`);
  }
  return { rows, generatedAt, missingPartners };
}
